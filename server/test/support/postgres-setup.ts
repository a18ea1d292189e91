import { inject } from 'vitest';
import { useTestPostgres } from '../../src/adapters/db/testing';

// The `postgres` test project: every store a test opens is a fresh database on the run's cluster.
useTestPostgres(inject('postgresUrl'));
