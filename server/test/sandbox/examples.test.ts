import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalog, commandKey } from '@console/shared/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulated, NOT_EMULATED, NOT_EMULATED_CODE } from '../../src/sandbox/commands/registry';
import { type Harness, type Json, startSandbox } from './harness';

// Issue 20: a new user who clicks Send on any emulated command's example must get an OK answer on a
// fresh sandbox, whether it is the first call or comes after every earlier example.

let h: Harness;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());

/** Per-item failures hidden inside an OK envelope: batch answers list them. */
function itemFailures(env: Json): unknown[] {
  const failures: unknown[] = [];
  for (const key of ['ErrorList', 'Fail_Account', 'FailAccounts', 'FailAccount']) {
    const v = env[key];
    if (Array.isArray(v) && v.length > 0) failures.push({ [key]: v });
  }
  // Any list of per-item results: ResultCode / RetCode / ErrorCode other than 0 is a failure.
  for (const [key, v] of Object.entries(env)) {
    if (!Array.isArray(v)) continue;
    for (const item of v) {
      if (typeof item !== 'object' || item === null) continue;
      for (const field of ['ResultCode', 'RetCode', 'ErrorCode'] as const) {
        if (field in item && item[field] !== 0) failures.push({ [key]: item });
      }
      // add_group_member, import_group_member, add_subscriber: Result 0 = failed (1 added, 2 already in).
      if (key !== 'ImportMsgResult' && 'Result' in item && item.Result === 0) failures.push({ [key]: item });
    }
  }
  return failures;
}

function outcome(env: Json): { code: unknown; info: unknown; items: unknown[] } {
  return { code: env.ErrorCode, info: env.ErrorInfo, items: itemFailures(env) };
}

const emulatedCommands = catalog.filter((c) => emulated.has(commandKey(c)));
/** The emulated commands by catalog group: one test each keeps every test short on a busy machine. */
const emulatedGroups = [...new Set(emulatedCommands.map((c) => c.group))].map(
  (group) => [group, emulatedCommands.filter((c) => c.group === group)] as const,
);
/** The in-order run is one sequence of 213 calls; it gets a budget above the default per-test one. */
const WHOLE_CATALOG_MS = 120_000;

describe('every catalog example on a fresh sandbox', () => {
  it('lists the not-emulated commands in one place, and only catalog commands', () => {
    const keys = new Set(catalog.map(commandKey));
    for (const key of [...emulated.keys(), ...NOT_EMULATED]) expect(keys.has(key), key).toBe(true);
    for (const key of keys) expect(emulated.has(key) !== NOT_EMULATED.includes(key), key).toBe(true);
    console.log(`sandbox emulates ${emulated.size} of ${catalog.length} catalog commands`);
    expect(emulated.size).toBeGreaterThanOrEqual(170);
  });

  it('records the count in the README', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
    expect(readme).toContain(`emulates **${emulated.size} of the ${catalog.length}** REST commands`);
  });

  it.each(emulatedGroups)('answers OK to each emulated %s command sent alone', async (_group, commands) => {
    const failed: Record<string, unknown> = {};
    for (const c of commands) {
      h.reset();
      const env = await h.call(commandKey(c), c.example);
      const got = outcome(env);
      if (got.code !== 0 || got.items.length > 0) failed[commandKey(c)] = got;
    }
    expect(failed).toEqual({});
  });

  it(
    'answers OK to every emulated example sent one after another in catalog order',
    async () => {
      h.reset();
      const failed: Record<string, unknown> = {};
      for (const c of catalog) {
        const env = await h.call(commandKey(c), c.example);
        if (!emulated.has(commandKey(c))) {
          expect(env.ErrorCode, commandKey(c)).toBe(NOT_EMULATED_CODE);
          continue;
        }
        const got = outcome(env);
        if (got.code !== 0 || got.items.length > 0) failed[commandKey(c)] = got;
      }
      expect(failed).toEqual({});
    },
    WHOLE_CATALOG_MS,
  );

  it('answers OK again after POST /sandbox/reset restored the seed', async () => {
    h.reset();
    const destroy = catalog.find((c) => c.command === 'destroy_group');
    if (!destroy) throw new Error('destroy_group is missing from the catalog');
    expect((await h.call(commandKey(destroy), destroy.example)).ErrorCode).toBe(0);
    expect((await h.call(commandKey(destroy), destroy.example)).ErrorCode).toBe(10010);
    const res = await h.post('/reset');
    expect(res.status).toBe(200);
    expect((await h.call(commandKey(destroy), destroy.example)).ErrorCode).toBe(0);
  });

  it.each(emulatedGroups)(
    'refuses an empty body to each %s command whose schema requires a field',
    async (_group, commands) => {
      h.reset();
      const acceptedEmpty: string[] = [];
      for (const c of commands) {
        const required = Array.isArray(c.schema.required) ? c.schema.required : [];
        const anyOf = Array.isArray(c.schema.anyOf) ? c.schema.anyOf : [];
        if (required.length === 0 && anyOf.length === 0) continue;
        const env = await h.call(commandKey(c), {});
        if (env.ErrorCode === 0) acceptedEmpty.push(commandKey(c));
      }
      expect(acceptedEmpty).toEqual([]);
    },
  );

  it.each(emulatedGroups)(
    'answers each %s command an envelope, never a crash, when example fields have the wrong type',
    async (_group, commands) => {
      const wrong = (v: unknown): unknown =>
        typeof v === 'string'
          ? 12345
          : typeof v === 'number'
            ? 'not-a-number'
            : Array.isArray(v)
              ? 'x'
              : v === null
                ? 1
                : typeof v === 'object'
                  ? [1]
                  : null;
      h.reset();
      const crashed: Record<string, unknown> = {};
      for (const c of commands) {
        const bodies = Object.keys(c.example).map((k) => ({ ...c.example, [k]: wrong(c.example[k]) }));
        bodies.push(Object.fromEntries(Object.entries(c.example).map(([k, v]) => [k, wrong(v)])));
        for (const body of bodies) {
          const env = await h.call(commandKey(c), body);
          // A handler that throws surfaces as the router's catch-all 60003; these bodies are valid JSON.
          if (
            typeof env.ErrorCode !== 'number' ||
            env.ErrorCode === 60003 ||
            typeof env.RequestId !== 'string'
          )
            crashed[commandKey(c)] = { body, env };
        }
      }
      expect(crashed).toEqual({});
    },
  );
});
