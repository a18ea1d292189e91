import { describe, expect, it } from 'vitest';
import { normalizeRequestId } from './request-id';

describe('normalizeRequestId', () => {
  const id = 'Id-3f9a1c2e7b-O-Seq-52031';
  it.each([
    [id],
    [`  ${id}\n`],
    [`"${id}"`],
    [`'${id}'`],
    [`\`${id}\``],
    [`“${id}”`],
    [`RequestId: ${id}`],
    [`RequestId:${id}`],
    [`requestid = ${id}`],
    [`"RequestId":"${id}",`],
    [`Request ID: ${id}.`],
    [`request_id: "${id}"`],
    [`(${id})`],
  ])('finds the bare ID in %j', (pasted) => {
    expect(normalizeRequestId(pasted)).toBe(id);
  });

  it('keeps a partial ID as it is, for a prefix search', () => {
    expect(normalizeRequestId(' Id-3f9a1c ')).toBe('Id-3f9a1c');
  });

  it('leaves an empty value empty', () => {
    expect(normalizeRequestId(' "" ')).toBe('');
  });
});
