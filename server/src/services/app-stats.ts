import type { AppStatsDay, AppStatsResponse } from '@console/shared/api';
import { z } from 'zod';
import { AppError } from '../core/errors';
import type { Principal } from './auth';
import type { SendRequestService } from './send-request';

/** The figures change once a day: at most one upstream call per environment per hour, unless refreshed. */
export const APP_STATS_TTL_MS = 60 * 60 * 1000;

const resultSchema = z.object({
  ErrorCode: z.number().optional(),
  Result: z.array(z.record(z.string(), z.unknown())),
});

/** Tencent sends every figure as a string of digits. */
function figure(row: Record<string, unknown>, key: string): number | null {
  const v = row[key];
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
}

const sum = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));

export function appStatsDay(row: Record<string, unknown>): AppStatsDay | undefined {
  const date = typeof row.Date === 'string' ? /^(\d{4})(\d{2})(\d{2})$/.exec(row.Date) : null;
  if (!date) return undefined;
  const requests = figure(row, 'CallBackReq');
  const responses = figure(row, 'CallBackRsp');
  return {
    date: `${date[1]}-${date[2]}-${date[3]}`,
    activeUsers: figure(row, 'ActiveUserNum'),
    newRegistrations: figure(row, 'RegistUserNumOneDay'),
    totalRegistrations: figure(row, 'RegistUserNumTotal'),
    loginUsers: figure(row, 'LoginUserNum'),
    peakOnline: figure(row, 'MaxOnlineNum'),
    c2cUpMessages: figure(row, 'C2CUpMsgNum'),
    c2cDownMessages: figure(row, 'C2CDownMsgNum'),
    groupUpMessages: figure(row, 'GroupUpMsgNum'),
    groupDownMessages: figure(row, 'GroupDownMsgNum'),
    pushes: figure(row, 'APNSMsgNum') ?? sum(figure(row, 'C2CAPNSMsgNum'), figure(row, 'GroupAPNSMsgNum')),
    callbackRequests: requests,
    callbackResponses: responses,
    callbackSuccessRatio:
      requests === null || responses === null || requests === 0 ? null : responses / requests,
  };
}

type Fetched = Omit<AppStatsResponse, 'cached'>;

/**
 * The app's own statistics (getappinfo), fetched through the one send service — guard rails,
 * limiter, history and audit like any call — and kept per environment for an hour.
 */
export class AppStatsService {
  private readonly cache = new Map<string, { value: Fetched; at: number }>();
  private readonly inFlight = new Map<string, Promise<Fetched>>();

  constructor(
    private readonly send: Pick<SendRequestService, 'send'>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(user: Principal, environmentId: string, refresh: boolean): Promise<AppStatsResponse> {
    const hit = this.cache.get(environmentId);
    if (!refresh && hit && this.now() - hit.at < APP_STATS_TTL_MS) return { ...hit.value, cached: true };
    // Two wall screens refreshing at once make one call.
    let pending = this.inFlight.get(environmentId);
    if (!pending) {
      pending = this.fetch(user, environmentId).finally(() => this.inFlight.delete(environmentId));
      this.inFlight.set(environmentId, pending);
    }
    return { ...(await pending), cached: false };
  }

  private async fetch(user: Principal, environmentId: string): Promise<Fetched> {
    const entry = await this.send.send(user, {
      environmentId,
      service: 'openconfigsvr',
      command: 'getappinfo',
      body: {},
    });
    if (entry.outcome !== 'ok') {
      throw new AppError(
        'upstream/failed',
        502,
        `Tencent answered getappinfo with ${entry.errorCode ?? 'an error'}${entry.errorInfo ? `: ${entry.errorInfo}` : ''}`,
        { details: { errorCode: entry.errorCode, errorInfo: entry.errorInfo, historyId: entry.id } },
      );
    }
    const parsed = resultSchema.safeParse(entry.response);
    if (!parsed.success) {
      throw new AppError('upstream/bad-response', 502, 'getappinfo answered without a Result list', {
        details: { historyId: entry.id },
      });
    }
    const days = parsed.data.Result.map(appStatsDay)
      .filter((d): d is AppStatsDay => d !== undefined)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const value: Fetched = {
      days,
      fetchedAt: new Date(this.now()).toISOString(),
      historyId: entry.id,
      requestId: entry.requestId,
    };
    this.cache.set(environmentId, { value, at: this.now() });
    return value;
  }
}
