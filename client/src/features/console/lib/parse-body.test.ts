import { describe, expect, it } from 'vitest';
import { parseBody } from './parse-body';

describe('parseBody', () => {
  it('accepts a JSON object and treats an empty editor as {}', () => {
    expect(parseBody('{"UserID":"u1","N":[1,2.5e3,true,null]}')).toEqual({
      ok: true,
      body: { UserID: 'u1', N: [1, 2500, true, null] },
    });
    expect(parseBody('  \n ')).toEqual({ ok: true, body: {} });
  });

  it('names the line and column of a missing comma', () => {
    const result = parseBody('{\n  "a": 1\n  "b": 2\n}');
    expect(result).toMatchObject({ ok: false, line: 3, column: 3 });
    expect(result.ok === false && result.message).toBe(
      "Invalid JSON at line 3, column 3: expected ',' or '}'.",
    );
  });

  it('names a trailing comma, an unquoted key and an unterminated body', () => {
    expect(parseBody('{"a": 1,}')).toMatchObject({ ok: false, line: 1, column: 9 });
    expect(parseBody('{a: 1}')).toMatchObject({ ok: false, line: 1, column: 2 });
    expect(parseBody('{"a": [1, 2')).toMatchObject({ ok: false, line: 1, column: 12 });
    expect(parseBody('{"a": "x')).toMatchObject({
      ok: false,
      message: expect.stringContaining('unterminated'),
    });
  });

  it('refuses JSON that is not an object', () => {
    expect(parseBody('[1]')).toMatchObject({
      ok: false,
      message: expect.stringContaining('must be a JSON object'),
    });
    expect(parseBody('"text"')).toMatchObject({ ok: false });
  });
});
