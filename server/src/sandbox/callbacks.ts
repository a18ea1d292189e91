import { createHash } from 'node:crypto';
import { type Body, isRecord } from './state/body';

/** A third-party callback the sandbox raises for something it did (decision 036). */
export interface SandboxCallback {
  command: string;
  body: Record<string, unknown>;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const records = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/**
 * The callbacks Tencent would send after a successful call, with the fields of its documented
 * samples that the sandbox knows: after-send (one-to-one and group), group create, join, exit and
 * destroy, the state change of a kicked account, friends added and deleted.
 */
export function callbacksFor(
  key: string,
  body: Body,
  fields: Record<string, unknown>,
  ctx: { nowMs: number; admin: string },
): SandboxCallback[] {
  const EventTime = ctx.nowMs;
  const one = (command: string, rest: Record<string, unknown>): SandboxCallback[] => [
    { command, body: { CallbackCommand: command, ...rest, EventTime } },
  ];
  switch (key) {
    case 'openim/sendmsg':
      return one('C2C.CallbackAfterSendMsg', {
        From_Account: text(body.From_Account) ?? ctx.admin,
        To_Account: body.To_Account,
        MsgRandom: body.MsgRandom,
        MsgTime: fields.MsgTime,
        MsgKey: fields.MsgKey,
        OnlineOnlyFlag: body.OnlineOnlyFlag ?? 0,
        MsgBody: body.MsgBody,
        ...(body.CloudCustomData === undefined ? {} : { CloudCustomData: body.CloudCustomData }),
        SendMsgResult: 0,
        ErrorInfo: 'send msg succeed',
        UnreadMsgNum: 0,
      });
    case 'group_open_http_svc/send_group_msg':
      return one('Group.CallbackAfterSendMsg', {
        GroupId: body.GroupId,
        From_Account: text(body.From_Account) ?? ctx.admin,
        Operator_Account: ctx.admin,
        Random: body.Random,
        MsgSeq: fields.MsgSeq,
        MsgTime: fields.MsgTime,
        OnlineOnlyFlag: body.OnlineOnlyFlag ?? 0,
        MsgBody: body.MsgBody,
      });
    case 'group_open_http_svc/create_group':
      return one('Group.CallbackAfterCreateGroup', {
        GroupId: fields.GroupId,
        Type: body.Type,
        Name: body.Name,
        Operator_Account: ctx.admin,
        Owner_Account: text(body.Owner_Account) ?? '',
        MemberList: records(body.MemberList).map((m) => ({ Member_Account: m.Member_Account })),
      });
    case 'group_open_http_svc/add_group_member': {
      const joined = records(fields.MemberList).filter((m) => m.Result === 1);
      if (joined.length === 0) return [];
      return one('Group.CallbackAfterNewMemberJoin', {
        GroupId: body.GroupId,
        JoinType: 'Invited',
        Operator_Account: ctx.admin,
        NewMemberList: joined.map((m) => ({ Member_Account: m.Member_Account })),
      });
    }
    case 'group_open_http_svc/delete_group_member': {
      const gone = Array.isArray(body.MemberToDel_Account) ? body.MemberToDel_Account : [];
      return one('Group.CallbackAfterMemberExit', {
        GroupId: body.GroupId,
        ExitType: 'Kicked',
        Operator_Account: ctx.admin,
        ExitMemberList: gone.map((a) => ({ Member_Account: a })),
      });
    }
    case 'group_open_http_svc/destroy_group':
      return one('Group.CallbackAfterGroupDestroyed', { GroupId: body.GroupId, Operator_Account: ctx.admin });
    case 'im_open_login_svc/kick':
      return one('State.StateChange', {
        Info: { Action: 'Logout', To_Account: text(body.UserID) ?? text(body.Identifier), Reason: 'Kicked' },
        KickedDevice: [],
      });
    case 'sns/friend_add': {
      const from = text(body.From_Account);
      const added = records(fields.ResultItem).filter((r) => r.ResultCode === 0);
      if (from === undefined || added.length === 0) return [];
      return one('Sns.CallbackFriendAdd', {
        ClientCmd: 'friend_add',
        Admin_Account: ctx.admin,
        ForceFlag: body.ForceAddFlags === 1 ? 1 : 0,
        PairList: added.map((r) => ({
          From_Account: from,
          To_Account: r.To_Account,
          Initiator_Account: from,
        })),
      });
    }
    case 'sns/friend_delete': {
      const from = text(body.From_Account);
      const deleted = records(fields.ResultItem).filter((r) => r.ResultCode === 0);
      if (from === undefined || deleted.length === 0) return [];
      return one('Sns.CallbackFriendDelete', {
        ClientCmd: 'friend_delete',
        PairList: deleted.map((r) => ({ From_Account: from, To_Account: r.To_Account })),
      });
    }
    default:
      return [];
  }
}

export interface CallbackSenderOptions {
  sdkAppId: number;
  token: string;
  /** The receivers to call, e.g. `http://127.0.0.1:8080/callbacks/sandbox`; read at each send. */
  targets: () => string[];
  now?: () => number;
  logger?: { warn(obj: object, msg: string): void };
}

/**
 * Posts each callback to every target, signed as Tencent signs (`Sign = sha256(token + RequestTime)`),
 * after the call that raised it was answered. Fire and forget: a receiver that fails is logged.
 */
export function createCallbackSender(opts: CallbackSenderOptions): (callbacks: SandboxCallback[]) => void {
  const now = opts.now ?? Date.now;
  return (callbacks) => {
    for (const target of opts.targets()) {
      for (const cb of callbacks) {
        const requestTime = String(Math.floor(now() / 1000));
        const url = new URL(target);
        url.search = new URLSearchParams({
          SdkAppid: String(opts.sdkAppId),
          CallbackCommand: cb.command,
          contenttype: 'json',
          ClientIP: '127.0.0.1',
          OptPlatform: 'RESTAPI',
          RequestTime: requestTime,
          Sign: createHash('sha256')
            .update(opts.token + requestTime, 'utf8')
            .digest('hex'),
        }).toString();
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(cb.body),
          signal: AbortSignal.timeout(5_000),
        })
          .then((res) => res.arrayBuffer())
          .catch((err: unknown) => {
            opts.logger?.warn(
              { command: cb.command, reason: err instanceof Error ? err.message : String(err) },
              'the sandbox could not deliver a callback',
            );
          });
      }
    }
  };
}
