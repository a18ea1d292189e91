import type {
  ExplorerCall,
  ExplorerGroup,
  ExplorerProblem,
  ExplorerUser,
  GroupMember,
  GroupMembersPage,
  HistoryEntry,
  HistorySummary,
  JsonObject,
} from '@console/shared/api';
import { toConversationMessage } from '@console/shared/messages';
import type { Repositories } from '../adapters/db';
import { AppError } from '../core/errors';
import type { Principal } from './auth';
import type { EnvironmentRegistry } from './environments';
import type { SendRequestService } from './send-request';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Obj, k: string): string | null => (typeof o[k] === 'string' ? (o[k] as string) : null);
const num = (o: Obj, k: string): number | null => {
  const v = o[k];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return null;
};
const list = (o: Obj, k: string): Obj[] => (Array.isArray(o[k]) ? (o[k] as unknown[]).filter(isObj) : []);

/** The standard profile tags the user page shows (custom ones are asked for by name). */
export const standardProfileTags = [
  'Tag_Profile_IM_Nick',
  'Tag_Profile_IM_Image',
  'Tag_Profile_IM_Gender',
  'Tag_Profile_IM_BirthDay',
  'Tag_Profile_IM_Location',
  'Tag_Profile_IM_SelfSignature',
  'Tag_Profile_IM_AllowType',
  'Tag_Profile_IM_Language',
  'Tag_Profile_IM_Level',
  'Tag_Profile_IM_Role',
  'Tag_Profile_IM_AdminForbidType',
] as const;

/** How many of the console's own calls about the user or group the page lists. */
const RECENT_CALLS = 10;
/** Groups joined shown on the user page (get_joined_group_list's page). */
const GROUPS_SHOWN = 50;
const RECENT_MESSAGES = 20;

type Outcome<T> = { ok: true; value: T } | { ok: false };

/** The calls and problems of one page being filled. */
class Lookup {
  readonly calls: ExplorerCall[] = [];
  readonly problems: ExplorerProblem[] = [];

  constructor(
    private readonly send: SendRequestService,
    private readonly user: Principal,
    private readonly environmentId: string,
  ) {}

