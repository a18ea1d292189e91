import { describe, expect, it } from 'vitest';
import { parseTemplate, renderRow, TemplateError } from './template';

describe('run templates', () => {
  const t = parseTemplate(
    '{"From_Account":"{{user}}","Tag":"pre-{{user}}-{{n}}","Count":"{{n:number}}","Extra":"{{x:json}}","Keep":1}',
  );

  it('lists the columns it uses and renders strings, numbers and JSON', () => {
    expect(t.columns).toEqual(['user', 'n', 'x']);
    expect(renderRow(t, { user: 'alice', n: '42', x: '{"a":[1,2]}' })).toEqual({
      From_Account: 'alice',
      Tag: 'pre-alice-42',
      Count: 42,
      Extra: { a: [1, 2] },
      Keep: 1,
    });
  });

  it('refuses a missing column, a bad number and bad JSON, naming the column', () => {
    expect(() => renderRow(t, { n: '1', x: '1' })).toThrow(/no column "user"/);
    expect(() => renderRow(t, { user: 'a', n: 'ten', x: '1' })).toThrow(/"n" is not a number/);
    expect(() => renderRow(t, { user: 'a', n: '', x: '1' })).toThrow(TemplateError);
    expect(() => renderRow(t, { user: 'a', n: '1', x: '{nope' })).toThrow(/"x" is not JSON/);
  });

  it('refuses a template that is not a JSON object', () => {
    expect(() => parseTemplate('{"a":')).toThrow(/not JSON/);
    expect(() => parseTemplate('[1]')).toThrow(/JSON object/);
  });

  it('refuses a typed placeholder inside a longer string', () => {
    const bad = parseTemplate('{"a":"x{{n:number}}"}');
    expect(() => renderRow(bad, { n: '1' })).toThrow(/whole string/);
  });
});
