import type { Migration, MigrationProvider } from 'kysely';
import { migration0001History } from './0001-history';
import { migration0002Auth } from './0002-auth';
import { migration0003Audit } from './0003-audit';
import { migration0004Hardening } from './0004-hardening';
import { migration0005StatsRollups } from './0005-stats-rollups';
import { migration0006Runs } from './0006-runs';
import { type MigrationLog, migration0008HistorySearch } from './0008-history-search';
import { migration0008HistorySource } from './0008-history-source';
import { migration0009Callbacks } from './0009-callbacks';
import { migration0010Replicas } from './0010-replicas';
import { migration0011HistoryTextIndex } from './0011-history-text-index';
import { migration0011HistoryTextWatermark } from './0011-history-text-watermark';
import { migration0012StatsRollupTiers } from './0012-stats-rollup-tiers';
import { migration0013StatsRollupFold } from './0013-stats-rollup-fold';
import { migration0014HistoryPartialIndexes } from './0014-history-partial-indexes';

/** In code rather than read from a folder, so the migrations ship with the bundle and run under tsx alike. */
const migrations: Record<string, Migration> = {
  '0001-history': migration0001History,
  '0002-auth': migration0002Auth,
  '0003-audit': migration0003Audit,
  '0004-hardening': migration0004Hardening,
  '0006-runs': migration0006Runs,
  '0005-stats-rollups': migration0005StatsRollups,
  '0008-history-source': migration0008HistorySource,
  '0009-callbacks': migration0009Callbacks,
  '0010-replicas': migration0010Replicas,
  '0014-history-partial-indexes': migration0014HistoryPartialIndexes,
};

export type { MigrationLog };

/** The migrations for a store; the ones that build indexes of existing rows report to `log`. */
export function migrationProviderFor(dialect: 'sqlite' | 'postgres', log: MigrationLog): MigrationProvider {
  return {
    getMigrations: async () => ({
      ...migrations,
      '0008-history-search': migration0008HistorySearch(dialect, log),
      '0011-history-text-index': migration0011HistoryTextIndex(dialect, log),
      '0011-history-text-watermark': migration0011HistoryTextWatermark(dialect),
      '0012-stats-rollup-tiers': migration0012StatsRollupTiers(dialect),
      '0013-stats-rollup-fold': migration0013StatsRollupFold(dialect),
    }),
  };
}
