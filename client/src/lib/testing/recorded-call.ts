import type { Environment, HistoryEntry } from '@console/shared/api';

/** A production app in Singapore, as the export tests copy calls from. */
export const productionSingapore: Environment = {
  id: 'prod-sg',
  label: 'Production · Singapore',
  region: 'singapore',
  host: 'adminapisgp.im.qcloud.com',
  sdkAppId: 20001234,
  adminIdentifier: 'administrator',
  production: true,
  readOnly: false,
  confirmWrites: true,
  sandbox: false,
  notEmulated: null,
};

/** A `sendmsg` recorded in `productionSingapore`, answered OK; `overrides` change what a test is about. */
export function recordedCall(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: 'e1',
    createdAt: '2026-11-26T10:40:00.000Z',
    operator: 'admin',
    environmentId: 'prod-sg',
    region: 'singapore',
    service: 'openim',
    command: 'sendmsg',
    requestBody: { From_Account: 'bob', MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] },
    url: 'https://adminapisgp.im.qcloud.com/v4/openim/sendmsg?sdkappid=20001234&identifier=administrator&usersig=REDACTED&random=123456&contenttype=json',
    httpStatus: 200,
    durationMs: 81,
    outcome: 'ok',
    actionStatus: 'OK',
    errorCode: 0,
    errorInfo: '',
    requestId: 'Id-1',
    response: { ActionStatus: 'OK' },
    errorDoc: null,
    failure: null,
    replayOf: null,
    ...overrides,
  };
}
