export type CommandResult =
  | { kind: 'ok'; fields: Record<string, unknown>; bare?: boolean }
  | { kind: 'fail'; code: number; info: string; fields: Record<string, unknown> };

export function ok(fields: Record<string, unknown> = {}): CommandResult {
  return { kind: 'ok', fields };
}

export function fail(code: number, info: string, fields: Record<string, unknown> = {}): CommandResult {
  return { kind: 'fail', code, info, fields };
}
