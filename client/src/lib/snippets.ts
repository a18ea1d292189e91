import type { Environment, HistoryEntry } from '@console/shared/api';
import { callTarget, type QueryParam } from './curl';

/**
 * Code that makes a recorded call again from the reader's own program: the same endpoint, query and
 * body as `toCurl`, with the UserSig read from the `USERSIG` environment variable (a real one never
 * leaves the server) and a fresh `random` on every run (Tencent's de-duplication nonce).
 */

const usersigNote = (environment?: Environment, params: QueryParam[] = []) => {
  const identifier =
    params.find(
      (p): p is Extract<QueryParam, { kind: 'value' }> => p.kind === 'value' && p.key === 'identifier',
    )?.value ?? environment?.adminIdentifier;
  return `Set USERSIG to a UserSig of ${identifier === undefined ? 'the app admin' : `"${identifier}"`} (never paste one into code).`;
};

/** A JavaScript (and JSON) string literal. */
const jsString = (value: string) => JSON.stringify(value);

/** Node.js 18+ (global fetch), as an ES module for its top-level await. */
export function toNodeFetch(entry: HistoryEntry, environment?: Environment): string {
  const { endpoint, params } = callTarget(entry, environment);
  const query = params.map((p) => {
    if (p.kind === 'usersig') return '  usersig: process.env.USERSIG,';
    if (p.kind === 'random' || p.key === 'random')
      return '  random: String(Math.floor(Math.random() * 2 ** 32)),';
    return `  ${/^[A-Za-z_$][\w$]*$/.test(p.key) ? p.key : jsString(p.key)}: ${jsString(p.value)},`;
  });
  return [
    `// Node.js 18+, as an ES module (.mjs). ${usersigNote(environment, params)}`,
    "if (!process.env.USERSIG) throw new Error('Set USERSIG first');",
    'const query = new URLSearchParams({',
    ...query,
    '});',
    `const body = ${JSON.stringify(entry.requestBody, null, 2)};`,
    `const res = await fetch(\`${endpoint.replace(/[`\\$]/g, (c) => `\\${c}`)}?\${query}\`, {`,
    "  method: 'POST',",
    "  headers: { 'Content-Type': 'application/json' },",
    '  body: JSON.stringify(body),',
    '});',
    'console.log(await res.json());',
  ].join('\n');
}

/**
 * A JSON value as a Python literal: JSON's string and number literals are Python's too (`\uXXXX`,
 * `\n`, `\"` … mean the same), and `true` / `false` / `null` become `True` / `False` / `None`.
 */
export function pythonLiteral(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${pythonLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  }
  if (typeof value !== 'object') return 'None';
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pythonLiteral(v, inner)},`).join('\n')}\n${indent}}`;
}

/** Python 3 with `requests`. */
export function toPythonRequests(entry: HistoryEntry, environment?: Environment): string {
  const { endpoint, params } = callTarget(entry, environment);
  const query = params.map((p) => {
    if (p.kind === 'usersig') return '    "usersig": os.environ["USERSIG"],';
    if (p.kind === 'random' || p.key === 'random') return '    "random": random.getrandbits(32),';
    return `    ${JSON.stringify(p.key)}: ${JSON.stringify(p.value)},`;
  });
  return [
    `# Python 3 with requests. ${usersigNote(environment, params)}`,
    'import os',
    'import random',
    '',
    'import requests',
    '',
    'query = {',
    ...query,
    '}',
    `body = ${pythonLiteral(entry.requestBody)}`,
    `res = requests.post(${JSON.stringify(endpoint)}, params=query, json=body, timeout=15)`,
    'print(res.json())',
  ].join('\n');
}
