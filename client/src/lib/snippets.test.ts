import { describe, expect, it } from 'vitest';
import { pythonLiteral, toNodeFetch, toPythonRequests } from './snippets';
import { productionSingapore, recordedCall } from './testing/recorded-call';

const entry = recordedCall({
  requestBody: {
    From_Account: 'bob',
    SyncOtherMachine: 2,
    Flag: true,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: text a snippet must not interpolate
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'it\'s $HOME `x` "q" \\ ${x}\n😀' } }],
    Empty: [],
    Nothing: null,
  },
  // A recorded URL never holds a real ticket; this one pretends to, to show it is not copied.
  url: 'https://adminapisgp.im.qcloud.com/v4/openim/sendmsg?sdkappid=20001234&identifier=admin%20x&usersig=REAL-TICKET&random=123456&contenttype=json',
});
const environment = productionSingapore;

/** Runs the Node snippet with its globals stubbed: what it would send, and what it prints. */
async function runNode(code: string, env: Record<string, string | undefined>) {
  const sent: { url: string; init: { method: string; headers: Record<string, string>; body: string } }[] = [];
  const printed: unknown[] = [];
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  const fetch = async (url: string, init: (typeof sent)[number]['init']) => {
    sent.push({ url, init });
    return { json: async () => ({ ActionStatus: 'OK' }) };
  };
  await new AsyncFunction('process', 'fetch', 'console', code)({ env }, fetch, {
    log: (v: unknown) => printed.push(v),
  });
  return { sent, printed };
}

describe('toNodeFetch', () => {
  it('sends the recorded call with the ticket from USERSIG and a fresh random, never the recorded ticket', async () => {
    const code = toNodeFetch(entry, environment);
    expect(code).not.toContain('REAL-TICKET');
    const { sent, printed } = await runNode(code, { USERSIG: 'ticket-from-env' });
    expect(sent).toHaveLength(1);
    const url = new URL(sent[0]?.url ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('https://adminapisgp.im.qcloud.com/v4/openim/sendmsg');
    expect([...url.searchParams.keys()]).toEqual([
      'sdkappid',
      'identifier',
      'usersig',
      'random',
      'contenttype',
    ]);
    expect(url.searchParams.get('sdkappid')).toBe('20001234');
    expect(url.searchParams.get('identifier')).toBe('admin x');
    expect(url.searchParams.get('usersig')).toBe('ticket-from-env');
    expect(url.searchParams.get('contenttype')).toBe('json');
    const random = Number(url.searchParams.get('random'));
    expect(Number.isInteger(random) && random >= 0 && random < 2 ** 32).toBe(true);
    expect(sent[0]?.init.method).toBe('POST');
    expect(sent[0]?.init.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(sent[0]?.init.body ?? '')).toEqual(entry.requestBody);
    expect(printed).toEqual([{ ActionStatus: 'OK' }]);
  });

  it('refuses to run without USERSIG rather than send "undefined" as the ticket', async () => {
    await expect(runNode(toNodeFetch(entry, environment), {})).rejects.toThrow('Set USERSIG first');
  });

  it('rebuilds the query from the environment when the recorded URL is unusable', async () => {
    const { sent } = await runNode(toNodeFetch({ ...entry, url: '' }, environment), { USERSIG: 't' });
    const url = new URL(sent[0]?.url ?? '');
    expect(url.searchParams.get('identifier')).toBe('administrator');
    expect(url.searchParams.get('usersig')).toBe('t');
  });
});

describe('toPythonRequests', () => {
  it('writes the body as a Python literal and reads the ticket from the environment', () => {
    const code = toPythonRequests(entry, environment);
    expect(code).not.toContain('REAL-TICKET');
    expect(code).toContain('"usersig": os.environ["USERSIG"],');
    expect(code).toContain('"random": random.getrandbits(32),');
    expect(code).toContain('"identifier": "admin x",');
    expect(code).toContain(
      'res = requests.post("https://adminapisgp.im.qcloud.com/v4/openim/sendmsg", params=query, json=body, timeout=15)',
    );
    expect(code).toContain(`body = ${pythonLiteral(entry.requestBody)}`);
  });
});

describe('pythonLiteral', () => {
  it('spells JSON the way Python reads it', () => {
    expect(pythonLiteral({ a: true, b: false, c: null, d: [1, 2.5, -3e-7], e: {}, f: [] })).toBe(
      [
        '{',
        '    "a": True,',
        '    "b": False,',
        '    "c": None,',
        '    "d": [',
        '        1,',
        '        2.5,',
        '        -3e-7,',
        '    ],',
        '    "e": {},',
        '    "f": [],',
        '}',
      ].join('\n'),
    );
  });

  it('writes strings as JSON string literals, which mean the same in Python', () => {
    // Checked against python3's ast.literal_eval when written: quotes, backslashes, control characters
    // and non-ASCII come back as they went in.
    expect(pythonLiteral('it\'s "q" \\ \n\t😀 é')).toBe('"it\'s \\"q\\" \\\\ \\n\\t😀 é"');
  });
});
