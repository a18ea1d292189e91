import type { Generated } from 'kysely';

/**
 * Row types of the store. Times are ISO-8601 UTC strings (`YYYY-MM-DDTHH:mm:ss.sssZ`) so they sort
 * lexically in every dialect; JSON values are TEXT so the same SQL runs on SQLite and PostgreSQL.
 */
export interface HistoryTable {
  id: string;
  created_at: string;
  operator: string;
  environment_id: string;
  region: string | null;
  service: string;
  command: string;
  request_body: string;
  url: string;
  http_status: number | null;
  duration_ms: number | null;
  outcome: string;
  action_status: string | null;
  error_code: number | null;
  error_info: string | null;
  request_id: string | null;
  response: string | null;
  error_doc: string | null;
  failure: string | null;
  replay_of: string | null;
  /** 'explorer' for the support explorer's own lookups; null for everything an operator sent. */
  source: string | null;
}

export interface UsersTable {
  username: string;
  password_hash: string;
  role: string;
  /** 0 or 1: an integer rather than a boolean so both dialects answer a number. */
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id_hash: string;
  username: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  owner: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  /** A role narrower than the owner's, or null for the owner's own. */
  role: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
}

export interface RunsTable {
  id: string;
  kind: string;
  status: string;
  environment_id: string;
  service: string;
  command: string;
  /** The body template (rows runs) or the first page's body (pages runs), as JSON text. */
  template: string;
  /** Column names of the input, as a JSON array. */
  columns: string;
  started_by: string;
  started_role: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  total: number;
  rate_per_sec: number | null;
  concurrency: number;
  max_pages: number | null;
  message: string | null;
  retry_of: string | null;
  /** The replica working the run, and until when (ISO) its claim holds unless renewed (migration 0010). */
  lease_owner: string | null;
  lease_until: string | null;
}

export interface RunRowsTable {
  run_id: string;
  row_no: number;
  /** The row's line in the input (rows runs) or the page number (pages runs). */
  line: number;
  /** The row's values, as a JSON object of strings. */
  row_values: string;
  /** The body sent (or to be sent), as JSON text. */
  body: string;
  state: string;
  /** The history entry of its call, set before the call goes out. */
  history_id: string | null;
  request_id: string | null;
  action_status: string | null;
  error_code: number | null;
  error_info: string | null;
  /** A page's items, as a JSON array (pages runs). */
  items: string | null;
  item_count: number;
  updated_at: string;
}

/** A call to the callback receiver (decision 036); JSON values as text, `query` without Sign. */
export interface CallbacksTable {
  id: string;
  received_at: string;
  environment_id: string;
  command: string;
  verdict: string;
  reason: string;
  decided_by: string | null;
  query: string;
  /** JSON text of the body; for a body that is not JSON, a JSON string of its (cut) text; null when unread. */
  body: string | null;
  http_status: number;
  answer: string;
  duration_ms: number;
  client_address: string | null;
  /** JSON array of deliveries to forward targets. */
  forwards: string;
}

/** Dashboard rollups (decisions 032, 050): `res` is 'm', 'q', 'h' or 'd' (minute, quarter hour, UTC hour, UTC day); `bucket` its start, as a stored time. */
interface RollupKey {
  res: string;
  bucket: string;
  environment_id: string;
  calls: number;
}

/** A latency histogram: h0 … h11 count durations per bucket of `latencyBoundsMs`. */
interface LatencyHistogram {
  h0: number;
  h1: number;
  h2: number;
  h3: number;
  h4: number;
  h5: number;
  h6: number;
  h7: number;
  h8: number;
  h9: number;
  h10: number;
  h11: number;
}

/** Calls per outcome with a latency histogram. */
export interface StatsSeriesTable extends RollupKey, LatencyHistogram {
  outcome: string;
}

export interface StatsCommandsTable extends RollupKey {
  service: string;
  command: string;
  outcome: string;
}

export interface StatsErrorCodesTable extends RollupKey {
  error_code: number;
}

export interface StatsOperatorsTable extends RollupKey {
  operator: string;
  outcome: string;
}

/**
 * The calls the fold has not yet moved to the four rollup tables: one row per minute and every key
 * of those tables (decision 056); `error_code` -1 unless the calls failed with a code.
 */
export interface StatsRecentTable extends LatencyHistogram {
  bucket: string;
  environment_id: string;
  service: string;
  command: string;
  operator: string;
  outcome: string;
  error_code: number;
  calls: number;
}

export interface DB {
  callbacks: CallbacksTable;
  runs: RunsTable;
  run_rows: RunRowsTable;
  history: HistoryTable;
  stats_series: StatsSeriesTable;
  stats_commands: StatsCommandsTable;
  stats_error_codes: StatsErrorCodesTable;
  stats_operators: StatsOperatorsTable;
  stats_recent: StatsRecentTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
}
