// Pure lookups over a list of catalog commands: no command data is imported here, so the client can
// use them on the catalog it fetched without bundling all 213 commands (`@console/shared/catalog/lookups`).
// `./index.ts` applies the same functions to the built-in catalog for the server.
import type { CatalogCommand } from '../api/catalog';

type CommandId = Pick<CatalogCommand, 'service' | 'command'>;

/** `service/command`, the key a command goes by in URLs, drafts and maps. */
export function commandKey(c: CommandId): string {
  return `${c.service}/${c.command}`;
}

/** The command with this `service/command` key, or undefined. */
export function findByKey<C extends CommandId>(commands: readonly C[], key: string): C | undefined {
  return commands.find((c) => commandKey(c) === key);
}

export interface CommandGroup<C extends Pick<CatalogCommand, 'group'> = CatalogCommand> {
  name: string;
  commands: C[];
}

/** Commands by group, groups and commands in the order given (the sidebar's structure). */
export function commandsByGroup<C extends Pick<CatalogCommand, 'group'>>(
  commands: readonly C[],
): CommandGroup<C>[] {
  const groups = new Map<string, C[]>();
  for (const c of commands) {
    const list = groups.get(c.group);
    if (list) list.push(c);
    else groups.set(c.group, [c]);
  }
  return [...groups].map(([name, list]) => ({ name, commands: list }));
}

type Searchable = Pick<CatalogCommand, 'service' | 'command' | 'title' | 'group' | 'description'>;

function words(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * How well a command matches every word of the query, or -1 when a word matches nothing: a hit on
 * `service/command` outranks one on the title, which outranks group or description.
 */
function score(c: Searchable, queryWords: readonly string[]): number {
  const key = commandKey(c).toLowerCase();
  const title = c.title.toLowerCase();
  const rest = `${c.group} ${c.description}`.toLowerCase();
  let total = 0;
  for (const w of queryWords) {
    if (key.includes(w)) total += c.command.toLowerCase() === w ? 100 : 10;
    else if (title.includes(w)) total += 5;
    else if (rest.includes(w)) total += 1;
    else return -1;
  }
  return total;
}

/** Whether every word of `query` is in the command's service, command, title, group or description. */
export function matchesQuery(c: Searchable, query: string): boolean {
  const w = words(query);
  return w.length === 0 || score(c, w) > 0;
}

/** The commands matching every word of `query`, best first (see `score`); all of them for an empty query. */
export function searchCommands<C extends Searchable>(commands: readonly C[], query: string): C[] {
  const w = words(query);
  if (w.length === 0) return [...commands];
  const scored: { command: C; score: number }[] = [];
  for (const c of commands) {
    const s = score(c, w);
    if (s > 0) scored.push({ command: c, score: s });
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.command);
}

/**
 * JSON-pointer paths (e.g. "/MsgRandom") of the top-level body fields Tencent de-duplicates on,
 * as marked with `"x-dedup": true` in the command's schema. A replay must change these or risk
 * being silently dropped.
 */
export function dedupFields(cmd: Pick<CatalogCommand, 'schema'> | undefined): string[] {
  const properties = cmd?.schema.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  const paths: string[] = [];
  for (const [name, field] of Object.entries(properties)) {
    if (typeof field === 'object' && field !== null && 'x-dedup' in field && field['x-dedup'] === true) {
      paths.push(`/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    }
  }
  return paths;
}

/** The top-level field a one-segment JSON pointer names ("/MsgRandom" → "MsgRandom"), or null. */
export function topLevelField(pointer: string): string | null {
  if (!pointer.startsWith('/') || pointer.indexOf('/', 1) !== -1) return null;
  return pointer.slice(1).replaceAll('~1', '/').replaceAll('~0', '~');
}
