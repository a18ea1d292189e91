import { describe, expect, it } from 'vitest';
import { explorePath, searchTarget } from './paths';

describe('explorer paths', () => {
  it('encodes IDs and keeps the environment', () => {
    expect(explorePath('group', '@TGS#1NVT', 'prod sg')).toBe('/explore/groups/%40TGS%231NVT?env=prod%20sg');
    expect(explorePath('user', 'a/b')).toBe('/explore/users/a%2Fb');
  });

  it('sends @TGS# IDs and group: to the group page, anything else to the user page', () => {
    expect(searchTarget(' @TGS#abc ')).toEqual({ kind: 'group', id: '@TGS#abc' });
    expect(searchTarget('group: my-room')).toEqual({ kind: 'group', id: 'my-room' });
    expect(searchTarget('USER:group:x')).toEqual({ kind: 'user', id: 'group:x' });
    expect(searchTarget('8812')).toEqual({ kind: 'user', id: '8812' });
    expect(searchTarget('   ')).toBeUndefined();
  });
});
