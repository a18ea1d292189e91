import type { JsonObject } from '@console/shared/api';

export type ParsedBody =
  | { ok: true; body: JsonObject }
  | { ok: false; message: string; line: number | null; column: number | null };

class SyntaxAt extends Error {
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(reason);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Finds where JSON text first goes wrong. Browsers word (and sometimes omit) the position in
 * JSON.parse errors differently, so the console scans the text itself to name a line and column.
 */
function locateSyntaxError(text: string): SyntaxAt | null {
  let i = 0;
  const fail = (reason: string): never => {
    throw new SyntaxAt(i, reason);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const ch = text.charAt(i);
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = text.charAt(i + 1);
        if (next !== '' && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail('invalid escape sequence in a string');
        continue;
      }
      if (ch < ' ') fail('line break or control character inside a string (write it as \\n)');
      i++;
    }
    fail('unterminated string');
  };
  const value = (): void => {
    ws();
    const c = text.charAt(i);
    if (c === '') fail('unexpected end of input, a value is missing');
    if (c === '{') {
      i++;
      ws();
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text.charAt(i) !== '"') fail('expected a property name in double quotes');
        string();
        ws();
        if (text.charAt(i) !== ':') fail("expected ':' after the property name");
        i++;
        value();
        ws();
        const after = text.charAt(i);
        if (after === '}') {
          i++;
          return;
        }
        if (after !== ',')
          fail(after === '' ? "unexpected end of input, expected ',' or '}'" : "expected ',' or '}'");
        i++;
        ws();
        if (text.charAt(i) === '}') fail("trailing comma before '}'");
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        const after = text.charAt(i);
        if (after === ']') {
          i++;
          return;
        }
        if (after !== ',')
          fail(after === '' ? "unexpected end of input, expected ',' or ']'" : "expected ',' or ']'");
        i++;
        ws();
        if (text.charAt(i) === ']') fail("trailing comma before ']'");
      }
    }
    if (c === '"') {
      string();
      return;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      i += number[0].length;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail(`unexpected character ${JSON.stringify(c)}`);
  };
  try {
    value();
    ws();
    if (i < text.length) fail('unexpected text after the end of the JSON value');
    return null;
  } catch (error) {
    if (error instanceof SyntaxAt) return error;
    throw error;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The editor's text as a request body: a JSON object, or a message saying where it is wrong. */
export function parseBody(text: string): ParsedBody {
  // Tencent expects `{}` for a command without fields; an empty editor means the same.
  if (text.trim() === '') return { ok: true, body: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const at = locateSyntaxError(text);
    if (at) {
      const { line, column } = lineAndColumn(text, at.offset);
      return {
        ok: false,
        line,
        column,
        message: `Invalid JSON at line ${line}, column ${column}: ${at.message}.`,
      };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, line: null, column: null, message: `Invalid JSON: ${reason}` };
  }
  if (!isJsonObject(value)) {
    return {
      ok: false,
      line: 1,
      column: 1,
      message: 'The body must be a JSON object ({} when the command takes no fields).',
    };
  }
  return { ok: true, body: value };
}
