import type { Kysely, Migration } from 'kysely';

/**
 * Bulk runs (issue 14, decision 035): a run and its rows. A row's state is written before its call
 * goes out, so after a crash the rows that were in flight are known (`sending`) and become `unknown`
 * rather than being sent again. Each row names the history entry of its call.
 */
export const migration0006Runs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('runs')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('environment_id', 'text', (c) => c.notNull())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('command', 'text', (c) => c.notNull())
      .addColumn('template', 'text', (c) => c.notNull())
      .addColumn('columns', 'text', (c) => c.notNull())
      .addColumn('started_by', 'text', (c) => c.notNull())
      .addColumn('started_role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('rate_per_sec', 'double precision')
      .addColumn('concurrency', 'integer', (c) => c.notNull())
      .addColumn('max_pages', 'integer')
      .addColumn('message', 'text')
      .addColumn('retry_of', 'text')
      .execute();
    await db.schema.createIndex('runs_status').ifNotExists().on('runs').columns(['status']).execute();
    await db.schema
      .createIndex('runs_created')
      .ifNotExists()
      .on('runs')
      .columns(['created_at', 'id'])
      .execute();
    await db.schema
      .createTable('run_rows')
      .ifNotExists()
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('row_no', 'integer', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('row_values', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('history_id', 'text')
      .addColumn('request_id', 'text')
      .addColumn('action_status', 'text')
      .addColumn('error_code', 'integer')
      .addColumn('error_info', 'text')
      .addColumn('items', 'text')
      .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_rows_pk', ['run_id', 'row_no'])
      .execute();
    await db.schema
      .createIndex('run_rows_state')
      .ifNotExists()
      .on('run_rows')
      .columns(['run_id', 'state', 'row_no'])
      .execute();
    await db.schema
      .createIndex('run_rows_history')
      .ifNotExists()
      .on('run_rows')
      .columns(['history_id'])
      .execute();
  },
};
