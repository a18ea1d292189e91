import { defineConfig } from 'vitest/config';

/**
 * The store's repository tests and the server's HTTP suites that touch the store run twice: on
 * SQLite (the `unit` project, with everything else) and on a real PostgreSQL (the `postgres`
 * project: one throwaway cluster per run, a fresh database per store; decision 038).
 */
const onPostgres = [
  'server/src/adapters/db/audit-repository.test.ts',
  'server/src/adapters/db/callback-repository.test.ts',
  'server/src/adapters/db/auth-repositories.test.ts',
  'server/src/adapters/db/history-repository.test.ts',
  'server/src/adapters/db/run-repository.test.ts',
  'server/src/services/{stats,tokens,users,sign-in-failures}.test.ts',
  'server/test/*.test.ts',
];
/** Needs the cluster itself. */
const postgresOnly = [
  'server/test/postgres-support.test.ts',
  'server/test/replicas.test.ts',
  'server/src/adapters/db/replicas.test.ts',
];
/**
 * HTTP suites that test the HTTP layer, the guard rails or the sandbox: the same code whatever the
 * store, and their store work (a session, a history row) is what the kept suites do too. Run once,
 * on SQLite, to keep CI's time down (decision 048).
 */
const storeAgnostic = [
  'server/test/{fuzz,malformed-input,serving,security,guard-rails,metrics,request-log}.test.ts',
  'server/test/callbacks-sandbox.test.ts',
];
/**
 * call-recorder.test.ts counts SQLite commits and reads the file behind the store's back (group
 * commit, decision 018); what it records is covered on PostgreSQL by the HTTP suites.
 * Never opens a store: config.test.ts.
 */
const storeless = ['server/test/config.test.ts'];
/**
 * crash.test.ts expects a restarted console to turn a killed one's pending calls into `unknown` at
 * once, which only a SQLite file owned by one process allows; on a shared PostgreSQL they are swept
 * once older than the upstream timeout plus a minute (a live replica's calls are pending too).
 */
const sqliteOnly = ['server/test/crash.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    setupFiles: ['./scripts/vitest-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'shared/src/**/*.test.ts',
            'server/src/**/*.test.ts',
            'server/test/**/*.test.ts',
            'client/src/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: postgresOnly,
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: [...onPostgres, ...postgresOnly],
          exclude: [...storeless, ...sqliteOnly, ...storeAgnostic],
          globalSetup: ['./server/test/support/postgres-global-setup.ts'],
          // Added to the shared setup file (extends: true merges the lists).
          setupFiles: ['./server/test/support/postgres-setup.ts'],
        },
      },
    ],
  },
});
