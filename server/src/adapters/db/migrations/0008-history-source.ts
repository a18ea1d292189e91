import type { Kysely, Migration } from 'kysely';

/**
 * Who made a call (issue 15, decision 030): null for what an operator sent, 'explorer' for the
 * support explorer's own lookups, so History can hide them. Existing rows were all sent by
 * operators, so they keep null; nothing is rewritten.
 */
export const migration0008HistorySource: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('history').addColumn('source', 'text').execute();
  },
};
