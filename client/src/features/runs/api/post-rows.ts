import type { RowsRunInput } from '@console/shared/api';
import type { z } from 'zod';
import { ApiError, api, readAnswer } from '../../../lib/api-client';

/** A run's input but its rows, which travel apart: a picked file as a Blob, pasted text as a string. */
export type RowsFields = Omit<RowsRunInput, 'csv' | 'rows'>;

export interface PostRowsRequest {
  path: string;
  fields: RowsFields;
  rows: string | Blob;
}

export type PostRowsAnswer =
  | { kind: 'answer'; status: number; text: string; retryAfter: string | null }
  | { kind: 'unreachable' };

/**
 * POSTs `fields` plus `csv` (the rows) to `path` from a worker (`post-rows.worker.ts`), so a large
 * input is encoded and sent off the page's main thread; the answer is read as `api` reads one.
 * Without workers (unit tests), it posts from here.
 */
export async function postRows<T extends z.ZodTypeAny>(
  path: string,
  fields: RowsFields,
  rows: string | Blob,
  schema: T,
): Promise<z.infer<T>> {
  if (typeof Worker === 'undefined') {
    const csv = typeof rows === 'string' ? rows : await rows.text();
    return api(path, { method: 'POST', body: { ...fields, csv }, schema });
  }
  const worker = new Worker(new URL('./post-rows.worker.ts', import.meta.url), { type: 'module' });
  try {
    const answer = await new Promise<PostRowsAnswer>((resolve, reject) => {
      worker.addEventListener('message', (event: MessageEvent<PostRowsAnswer>) => resolve(event.data));
      worker.addEventListener('error', () => reject(new Error('the upload worker failed to start')));
      const request: PostRowsRequest = { path, fields, rows };
      worker.postMessage(request);
    });
    if (answer.kind === 'unreachable') {
      throw new ApiError(0, 'network/unreachable', 'The console server cannot be reached.', null);
    }
    const headers = {
      get: (name: string) => (name.toLowerCase() === 'retry-after' ? answer.retryAfter : null),
    };
    return readAnswer(answer.status, headers, answer.text, schema);
  } finally {
    worker.terminate();
  }
}
