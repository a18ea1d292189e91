/**
 * The lists of records in a Tencent answer (`ResultItem`, `MemberList`, `UserProfileItem` …), each
 * shown as a table: one row per element, one column per key any element has.
 */
export interface AnswerTable {
  /** Where the list is in the answer: `MemberList`, or `GroupInfo[0].MemberList` style for nested ones. */
  path: string;
  rows: readonly Record<string, unknown>[];
  /** Every key of any row, in the order they first appear. */
  columns: readonly string[];
}

type Row = Record<string, unknown>;

const isRecord = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How deep into objects the lists are looked for; a list's own elements are rows, not searched. */
const MAX_DEPTH = 3;

function columnsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/**
 * Every non-empty array whose elements are all objects, found in `answer` and the objects under it
 * (to `MAX_DEPTH`), in document order. A list nested in a single-element list (`GroupInfo[0]`) is
 * found too, as Tencent answers one group's members that way.
 */
export function tablesOf(answer: unknown): AnswerTable[] {
  const tables: AnswerTable[] = [];
  const visit = (value: unknown, path: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      if (value.length === 0 || !value.every(isRecord)) return;
      tables.push({ path, rows: value, columns: columnsOf(value) });
      if (value.length === 1) visit(value[0], `${path}[0]`, depth + 1);
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      visit(child, path === '' ? key : `${path}.${key}`, depth + 1);
    }
  };
  visit(answer, '', 0);
  return tables;
}

/** A cell as text: strings as they are, other values as JSON (so `null`, `true`, nested lists show as such). */
export function cellText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The table as CSV (RFC 4180, header line first), cells as `cellText`. The CSV writer loads with the
 * first download: `tablesOf` runs for every answer shown, so this module is on the console's first paint.
 */
export async function tableCsv(table: AnswerTable): Promise<string> {
  const { stringify } = await import('csv-stringify/browser/esm/sync');
  return stringify(
    table.rows.map((row) => table.columns.map((column) => cellText(row[column]))),
    { header: true, columns: [...table.columns], eof: true, record_delimiter: 'windows' },
  );
}
