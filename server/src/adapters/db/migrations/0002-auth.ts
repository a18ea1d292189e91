import type { Kysely, Migration } from 'kysely';

export const migration0002Auth: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .ifNotExists()
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .ifNotExists()
      // Only a hash of the session id is stored: a copy of the database cannot be replayed as cookies.
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().references('users.username').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sessions_username')
      .ifNotExists()
      .on('sessions')
      .column('username')
      .execute();
    await db.schema
      .createIndex('sessions_expires_at')
      .ifNotExists()
      .on('sessions')
      .column('expires_at')
      .execute();

    await db.schema
      .createTable('api_tokens')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull().references('users.username').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createIndex('api_tokens_owner')
      .ifNotExists()
      .on('api_tokens')
      .columns(['owner', 'created_at'])
      .execute();
  },
};
