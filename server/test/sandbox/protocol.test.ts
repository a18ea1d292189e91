import { deflateSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_ADMIN, SANDBOX_SDKAPPID } from '../../src/sandbox/index';
import { type Harness, startSandbox, TEST_KEY } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());
beforeEach(() => {
  h.clock.now = Date.now();
  h.reset();
});

const CHECK = 'im_open_login_svc/account_check';
const checkBody = { CheckItem: [{ UserID: 'alice' }] };

describe('sandbox envelope', () => {
  it('answers HTTP 200 with ActionStatus, ErrorCode, ErrorInfo and a RequestId shaped like the real one', async () => {
    const a = await h.call(CHECK, checkBody);
    const b = await h.call(CHECK, checkBody);
    expect(a).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(a.RequestId).toMatch(/^Id-[0-9a-f]{32}-O-Seq-\d+$/);
    expect(a.RequestId).not.toBe(b.RequestId);
  });
});

describe('sandbox query parameters', () => {
  it('answers 60012 when sdkappid is missing', async () => {
    expect(await h.call(CHECK, checkBody, { query: { sdkappid: null } })).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: 60012,
    });
  });

  it('answers 60006 when sdkappid is not a number or is another app', async () => {
    expect((await h.call(CHECK, checkBody, { query: { sdkappid: 'abc' } })).ErrorCode).toBe(60006);
    expect((await h.call(CHECK, checkBody, { query: { sdkappid: '1400000000' } })).ErrorCode).toBe(60006);
  });

  it('answers 60002 when identifier, random or contenttype is missing or invalid', async () => {
    const queries: Record<string, string | null>[] = [
      { identifier: null },
      { random: null },
      { random: '-1' },
      { random: '4294967296' },
      { random: '12.5' },
      { contenttype: null },
      { contenttype: 'xml' },
    ];
    for (const query of queries) {
      expect((await h.call(CHECK, checkBody, { query })).ErrorCode, JSON.stringify(query)).toBe(60002);
    }
  });

  it('accepts random at both ends of the uint32 range', async () => {
    expect((await h.call(CHECK, checkBody, { query: { random: '0' } })).ErrorCode).toBe(0);
    expect((await h.call(CHECK, checkBody, { query: { random: '4294967295' } })).ErrorCode).toBe(0);
  });

  it('answers 60009 for a service/command that is not in the catalog', async () => {
    expect((await h.call('im_open_login_svc/no_such_command')).ErrorCode).toBe(60009);
    expect((await h.call('no_such_service/account_check')).ErrorCode).toBe(60009);
  });

  it('answers 60002 for a path that is not /v4/{service}/{command} or a method other than POST', async () => {
    const wrongShape = await h.post('/v4/openim?sdkappid=1', { body: '{}' });
    expect(wrongShape.status).toBe(200);
    expect(await wrongShape.json()).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60002 });
    const get = await fetch(`${h.baseUrl}/v4/im_open_login_svc/account_check`);
    expect(await get.json()).toMatchObject({ ErrorCode: 60002 });
  });
});

describe('sandbox body', () => {
  it('answers 60003 when the body is not JSON, is empty or is not an object', async () => {
    for (const rawBody of ['not json', '', '[1,2]', '"text"', '{"a":']) {
      expect((await h.call(CHECK, undefined, { rawBody })).ErrorCode, rawBody).toBe(60003);
    }
  });

  it('answers 60003 as an envelope when the body is over 1 MB', async () => {
    const env = await h.call(CHECK, undefined, { rawBody: `{"x":"${'a'.repeat(1_100_000)}"}` });
    expect(env).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60003 });
  });
});

