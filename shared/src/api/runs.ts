import { z } from 'zod';
import { isoDateTimeSchema, requestBodySchema } from './common';

/**
 * Bulk runs (issue 14): one command sent once per row of a CSV or JSON Lines input, or one paged
 * read command followed from page to page ("fetch all"). See decision 035.
 */

/** Most bytes of CSV / JSON Lines text one run accepts; more is refused with 413 and this limit. */
export const RUN_INPUT_MAX_BYTES = 16 * 1024 * 1024;
/** Most rows one run holds. */
export const RUN_MAX_ROWS = 200_000;
/** Most rows sent at once by one run. */
export const RUN_MAX_CONCURRENCY = 8;
/** Pages a "fetch all" follows when the request does not say; at most RUN_MAX_PAGES. */
export const RUN_DEFAULT_MAX_PAGES = 100;
export const RUN_MAX_PAGES = 10_000;

export const runKindSchema = z.enum(['rows', 'pages']);
export type RunKind = z.infer<typeof runKindSchema>;

export const runStatusSchema = z.enum(['queued', 'running', 'paused', 'done', 'cancelled', 'failed']);
export type RunStatus = z.infer<typeof runStatusSchema>;

/**
 * A row's state. `sending` is stored before its call goes out; a row found `sending` when the server
 * starts was in flight when a process died and becomes `unknown`: it is never sent again by itself.
 */
export const runRowStateSchema = z.enum(['queued', 'sending', 'ok', 'fail', 'error', 'unknown', 'cancelled']);
export type RunRowState = z.infer<typeof runRowStateSchema>;

export const runInputFormatSchema = z.enum(['csv', 'jsonl']);
export type RunInputFormat = z.infer<typeof runInputFormatSchema>;

const target = {
  environmentId: z.string().min(1),
  service: z.string().min(1),
  command: z.string().min(1),
};

/** A run over rows: `template` is the body, with `{{column}}` placeholders; the rows come as text or as objects. */
export const rowsRunInputSchema = z
  .object({
    kind: z.literal('rows').optional(),
    ...target,
    template: z
      .string()
      .min(2)
      .max(256 * 1024),
    csv: z.string().optional(),
    /** How `csv` is to be read: comma-separated with a header line (default) or JSON Lines. */
    format: runInputFormatSchema.optional(),
    rows: z.array(z.record(z.string(), z.string())).max(RUN_MAX_ROWS).optional(),
    /** Calls per second, below the command's limit. */
    ratePerSec: z.number().positive().max(100_000).optional(),
    concurrency: z.number().int().min(1).max(RUN_MAX_CONCURRENCY).optional(),
    /** On production destructive commands: the command name, a space, and the row count (`"destroy_group 120"`). */
    confirm: z.string().max(200).optional(),
  })
  .refine((v) => (v.csv === undefined) !== (v.rows === undefined), {
    message: 'give either csv (text) or rows (objects), not both nor neither',
  });
export type RowsRunInput = z.infer<typeof rowsRunInputSchema>;

export const pagesRunInputSchema = z.object({
  kind: z.literal('pages'),
  ...target,
  /** The first page's body; the cursor fields are then filled from each answer. */
  body: requestBodySchema,
  maxPages: z.number().int().min(1).max(RUN_MAX_PAGES).optional(),
  ratePerSec: z.number().positive().max(100_000).optional(),
});
export type PagesRunInput = z.infer<typeof pagesRunInputSchema>;

export const createRunSchema = z.union([pagesRunInputSchema, rowsRunInputSchema]);
export type CreateRunInput = z.infer<typeof createRunSchema>;

/** A row that cannot become a body: its line in the input (1 = the header of a CSV) and why. */
export const renderErrorSchema = z.object({
  line: z.number().int(),
  row: z.number().int(),
  message: z.string(),
});
export type RenderError = z.infer<typeof renderErrorSchema>;

/** What a rows run would send, before anything is sent. */
export const runPreviewSchema = z.object({
  columns: z.array(z.string()),
  total: z.number().int(),
  /** The first rows rendered as the bodies they produce. */
  samples: z.array(z.object({ row: z.number().int(), line: z.number().int(), body: z.unknown() })),
  /** Rows that fail to render (the first 100), and how many fail in all. */
  errors: z.array(renderErrorSchema),
  errorCount: z.number().int(),
  /** Calls per second the run would be held to, and whether a confirmation is asked (its exact text). */
  limitPerSec: z.number(),
  confirmation: z.string().nullable(),
});
export type RunPreview = z.infer<typeof runPreviewSchema>;

export const runFailureSchema = z.object({
  row: z.number().int(),
  state: runRowStateSchema,
  errorCode: z.number().int().nullable(),
  errorInfo: z.string().nullable(),
  /** The error code's documented meaning, when the console knows it. */
  meaning: z.string().nullable(),
});
export type RunFailure = z.infer<typeof runFailureSchema>;

export const runSchema = z.object({
  id: z.string(),
  kind: runKindSchema,
  status: runStatusSchema,
  environmentId: z.string(),
  service: z.string(),
  command: z.string(),
  startedBy: z.string(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  finishedAt: isoDateTimeSchema.nullable(),
  /** Rows (a rows run) or pages so far (a pages run). */
  total: z.number().int(),
  done: z.number().int(),
  ok: z.number().int(),
  fail: z.number().int(),
  error: z.number().int(),
  unknown: z.number().int(),
  cancelled: z.number().int(),
  /** Items merged so far (pages runs; 0 for rows runs). */
  items: z.number().int(),
  /** The limit in force, the lower rate asked for, and the pace measured over the last seconds. */
  limitPerSec: z.number(),
  ratePerSec: z.number().nullable(),
  currentRatePerSec: z.number().nullable(),
  concurrency: z.number().int(),
  maxPages: z.number().int().nullable(),
  /** Why the run failed or stopped early, in words. */
  message: z.string().nullable(),
  retryOf: z.string().nullable(),
  latestFailures: z.array(runFailureSchema),
});
export type Run = z.infer<typeof runSchema>;

export const runListSchema = z.object({ items: z.array(runSchema) });
export type RunList = z.infer<typeof runListSchema>;

export const runResultsQuerySchema = z.object({ format: z.enum(['csv', 'jsonl']).default('csv') });

/** One line of a rows run's results. */
export const runResultRowSchema = z.object({
  row: z.number().int(),
  line: z.number().int(),
  values: z.record(z.string(), z.string()),
  state: runRowStateSchema,
  historyId: z.string().nullable(),
  requestId: z.string().nullable(),
  actionStatus: z.string().nullable(),
  errorCode: z.number().int().nullable(),
  errorInfo: z.string().nullable(),
});
export type RunResultRow = z.infer<typeof runResultRowSchema>;

/** Starts a new run from the rows of a run that did not succeed. */
export const retryRunSchema = z.object({
  states: z
    .array(z.enum(['fail', 'error', 'unknown', 'cancelled']))
    .min(1)
    .default(['fail', 'error']),
  ratePerSec: z.number().positive().max(100_000).optional(),
  concurrency: z.number().int().min(1).max(RUN_MAX_CONCURRENCY).optional(),
  confirm: z.string().max(200).optional(),
});
export type RetryRunInput = z.infer<typeof retryRunSchema>;

/** The confirmation a production destructive run asks for: the command name and the row count. */
export function runConfirmation(command: string, rows: number): string {
  return `${command} ${rows}`;
}
