import { type CreateRunInput, runSchema } from '@console/shared/api';
import { api } from '../lib/api-client';

/** Query keys of runs; shared because the console page starts "fetch all" runs too. */
export const runKeys = {
  all: ['runs'] as const,
  list: () => ['runs', 'list'] as const,
  one: (id: string) => ['runs', 'one', id] as const,
};

export function startRun(input: CreateRunInput) {
  return api('/api/runs', { method: 'POST', body: input, schema: runSchema });
}
