import { randomBytes } from 'node:crypto';

/** Builds `Id-<32 hex>-O-Seq-<n>` like the real service's RequestId. */
export function createRequestIds(): () => string {
  let seq = 0;
  const instance = randomBytes(16).toString('hex');
  return () => {
    seq += 1;
    return `Id-${instance}-O-Seq-${seq}`;
  };
}

export type Envelope = Record<string, unknown>;

export function okEnvelope(requestId: string, fields: Record<string, unknown>): Envelope {
  return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RequestId: requestId, ...fields };
}

export function failEnvelope(
  requestId: string,
  code: number,
  info: string,
  fields: Record<string, unknown> = {},
): Envelope {
  return { ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info, RequestId: requestId, ...fields };
}
