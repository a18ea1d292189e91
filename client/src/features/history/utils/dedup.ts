import type { JsonObject } from '@console/shared/api';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Top-level body fields the command's schema marks with `"x-dedup": true` (Tencent drops repeats of them). */
export function dedupFields(schema: Record<string, unknown> | undefined): string[] {
  const properties = schema?.properties;
  if (!isRecord(properties)) return [];
  return Object.entries(properties)
    .filter(([, field]) => isRecord(field) && field['x-dedup'] === true)
    .map(([name]) => name);
}

/** A random uint32 from a cryptographic source, the range Tencent accepts for MsgRandom and the like. */
export function randomUint32(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}

/** A copy of the body with each named field that is present given a fresh random value. */
export function withFreshValues(
  body: JsonObject,
  fields: readonly string[],
  random = randomUint32,
): JsonObject {
  const copy: JsonObject = { ...body };
  for (const field of fields) {
    if (field in copy) copy[field] = random();
  }
  return copy;
}