describe('sandbox UserSig verification', () => {
  it('answers 70001 once the sig has expired', async () => {
    const usersig = h.sig(SANDBOX_ADMIN, 60);
    expect((await h.call(CHECK, checkBody, { query: { usersig } })).ErrorCode).toBe(0);
    h.clock.now += 61_000;
    expect((await h.call(CHECK, checkBody, { query: { usersig } })).ErrorCode).toBe(70001);
  });

  it('answers 70003 for a sig made with another key', async () => {
    const usersig = h.sig(SANDBOX_ADMIN, 3600, 'c'.repeat(64));
    expect((await h.call(CHECK, checkBody, { query: { usersig } })).ErrorCode).toBe(70003);
  });

  it('answers 70013 when the identifier differs from the one in the sig', async () => {
    const usersig = h.sig('alice');
    expect((await h.call(CHECK, checkBody, { query: { usersig } })).ErrorCode).toBe(70013);
  });

  it('answers 70014 when the sig was made for another SDKAppID', async () => {
    const usersig = h.sig(SANDBOX_ADMIN, 3600, TEST_KEY, 1400000000);
    expect((await h.call(CHECK, checkBody, { query: { usersig } })).ErrorCode).toBe(70014);
  });

  it('answers 70003 for garbage and for a sig whose JSON lacks fields, 70002 for an empty one', async () => {
    expect((await h.call(CHECK, checkBody, { query: { usersig: 'garbage' } })).ErrorCode).toBe(70003);
    expect((await h.call(CHECK, checkBody, { query: { usersig: 'a+b/c=' } })).ErrorCode).toBe(70003);
    const noSig = deflateSync(
      JSON.stringify({ 'TLS.identifier': SANDBOX_ADMIN, 'TLS.sdkappid': SANDBOX_SDKAPPID }),
    )
      .toString('base64')
      .replaceAll('+', '*')
      .replaceAll('/', '-')
      .replaceAll('=', '_');
    expect((await h.call(CHECK, checkBody, { query: { usersig: noSig } })).ErrorCode).toBe(70003);
    expect((await h.call(CHECK, checkBody, { query: { usersig: '' } })).ErrorCode).toBe(70002);
    expect((await h.call(CHECK, checkBody, { query: { usersig: null } })).ErrorCode).toBe(70002);
  });

  it('answers 70003 when the sig was tampered with after signing', async () => {
    // Change the HMAC itself and re-encode: flipping a character of the encoded ticket can land in
    // the deflate stream's padding bits and leave the ticket valid.
    const decoded = JSON.parse(
      inflateSync(
        Buffer.from(h.sig().replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64'),
      ).toString(),
    ) as Record<string, unknown>;
    const sig = Buffer.from(String(decoded['TLS.sig']), 'base64');
    sig[0] = (sig[0] ?? 0) ^ 0xff;
    const tampered = deflateSync(
      Buffer.from(JSON.stringify({ ...decoded, 'TLS.sig': sig.toString('base64') })),
    )
      .toString('base64')
      .replace(/\+/g, '*')
      .replace(/\//g, '-')
      .replace(/=/g, '_');
    expect((await h.call(CHECK, checkBody, { query: { usersig: tampered } })).ErrorCode).toBe(70003);
  });

  it('answers 70403 / 60010 when a valid sig belongs to an account that is not the App admin', async () => {
    const query = { identifier: 'alice', usersig: h.sig('alice') };
    expect((await h.call(CHECK, checkBody, { query })).ErrorCode).toBe(70403);
    expect(
      (
        await h.call(
          'profile/portrait_get',
          { To_Account: ['bob'], TagList: ['Tag_Profile_IM_Nick'] },
          { query },
        )
      ).ErrorCode,
    ).toBe(60010);
  });

  it('never puts the usersig or the key in a log line or an answer', async () => {
    const usersig = h.sig('alice');
    const env = await h.call(CHECK, checkBody, { query: { usersig } });
    const text = JSON.stringify(env) + JSON.stringify(h.warnings);
    expect(h.warnings.length).toBeGreaterThan(0);
    expect(text).not.toContain(usersig);
    expect(text).not.toContain(TEST_KEY);
  });
});

describe('sandbox commands it does not emulate', () => {
  it('answers FAIL 99001 saying the command is not emulated, never a fake OK', async () => {
    const env = await h.call('live_engine_http_srv/resume_mcu_task', { RoomId: 'live-room' });
    expect(env).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: 99001,
      ErrorInfo: "live_engine_http_srv/resume_mcu_task is not emulated by the console's built-in sandbox",
    });
  });
});

describe('sandbox rate limit', () => {
  it('answers 60007 on the call past the documented per-second limit, then OK in the next second', async () => {
    // account_check is documented at 100 calls/s.
    h.clock.now = Math.floor(Date.now() / 1000) * 1000;
    for (let i = 0; i < 100; i++) expect((await h.call(CHECK, checkBody)).ErrorCode).toBe(0);
    const over = await h.call(CHECK, checkBody);
    expect(over).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60007 });
    // Other commands have their own counters.
    expect((await h.call('im_open_login_svc/kick', { UserID: 'alice' })).ErrorCode).toBe(0);
    h.clock.now += 1000;
    expect((await h.call(CHECK, checkBody)).ErrorCode).toBe(0);
  });
});

describe('sandbox reset', () => {
  it('restores the seed through POST /reset and through reset()', async () => {
    await h.call('im_open_login_svc/account_import', { UserID: 'zed' });
    const status = async (id: string) => {
      const env = await h.call(CHECK, { CheckItem: [{ UserID: id }] });
      return JSON.stringify(env.ResultItem);
    };
    expect(await status('zed')).toContain('"Imported"');
    const res = await h.post('/reset');
    expect(res.status).toBe(200);
    expect(await status('zed')).toContain('NotImported');
    await h.call('im_open_login_svc/account_delete', { DeleteItem: [{ UserID: 'alice' }] });
    expect(await status('alice')).toContain('NotImported');
    h.reset();
    expect(await status('alice')).toContain('"Imported"');
  });
});
