import type { Kysely, Migration } from 'kysely';

/** Append-only by construction: the repository has no update or delete, and nothing else writes here. */
export const migration0003Audit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_log')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('details', 'text')
      .execute();
    const indexes: [string, string[]][] = [
      ['audit_log_at', ['at', 'id']],
      ['audit_log_actor', ['actor', 'at', 'id']],
      ['audit_log_action', ['action', 'at', 'id']],
    ];
    for (const [name, columns] of indexes) {
      await db.schema.createIndex(name).ifNotExists().on('audit_log').columns(columns).execute();
    }
  },
};
