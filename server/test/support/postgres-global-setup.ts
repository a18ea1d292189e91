import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the run's PostgreSQL cluster; tests make their own databases on it. */
    postgresUrl: string;
  }
}

/** One PostgreSQL cluster for the whole unit run (decision 038); each test file makes its own database. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const cluster = await startPostgres();
  process.stdout.write(
    `PostgreSQL for the tests: ${cluster.version} (${cluster.source}) on port ${cluster.port}, ready in ${Date.now() - started} ms\n`,
  );
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
