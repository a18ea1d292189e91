import type { CallbackEntry } from '@console/shared/api';
import { describe, expect, it } from 'vitest';
import { callbackUrl, toCallbackCurl } from './curl';

const entry: CallbackEntry = {
  id: '01J',
  receivedAt: '2026-11-30T10:00:00.000Z',
  environmentId: 'prod sg',
  command: 'C2C.CallbackAfterSendMsg',
  verdict: 'accepted',
  reason: 'accepted',
  decidedBy: null,
  query: {
    SdkAppid: '1400000001',
    CallbackCommand: 'C2C.CallbackAfterSendMsg',
    contenttype: 'json',
    ClientIP: '$(rm -rf /)',
    OptPlatform: 'RESTAPI',
    RequestTime: '1700000000',
  },
  body: { CallbackCommand: 'C2C.CallbackAfterSendMsg', Text: "it's" },
  httpStatus: 200,
  answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
  durationMs: 1.5,
  clientAddress: '127.0.0.1',
  forwards: [],
};

describe('callbackUrl', () => {
  it('joins the origin and the environment, encoded', () => {
    expect(callbackUrl('https://console.example/', 'prod sg')).toBe(
      'https://console.example/callbacks/prod%20sg',
    );
  });
});

describe('toCallbackCurl', () => {
  it('re-creates the call with Sign and RequestTime as variables and nothing else expanding', () => {
    const curl = toCallbackCurl(entry, 'https://console.example');
    expect(curl).toContain(
      'curl -X POST "https://console.example/callbacks/prod%20sg?SdkAppid=1400000001&CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json&ClientIP=%24%28rm+-rf+%2F%29&OptPlatform=RESTAPI&RequestTime=$REQUEST_TIME&Sign=$SIGN"',
    );
    expect(curl).toContain(`--data-raw '{"CallbackCommand":"C2C.CallbackAfterSendMsg","Text":"it'\\''s"}'`);
    expect(curl).toContain('SIGN=$(printf');
    expect(curl).not.toContain('1700000000');
  });

  it('sends a body that was not JSON as its text', () => {
    expect(toCallbackCurl({ ...entry, body: '{oops' }, 'http://x')).toContain("--data-raw '{oops'");
  });
});
