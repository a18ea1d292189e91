import { describe, expect, it } from 'vitest';
import { isConsoleLocation } from './console-url';

describe('isConsoleLocation', () => {
  it('opens the console at /console and for links made before the dashboard was the landing page', () => {
    expect(isConsoleLocation('/console', '')).toBe(true);
    expect(isConsoleLocation('/', '?env=sandbox')).toBe(true);
    expect(isConsoleLocation('/', '?env=sandbox&command=openim/sendmsg')).toBe(true);
    expect(isConsoleLocation('/', '?from=01HISTORY')).toBe(true);
  });

  it('leaves / with the dashboard’s own parameters, and every other page, to the dashboard or its page', () => {
    expect(isConsoleLocation('/', '')).toBe(false);
    expect(isConsoleLocation('/', '?environmentId=sandbox&range=1h')).toBe(false);
    expect(isConsoleLocation('/history', '?command=openim/sendmsg')).toBe(false);
  });
});
