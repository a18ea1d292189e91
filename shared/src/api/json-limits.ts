/**
 * Limits on the shape of a JSON body. A body nested thousands of levels deep parses (V8's JSON.parse
 * does not recurse) but overflows the stack of every recursive walk after it — JSON.stringify for the
 * upstream, the history row, the answer — so the console would call Tencent and then fail to record
 * it. No Chat REST command nests more than a handful of levels or takes more than a few thousand
 * fields, so these are generous for real bodies and still far from where recursion breaks.
 */
export const BODY_MAX_DEPTH = 64;
export const BODY_MAX_KEYS = 20_000;

export interface JsonShapeLimits {
  /** Most nested objects/arrays, counting the outermost as 1. */
  maxDepth: number;
  /** Most object keys in the whole value. */
  maxKeys: number;
}

export type JsonShapeViolation = { kind: 'depth'; limit: number } | { kind: 'keys'; limit: number };

/**
 * Walks the value with an explicit stack (a recursive walk would overflow on the very input it
 * guards against) and stops at the first limit it crosses.
 */
export function checkJsonShape(value: unknown, limits: JsonShapeLimits): JsonShapeViolation | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  let keys = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limits.maxDepth) return { kind: 'depth', limit: limits.maxDepth };
    if (Array.isArray(current)) {
      for (const item of current)
        if (typeof item === 'object' && item !== null) stack.push([item, depth + 1]);
      continue;
    }
    for (const key in current) {
      if (!Object.hasOwn(current, key)) continue;
      keys += 1;
      if (keys > limits.maxKeys) return { kind: 'keys', limit: limits.maxKeys };
      const item = (current as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

export function describeJsonShapeViolation(v: JsonShapeViolation, what = 'the body'): string {
  return v.kind === 'depth'
    ? `${what} is nested deeper than ${v.limit} levels, the limit`
    : `${what} has more than ${v.limit} keys in all, the limit`;
}
