import type { Kysely, Migration } from 'kysely';

/**
 * Recorded third-party callbacks (issue 16, decision 036): one row per call to the receiver,
 * accepted or rejected, with its answer; `forwards` is the JSON array of its deliveries. Every filter
 * of the inspector has an index ending in `(received_at, id)`, like the history's.
 */
export const migration0009Callbacks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('callbacks')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('environment_id', 'text', (c) => c.notNull())
      .addColumn('command', 'text', (c) => c.notNull())
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('body', 'text')
      .addColumn('http_status', 'integer', (c) => c.notNull())
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('duration_ms', 'double precision', (c) => c.notNull())
      .addColumn('client_address', 'text')
      .addColumn('forwards', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('callbacks_received')
      .ifNotExists()
      .on('callbacks')
      .columns(['received_at', 'id'])
      .execute();
    for (const column of ['environment_id', 'command', 'verdict'] as const) {
      await db.schema
        .createIndex(`callbacks_${column}`)
        .ifNotExists()
        .on('callbacks')
        .columns([column, 'received_at', 'id'])
        .execute();
    }
  },
};
