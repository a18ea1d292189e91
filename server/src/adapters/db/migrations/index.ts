import type { Migration, MigrationProvider } from 'kysely';
import { migration0001History } from './0001-history';
import { migration0002Auth } from './0002-auth';
import { migration0003Audit } from './0003-audit';
import { migration0004Hardening } from './0004-hardening';
import { migration0005StatsRollups } from './0005-stats-rollups';
import { migration0006Runs } from './0006-runs';
import { migration0010Replicas } from './0010-replicas';

/** In code rather than read from a folder, so the migrations ship with the bundle and run under tsx alike. */
const migrations: Record<string, Migration> = {
  '0001-history': migration0001History,
  '0002-auth': migration0002Auth,
  '0003-audit': migration0003Audit,
  '0004-hardening': migration0004Hardening,
  '0006-runs': migration0006Runs,
  '0005-stats-rollups': migration0005StatsRollups,
  '0010-replicas': migration0010Replicas,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
