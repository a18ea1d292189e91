// Readers for the untyped JSON body: each returns undefined when the field is absent or has the
// wrong type, so a command can answer its module's invalid-parameter code.

export type Body = Record<string, unknown>;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(body: Body, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** A string that may legitimately be empty (e.g. clearing a group's notification). */
export function anyStr(body: Body, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' ? v : undefined;
}

export function int(body: Body, key: string): number | undefined {
  const v = body[key];
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
}

export function uint32(body: Body, key: string): number | undefined {
  const v = int(body, key);
  return v !== undefined && v >= 0 && v <= 4294967295 ? v : undefined;
}

export function strList(body: Body, key: string): string[] | undefined {
  const v = body[key];
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const out: string[] = [];
  for (const item of v) {
    if (typeof item !== 'string' || item.length === 0) return undefined;
    out.push(item);
  }
  return out;
}

export function recordList(body: Body, key: string): Body[] | undefined {
  const v = body[key];
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const out: Body[] = [];
  for (const item of v) {
    if (!isRecord(item)) return undefined;
    out.push(item);
  }
  return out;
}

/** A message body: a non-empty array of `{MsgType, MsgContent}` elements. */
export function msgBody(body: Body, key: string): unknown[] | undefined {
  const v = body[key];
  if (!Array.isArray(v) || v.length === 0) return undefined;
  for (const el of v) {
    if (!isRecord(el) || typeof el.MsgType !== 'string' || !isRecord(el.MsgContent)) return undefined;
  }
  return v;
}

/** UserID rule from the TLS code: ≤32 bytes, [a-zA-Z0-9_-] (the real service is a bit laxer). */
export function isValidUserId(id: string): boolean {
  return Buffer.byteLength(id) <= 32 && /^[A-Za-z0-9_@.-]+$/.test(id);
}

export function seconds(nowMs: number): number {
  return Math.floor(nowMs / 1000);
}
