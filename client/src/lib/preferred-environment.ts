import type { Environment } from '@console/shared/api';
import { readStored, writeStored } from './storage';

const KEY = 'console.environment';

export function rememberEnvironment(id: string): void {
  writeStored(KEY, id);
}

/** The environment named in the URL, else the last one used, else the first configured. */
export function pickEnvironment(
  environments: readonly Environment[],
  requested: string | null,
): Environment | undefined {
  const byId = (id: string | null) => (id ? environments.find((e) => e.id === id) : undefined);
  return byId(requested) ?? byId(readStored(KEY)) ?? environments[0];
}
