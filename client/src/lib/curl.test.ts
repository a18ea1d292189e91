import { describe, expect, it } from 'vitest';
import { toCurl } from './curl';
import { productionSingapore, recordedCall } from './testing/recorded-call';

const entry = recordedCall({
  requestBody: {
    From_Account: 'bob',
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: "it's $HOME `x`" } }],
  },
});
const environment = productionSingapore;

/**
 * What a POSIX shell makes of the command: its words after quote removal and expansion of `vars`.
 * (The client has no Node types, so this follows the POSIX quoting rules rather than spawning sh.)
 */
function shellArgs(
  command: string,
  vars: Record<string, string> = { USERSIG: 'ticket-from-my-shell', RANDOM: '7' },
) {
  const words: string[] = [];
  let word: string | null = null;
  const expand = (rest: string): [string, number] => {
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0] ?? '';
    return [vars[name] ?? '', name.length];
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i] ?? '';
    if (c === '\\' && command[i + 1] === '\n') {
      i++;
    } else if (c === ' ' || c === '\n') {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= '';
      for (i++; command[i] !== '"'; i++) {
        const d = command[i] ?? '';
        if (d === '\\' && '$`"\\'.includes(command[i + 1] ?? '')) word += command[++i];
        else if (d === '$') {
          const [value, length] = expand(command.slice(i + 1));
          word += value;
          i += length;
        } else word += d;
      }
    } else if (c === '\\') {
      word = (word ?? '') + (command[++i] ?? '');
    } else if (c === '$') {
      const [value, length] = expand(command.slice(i + 1));
      word = (word ?? '') + value;
      i += length;
    } else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words.slice(1);
}

describe('toCurl', () => {
  it('posts to the real host and path with the usersig left to the shell, never the recorded value', () => {
    const curl = toCurl(entry, environment);
    expect(curl).toContain('https://adminapisgp.im.qcloud.com/v4/openim/sendmsg?');
    expect(curl).toContain('usersig=$USERSIG');
    expect(curl).not.toContain('REDACTED');
    expect(curl).toContain("-H 'Content-Type: application/json'");
  });

  it('passes the exact body and the expanded ticket to curl once a shell has parsed it', () => {
    const args = shellArgs(toCurl(entry, environment));
    expect(args[0]).toBe('-X');
    expect(args[1]).toBe('POST');
    expect(args[2]).toBe(
      'https://adminapisgp.im.qcloud.com/v4/openim/sendmsg?sdkappid=20001234&identifier=administrator&usersig=ticket-from-my-shell&random=123456&contenttype=json',
    );
    const body = args[args.indexOf('--data-raw') + 1];
    expect(JSON.parse(body ?? '')).toEqual(entry.requestBody);
  });

  it('keeps a path prefix and scheme of the recorded URL, such as the sandbox under /sandbox', () => {
    const sandbox = {
      ...entry,
      url: 'http://127.0.0.1:8080/sandbox/v4/openim/sendmsg?sdkappid=1&usersig=REDACTED',
    };
    const curl = toCurl(sandbox, { ...environment, host: '127.0.0.1:8080' });
    expect(curl).toContain('"http://127.0.0.1:8080/sandbox/v4/openim/sendmsg?sdkappid=1&usersig=$USERSIG"');
  });

  it('falls back to the host of the recorded URL without an environment', () => {
    expect(toCurl(entry)).toContain('"https://adminapisgp.im.qcloud.com/v4/openim/sendmsg?sdkappid=20001234');
  });

  it('rebuilds the query from the environment when the recorded URL is unusable', () => {
    const args = shellArgs(toCurl({ ...entry, url: '' }, environment));
    expect(args[2]).toBe(
      'https://adminapisgp.im.qcloud.com/v4/openim/sendmsg?sdkappid=20001234&identifier=administrator&usersig=ticket-from-my-shell&random=7&contenttype=json',
    );
  });
});