  /**
   * One read command through the one send service (guard rails, limiter, history, audit), recorded
   * as an explorer call. Answers the response when Tencent said OK; otherwise notes a problem for the
   * section and answers `{ok:false}`, so one failing part leaves the rest of the page.
   */
  async call(section: string, service: string, command: string, body: JsonObject): Promise<Outcome<Obj>> {
    let entry: HistoryEntry;
    try {
      entry = await this.send.send(this.user, {
        environmentId: this.environmentId,
        service,
        command,
        body,
        source: 'explorer',
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const recorded = isObj(err.extra) && isObj(err.extra.entry) ? (err.extra.entry as HistoryEntry) : null;
      if (recorded) this.note(recorded);
      this.problems.push({
        section,
        command: `${service}/${command}`,
        code: err.code,
        errorCode: null,
        message: err.message,
        historyId: recorded?.id ?? null,
      });
      return { ok: false };
    }
    this.note(entry);
    if (entry.outcome !== 'ok' || !isObj(entry.response)) {
      this.problems.push({
        section,
        command: `${service}/${command}`,
        code: 'upstream/failed',
        errorCode: entry.errorCode,
        message:
          entry.errorInfo ||
          entry.errorDoc?.meaning ||
          `Tencent answered ${entry.actionStatus ?? 'no envelope'}`,
        historyId: entry.id,
      });
      return { ok: false };
    }
    return { ok: true, value: entry.response };
  }

  private note(entry: HistoryEntry): void {
    this.calls.push({
      historyId: entry.id,
      service: entry.service,
      command: entry.command,
      outcome: entry.outcome,
      errorCode: entry.errorCode,
      requestId: entry.requestId,
    });
  }
}

function summary(e: HistoryEntry): HistorySummary {
  return {
    id: e.id,
    createdAt: e.createdAt,
    operator: e.operator,
    service: e.service,
    command: e.command,
    outcome: e.outcome,
    errorCode: e.errorCode,
    requestId: e.requestId,
  };
}

function member(m: Obj): GroupMember | undefined {
  const account = str(m, 'Member_Account');
  if (account === null) return undefined;
  return {
    account,
    role: str(m, 'Role'),
    joinTime: num(m, 'JoinTime'),
    mutedUntil: num(m, 'ShutUpUntil'),
    nameCard: str(m, 'NameCard'),
  };
}

/**
 * The support explorer (issue 15, decision 030): a user or a group on one page. Every upstream call
 * is a read command sent through the send service, so a viewer may look, the limiter paces it and
 * the history records it, tagged `explorer`.
 */
export class ExplorerService {
  constructor(
    private readonly deps: {
      send: SendRequestService;
      repos: Repositories;
      environments: EnvironmentRegistry;
    },
  ) {}

  private environment(environmentId: string): void {
    if (!this.deps.environments.get(environmentId)) {
      throw new AppError('environment/unknown', 404, `no environment "${environmentId}"`);
    }
  }

  /**
   * The console's own calls (not the explorer's lookups) whose body, answer or RequestId contains the
   * ID as a JSON string — quoted, so `user1` does not also find `user10`.
   */
  private async recentCalls(environmentId: string, id: string): Promise<HistorySummary[]> {
    const page = await this.deps.repos.history.list({
      environmentId,
      q: JSON.stringify(id),
      source: 'console',
      limit: RECENT_CALLS,
    });
    return page.items.map(summary);
  }

  async user(
    principal: Principal,
    environmentId: string,
    userId: string,
    opts: { customTags: readonly string[] },
  ): Promise<ExplorerUser> {
    this.environment(environmentId);
    const lookup = new Lookup(this.deps.send, principal, environmentId);
    const empty = {
      profile: null,
      online: null,
      muted: null,
      groups: null,
      groupCount: null,
      friends: null,
      unread: null,
      conversations: null,
    };

    const check = await lookup.call('account', 'im_open_login_svc', 'account_check', {
      CheckItem: [{ UserID: userId }],
    });
    if (!check.ok) {
      // Whether the account exists is the page's first fact: without it there is nothing to show.
      const problem = lookup.problems[0];
      throw new AppError(
        problem?.code === 'rate/limited' ? 'rate/limited' : 'upstream/failed',
        problem?.code === 'rate/limited' ? 429 : 502,
        `account_check failed: ${problem?.message ?? 'no answer'}`,
        { details: { calls: lookup.calls, problems: lookup.problems } },
      );
    }
    const item = list(check.value, 'ResultItem').find((r) => str(r, 'UserID') === userId);
    const exists = item !== undefined && str(item, 'AccountStatus') === 'Imported';
    const recentCalls = await this.recentCalls(environmentId, userId);
    if (!exists) {
      return {
        environmentId,
        userId,
        exists: false,
        ...empty,
        recentCalls,
        calls: lookup.calls,
        problems: lookup.problems,
      };
    }

    const [profile, online, muted, groups, friends, unread, conversations] = await Promise.all([
      lookup.call('profile', 'profile', 'portrait_get', {
        To_Account: [userId],
        TagList: [...standardProfileTags, ...opts.customTags],
      }),
      lookup.call('online', 'openim', 'query_online_status', { To_Account: [userId], IsNeedDetail: 1 }),
      lookup.call('muted', 'openconfigsvr', 'getnospeaking', { Get_Account: userId }),
      lookup.call('groups', 'group_open_http_svc', 'get_joined_group_list', {
        Member_Account: userId,
        Limit: GROUPS_SHOWN,
        Offset: 0,
        ResponseFilter: {
          GroupBaseInfoFilter: ['Type', 'Name', 'MemberNum'],
          SelfInfoFilter: ['Role', 'JoinTime'],
        },
      }),
      lookup.call('friends', 'sns', 'friend_get', { From_Account: userId, StartIndex: 0 }),
      lookup.call('unread', 'openim', 'get_c2c_unread_msg_num', { To_Account: userId }),
      lookup.call('conversations', 'recentcontact', 'get_list', {
        From_Account: userId,
        TimeStamp: 0,
        StartIndex: 0,
        TopTimeStamp: 0,
        TopStartIndex: 0,
        AssistFlags: 7,
      }),
    ]);

    return {
      environmentId,
      userId,
      exists: true,
      profile: profile.ok ? profileOf(profile.value, userId) : null,
      online: online.ok ? onlineOf(online.value, userId) : null,
      muted: muted.ok
        ? {
            c2cSeconds: num(muted.value, 'C2CmsgNospeakingTime') ?? 0,
            groupSeconds: num(muted.value, 'GroupmsgNospeakingTime') ?? 0,
          }
        : null,
      groups: groups.ok
        ? list(groups.value, 'GroupIdList').flatMap((g) => {
            const groupId = str(g, 'GroupId');
            if (groupId === null) return [];
            const self = isObj(g.SelfInfo) ? g.SelfInfo : {};
            return [
              {
                groupId,
                name: str(g, 'Name'),
                type: str(g, 'Type'),
                role: str(self, 'Role'),
                joinTime: num(self, 'JoinTime'),
                memberCount: num(g, 'MemberNum'),
              },
            ];
          })
        : null,
      groupCount: groups.ok ? num(groups.value, 'TotalCount') : null,
      friends: friends.ok ? num(friends.value, 'FriendNum') : null,
      unread: unread.ok ? num(unread.value, 'AllC2CUnreadMsgNum') : null,
      conversations: conversations.ok
        ? list(conversations.value, 'SessionItem').flatMap((s) => {
            const kind = num(s, 'Type') === 2 ? ('group' as const) : ('c2c' as const);
            const peer = kind === 'group' ? str(s, 'GroupId') : str(s, 'To_Account');
            if (peer === null) return [];
            return [{ kind, peer, time: num(s, 'MsgTime'), pinned: num(s, 'TopFlag') === 1 }];
          })
        : null,
      recentCalls,
      calls: lookup.calls,
      problems: lookup.problems,
    };
  }

  async group(
    principal: Principal,
    environmentId: string,
    groupId: string,
    page: { cursor?: number | undefined; limit: number },
  ): Promise<ExplorerGroup> {
    this.environment(environmentId);
    const lookup = new Lookup(this.deps.send, principal, environmentId);
    const infoCall = await lookup.call('info', 'group_open_http_svc', 'get_group_info', {
      GroupIdList: [groupId],
    });
    if (!infoCall.ok) {
      const problem = lookup.problems[0];
      throw new AppError(
        problem?.code === 'rate/limited' ? 'rate/limited' : 'upstream/failed',
        problem?.code === 'rate/limited' ? 429 : 502,
        `get_group_info failed: ${problem?.message ?? 'no answer'}`,
        { details: { calls: lookup.calls, problems: lookup.problems } },
      );
    }
    const recentCalls = await this.recentCalls(environmentId, groupId);
    const info = list(infoCall.value, 'GroupInfo').find((g) => str(g, 'GroupId') === groupId);
    // 10010: dissolved or never created; 10015: an invalid group ID.
    if (info === undefined || (num(info, 'ErrorCode') ?? 0) !== 0) {
      return {
        environmentId,
        groupId,
        exists: false,
        info: null,
        members: null,
        muted: null,
        recentMessages: null,
        recentCalls,
        calls: lookup.calls,
        problems: lookup.problems,
      };
    }
    const type = str(info, 'Type');
    const [members, muted, messages] = await Promise.all([
      this.memberPage(lookup, groupId, page),
      lookup.call('muted', 'group_open_http_svc', 'get_group_muted_account', { GroupId: groupId }),
      // An audio-video group keeps no history: asking would only fail.
      type === 'AVChatRoom'
        ? Promise.resolve<Outcome<Obj>>({ ok: false })
        : lookup.call('messages', 'group_open_http_svc', 'group_msg_get_simple', {
            GroupId: groupId,
            ReqMsgNumber: RECENT_MESSAGES,
          }),
    ]);
    const shut = (num(info, 'ShutUpAllMember') ?? str(info, 'ShutUpAllMember')) as number | string | null;
    return {
      environmentId,
      groupId,
      exists: true,
      info: {
        name: str(info, 'Name'),
        type,
        owner: str(info, 'Owner_Account'),
        introduction: str(info, 'Introduction'),
        notification: str(info, 'Notification'),
        faceUrl: str(info, 'FaceUrl'),
        createTime: num(info, 'CreateTime'),
        memberCount: num(info, 'MemberNum'),
        maxMemberCount: num(info, 'MaxMemberNum'),
        muteAll: shut === null ? null : shut === 'On',
        applyJoinOption: str(info, 'ApplyJoinOption'),
      },
      members:
        members === undefined
          ? null
          : { items: members.items, nextCursor: members.nextCursor, total: members.total },
      muted: muted.ok
        ? list(muted.value, 'ShuttedUinList').flatMap((m) => {
            const account = str(m, 'Member_Account');
            const until = num(m, 'ShuttedUntil');
            return account === null || until === null ? [] : [{ account, mutedUntil: until }];
          })
        : null,
      recentMessages: messages.ok
        ? list(messages.value, 'RspMsgList')
            .map(toConversationMessage)
            .filter((m) => m !== undefined)
            .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
        : null,
      recentCalls,
      calls: lookup.calls,
      problems: lookup.problems,
    };
  }

  /** A further page of a group's members (the group page's cursor). */
  async members(
    principal: Principal,
    environmentId: string,
    groupId: string,
    page: { cursor?: number | undefined; limit: number },
  ): Promise<GroupMembersPage> {
    this.environment(environmentId);
    const lookup = new Lookup(this.deps.send, principal, environmentId);
    const result = await this.memberPage(lookup, groupId, page);
    if (result === undefined) {
      const problem = lookup.problems[0];
      throw new AppError(
        problem?.code === 'rate/limited' ? 'rate/limited' : 'upstream/failed',
        problem?.code === 'rate/limited' ? 429 : 502,
        `get_group_member_info failed: ${problem?.message ?? 'no answer'}`,
        { details: { calls: lookup.calls, problems: lookup.problems } },
      );
    }
    return { ...result, calls: lookup.calls };
  }

  private async memberPage(
    lookup: Lookup,
    groupId: string,
    page: { cursor?: number | undefined; limit: number },
  ): Promise<Omit<GroupMembersPage, 'calls'> | undefined> {
    const offset = page.cursor ?? 0;
    const res = await lookup.call('members', 'group_open_http_svc', 'get_group_member_info', {
      GroupId: groupId,
      Limit: page.limit,
      Offset: offset,
    });
    if (!res.ok) return undefined;
    const items = list(res.value, 'MemberList')
      .map(member)
      .filter((m) => m !== undefined);
    const total = num(res.value, 'MemberNum');
    const next = offset + items.length;
    const more = items.length === page.limit && (total === null || next < total);
    return { items, nextCursor: more ? String(next) : null, total };
  }
}

function profileOf(response: Obj, userId: string): ExplorerUser['profile'] {
  const item = list(response, 'UserProfileItem').find((u) => str(u, 'To_Account') === userId);
  const fields = item === undefined ? [] : list(item, 'ProfileItem');
  const tagged = fields.flatMap((f) => {
    const tag = str(f, 'Tag');
    return tag === null ? [] : [{ tag, value: f.Value ?? null }];
  });
  const text = (tag: string) => {
    const v = tagged.find((f) => f.tag === tag)?.value;
    return typeof v === 'string' && v !== '' ? v : null;
  };
  return {
    nick: text('Tag_Profile_IM_Nick'),
    image: text('Tag_Profile_IM_Image'),
    gender: text('Tag_Profile_IM_Gender'),
    fields: tagged,
  };
}

function onlineOf(response: Obj, userId: string): ExplorerUser['online'] {
  const item = list(response, 'QueryResult').find((r) => str(r, 'To_Account') === userId);
  if (item === undefined) return { status: 'Unknown', platforms: [] };
  return {
    status: str(item, 'Status') ?? 'Unknown',
    platforms: list(item, 'Detail').flatMap((d) => {
      const platform = str(d, 'Platform');
      const status = str(d, 'Status');
      return platform === null || status === null ? [] : [{ platform, status }];
    }),
  };
}
