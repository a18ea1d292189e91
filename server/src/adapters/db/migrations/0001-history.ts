import type { Kysely, Migration } from 'kysely';

/**
 * Every filter of GET /api/requests has an index ending in (created_at, id), the keyset order, so a
 * filtered first page is an index walk that stops after `limit` rows instead of a sort.
 */
export const migration0001History: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('history')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('operator', 'text', (c) => c.notNull())
      .addColumn('environment_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text')
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('command', 'text', (c) => c.notNull())
      .addColumn('request_body', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('http_status', 'integer')
      .addColumn('duration_ms', 'double precision')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('action_status', 'text')
      .addColumn('error_code', 'integer')
      .addColumn('error_info', 'text')
      .addColumn('request_id', 'text')
      .addColumn('response', 'text')
      .addColumn('error_doc', 'text')
      .addColumn('failure', 'text')
      // No foreign key: retention may purge the original while its replays stay.
      .addColumn('replay_of', 'text')
      .execute();

    const indexes: [string, string[]][] = [
      ['history_request_id', ['request_id']],
      ['history_created', ['created_at', 'id']],
      ['history_environment', ['environment_id', 'created_at', 'id']],
      ['history_error_code', ['error_code', 'created_at', 'id']],
      ['history_service_command', ['service', 'command', 'created_at', 'id']],
      // The API lets `command` be filtered without `service`, which the index above cannot serve.
      ['history_command', ['command', 'created_at', 'id']],
      ['history_operator', ['operator', 'created_at', 'id']],
      ['history_outcome', ['outcome', 'created_at', 'id']],
      ['history_replay_of', ['replay_of']],
    ];
    for (const [name, columns] of indexes) {
      await db.schema.createIndex(name).ifNotExists().on('history').columns(columns).execute();
    }
  },
};
