// INTERIM: generated straight from the reference JSON so the other packages can build against the
// interface. The catalog work (issue 2) replaces this with one data module per service group.
import type { CatalogCommand } from '../api/catalog';
import raw from './interim-commands.json';

type RawCommand = {
  service: string;
  command: string;
  group: string;
  title: string;
  mutating: boolean;
  destructive: boolean;
  rateLimitPerSec: number | null;
  rateLimitVerified: boolean;
  docUrl: string;
  exampleBody: Record<string, unknown>;
  notes: string;
};

export const catalog: readonly CatalogCommand[] = (raw as RawCommand[]).map((c) => ({
  service: c.service,
  command: c.command,
  group: c.group,
  title: c.title,
  description: c.notes ? `${c.title}. ${c.notes}` : c.title,
  access: c.destructive ? 'destructive' : c.mutating ? 'write' : 'read',
  rateLimitPerSec: c.rateLimitPerSec,
  rateLimitVerified: c.rateLimitVerified,
  rateLimitNote: null,
  docUrl: c.docUrl,
  example: c.exampleBody,
  schema: { type: 'object' },
}));

const byKey = new Map(catalog.map((c) => [`${c.service}/${c.command}`, c]));

export function commandKey(c: { service: string; command: string }): string {
  return `${c.service}/${c.command}`;
}

export function findCommand(service: string, command: string): CatalogCommand | undefined {
  return byKey.get(`${service}/${command}`);
}
