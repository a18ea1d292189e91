import type { JsonObject } from '@console/shared/api';
import { topLevelField } from '@console/shared/catalog/lookups';

/** A random uint32 from a cryptographic source, the range Tencent accepts for MsgRandom and the like. */
export function randomUint32(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}

/**
 * The top-level fields named by the de-duplication pointers (`dedupFields` of the shared catalog
 * lookups, e.g. "/MsgRandom") that this body actually holds.
 */
export function presentDedupFields(body: JsonObject, pointers: readonly string[]): string[] {
  return pointers.flatMap((pointer) => {
    const field = topLevelField(pointer);
    return field !== null && field in body ? [field] : [];
  });
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
