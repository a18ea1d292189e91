import { SANDBOX_STATE_FULL } from '@console/shared/error-codes';
import { type CommandResult, fail } from './result';
import type { SandboxState } from './types';

/**
 * The sandbox keeps everything in memory, so every collection a caller can grow has a cap. A call
 * that would pass one answers SANDBOX_STATE_FULL; POST /sandbox/reset restores the seed.
 */
export const LIMITS = {
  accounts: 10_000,
  groups: 2_000,
  c2cMessages: 50_000,
  /** Per group; AVChatRoom messages are not stored (as in the real service). */
  groupMessages: 5_000,
  /** Entries in any other keyed collection (per owner or per app). */
  collection: 1_000,
  pushRecords: 500,
} as const;

export type Limits = { readonly [K in keyof typeof LIMITS]: number };

export function stateFull(what: string, limit: number): CommandResult {
  return fail(
    SANDBOX_STATE_FULL,
    `the sandbox is full: at most ${limit} ${what} are kept in memory; POST /sandbox/reset restores the seed`,
  );
}

/** A failure when adding `adding` more entries to a collection of `size` would pass `limit`. */
export function overCap(
  size: number,
  adding: number,
  limit: number,
  what: string,
): CommandResult | undefined {
  return size + adding > limit ? stateFull(what, limit) : undefined;
}

export function accountsFull(state: SandboxState, adding = 1): CommandResult | undefined {
  return overCap(state.accounts.size, adding, state.limits.accounts, 'accounts');
}
