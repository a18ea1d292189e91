/** A unique key (username, token hash, id) already exists. */
export class DuplicateError extends Error {
  override name = 'DuplicateError';
}

/** The change would leave the console without an enabled admin; nothing was changed. */
export class LastAdminError extends Error {
  override name = 'LastAdminError';
}

/** A paging cursor that this store did not write (or that was altered); routes answer 400. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
  constructor(message = 'the cursor is not valid for this list') {
    super(message);
  }
}

/** SQLite says SQLITE_CONSTRAINT_PRIMARYKEY/UNIQUE, PostgreSQL says 23505 (unique_violation). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = err.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
