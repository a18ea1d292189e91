// Body templates of bulk runs (issue 14). The template is JSON; inside any string, `{{column}}` is
// replaced by the row's value of that column. A string that is exactly `"{{column:number}}"` becomes
// a number and `"{{column:json}}"` the column parsed as JSON. Pure functions: the server renders
// every row, the client renders the preview as the operator types.

export type TemplateValue =
  | null
  | boolean
  | number
  | string
  | TemplateValue[]
  | { [key: string]: TemplateValue };

export type Row = Readonly<Record<string, string>>;

const placeholder = /\{\{\s*([^{}:]+?)\s*(?::\s*(number|json|string)\s*)?\}\}/g;
const whole = /^\{\{\s*([^{}:]+?)\s*(?::\s*(number|json|string)\s*)?\}\}$/;

export class TemplateError extends Error {}

export interface ParsedTemplate {
  root: TemplateValue;
  /** Columns the template refers to, in order of first use. */
  columns: string[];
}

/** Parses the template text once; throws TemplateError when it is not JSON or not an object. */
export function parseTemplate(text: string): ParsedTemplate {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    throw new TemplateError(`the template is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new TemplateError('the template must be a JSON object, as a request body is');
  }
  const columns: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(placeholder)) {
        const name = m[1] ?? '';
        if (!columns.includes(name)) columns.push(name);
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(visit);
  };
  visit(root);
  return { root: root as TemplateValue, columns };
}

function column(row: Row, name: string): string {
  const value = row[name];
  if (value === undefined) throw new TemplateError(`no column "${name}" in this row`);
  return value;
}

function renderString(text: string, row: Row): TemplateValue {
  const m = whole.exec(text);
  if (m) {
    const name = m[1] ?? '';
    const raw = column(row, name);
    if (m[2] === 'number') {
      const n = raw.trim() === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(n)) throw new TemplateError(`column "${name}" is not a number: "${raw}"`);
      return n;
    }
    if (m[2] === 'json') {
      try {
        return JSON.parse(raw) as TemplateValue;
      } catch {
        throw new TemplateError(`column "${name}" is not JSON: "${raw.slice(0, 80)}"`);
      }
    }
    return raw;
  }
  return text.replace(placeholder, (_all, name: string, kind: string | undefined) => {
    if (kind === 'number' || kind === 'json') {
      throw new TemplateError(`"{{${name}:${kind}}}" must be the whole string, with nothing around it`);
    }
    return column(row, name);
  });
}

function renderValue(v: TemplateValue, row: Row): TemplateValue {
  if (typeof v === 'string') return renderString(v, row);
  if (Array.isArray(v)) return v.map((x) => renderValue(x, row));
  if (typeof v === 'object' && v !== null) {
    const out: { [key: string]: TemplateValue } = {};
    for (const [k, x] of Object.entries(v)) out[k] = renderValue(x, row);
    return out;
  }
  return v;
}

/** The body one row produces; throws TemplateError naming the column when it cannot. */
export function renderRow(template: ParsedTemplate, row: Row): Record<string, TemplateValue> {
  const out = renderValue(template.root, row);
  if (typeof out !== 'object' || out === null || Array.isArray(out)) {
    throw new TemplateError('the template must render to a JSON object');
  }
  return out;
}
