import { type Body, str } from '../state/body';
import { type CommandResult, fail, ok } from '../state/result';
import type { SandboxState } from '../state/types';

/** live/room engine answers carry their payload under `Response`. */
export function okResponse(fields: Record<string, unknown> = {}): CommandResult {
  return ok({ Response: fields });
}

/** The accounts of `ids` that are not imported. */
export function missingAccounts(state: SandboxState, ids: readonly string[]): string[] {
  return ids.filter((id) => !state.accounts.has(id));
}

/** A required string field, or the module's invalid-parameter failure naming it. */
export function required(body: Body, key: string, code: number): string | CommandResult {
  return str(body, key) ?? fail(code, `${key} is missing or is not a string`);
}

export function isResult(v: unknown): v is CommandResult {
  return typeof v === 'object' && v !== null && 'kind' in v;
}

/** Pages `all` by an integer cursor kept as a string (`Next`/`Cursor` in several APIs). */
export function page<T>(all: readonly T[], cursor: unknown, count: number): { items: T[]; next: string } {
  const start = typeof cursor === 'string' && /^\d+$/.test(cursor) ? Number(cursor) : 0;
  const items = all.slice(start, start + count);
  return { items, next: start + count < all.length ? String(start + count) : '' };
}
