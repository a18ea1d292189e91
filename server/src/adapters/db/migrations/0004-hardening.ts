import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Issue 12's hardening: usernames unique regardless of case, and API tokens that may carry a role
 * narrower than their owner's. Calls in flight need no new column: a `pending` row uses the existing
 * outcome index, which also serves the sweep that turns a dead process's rows into `unknown`.
 */
export const migration0004Hardening: Migration = {
  async up(db: Kysely<unknown>) {
    const clashes = await sql<{ name: string }>`
      select lower(username) as name from users group by lower(username) having count(*) > 1`.execute(db);
    if (clashes.rows.length > 0) {
      const names = clashes.rows.map((r) => r.name).join(', ');
      throw new Error(
        `usernames must now be unique regardless of case, but several users are named ${names}: ` +
          'rename or remove all but one of each before upgrading',
      );
    }
    await db.schema
      .createIndex('users_username_lower')
      .unique()
      .on('users')
      .expression(sql`lower(username)`)
      .execute();
    // Null: the token acts with its owner's role, whatever that is at the time of each call.
    await db.schema.alterTable('api_tokens').addColumn('role', 'text').execute();
  },
};
