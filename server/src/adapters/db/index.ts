import { type AuditRepository, createAuditRepository } from './audit-repository';
import { type CallRecorder, type CallRecorderOptions, createCallRecorder } from './call-recorder';
import { type CallbackRepository, createCallbackRepository } from './callback-repository';
import { createHistoryRepository, type HistoryRepository } from './history-repository';
import type { Database } from './open';
import { createRunRepository, type RunRepository } from './run-repository';
import { createSessionRepository, type SessionRepository } from './session-repository';
import { createStatsRepository, type StatsRepository } from './stats-repository';
import { createTokenRepository, type TokenRepository } from './token-repository';
import { createUserRepository, type UserRepository } from './user-repository';

export { advisoryKey, withAdvisoryLock } from './advisory-lock';
export type { AuditEvent, AuditRepository } from './audit-repository';
export type { CallRecorder, CallRecorderOptions } from './call-recorder';
export type { CallbackRepository } from './callback-repository';
export { DuplicateError, InvalidCursorError, LastAdminError } from './errors';
export type { HistoryRepository } from './history-repository';
export { newId } from './ids';
export {
  createLiveBus,
  type LiveBus,
  type LiveEvent,
  type LiveEventKind,
  noLiveBus,
} from './live-bus';
export { type Database, type OpenDatabaseOptions, openDatabase, sqliteFileName } from './open';
export { HOUR_MS, latencyBoundsMs, MINUTE_MS } from './rollup-shape';
export type {
  NewRunRow,
  RowResult,
  RunCounts,
  RunRecord,
  RunRepository,
  RunRowRecord,
} from './run-repository';
export type { DB } from './schema';
export type { SessionRecord, SessionRepository } from './session-repository';
export {
  type CallFact,
  callFactOf,
  FOLD_LAG_MS,
  type Segment,
  type SeriesRow,
  type StatsRepository,
  segmentsOf,
} from './stats-repository';
export type { TokenRecord, TokenRepository } from './token-repository';
export type { UserRecord, UserRepository } from './user-repository';
export {
  createRateSlotStore,
  createWindowStore,
  type RateSlotStore,
  type WindowMode,
  type WindowStore,
} from './window-store';

export interface Repositories {
  history: HistoryRepository;
  users: UserRepository;
  sessions: SessionRepository;
  tokens: TokenRepository;
  audit: AuditRepository;
  /** Writes a call's history and audit rows together. */
  calls: CallRecorder;
  runs: RunRepository;
  /** The dashboard's rollups (decision 032). */
  stats: StatsRepository;
  /** Recorded third-party callbacks (decision 036). */
  callbacks: CallbackRepository;
}

export interface RepositoryOptions {
  /** The call recorder's options (batch size, search index batching, the bench's rollups switch). */
  calls?: CallRecorderOptions | undefined;
}

export function createRepositories(db: Database, options: RepositoryOptions = {}): Repositories {
  return {
    history: createHistoryRepository(db),
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    tokens: createTokenRepository(db),
    audit: createAuditRepository(db),
    calls: createCallRecorder(db, options.calls),
    runs: createRunRepository(db),
    stats: createStatsRepository(db),
    callbacks: createCallbackRepository(db),
  };
}
