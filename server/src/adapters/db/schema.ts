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

export interface DB {
  history: HistoryTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
}
