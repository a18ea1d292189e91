import { z } from 'zod';
import { InvalidCursorError } from './errors';

/** Keyset position: the sort key of the last row of a page. */
export interface CursorKey {
  at: string;
  id: string;
}

const storedTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const cursorSchema = z.tuple([z.string().regex(storedTime), z.string().min(1).max(200)]);

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorKey {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const parsed = cursorSchema.safeParse(value);
  if (!parsed.success) throw new InvalidCursorError();
  const [at, id] = parsed.data;
  return { at, id };
}
