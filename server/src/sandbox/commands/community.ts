import { anyStr, type Body, int, recordList, seconds, str, strList } from '../state/body';
import { nextId } from '../state/factory';
import { overCap } from '../state/limits';
import { type CommandResult, fail, ok } from '../state/result';
import type { Group, PermissionGroup, SandboxState, Topic } from '../state/types';
import { groupOr } from './groups';
import type { CommandFn } from './types';
import { page } from './util';

// Community groups: topics (`<GroupId>@TOPIC#_<id>`, at most 100 per community) and permission
// groups (`@PMG#_<id>`, at most 100), their members and per-topic permissions.

const MAX_TOPICS = 100;
const MAX_PERMISSION_GROUPS = 100;

function community(state: SandboxState, body: Body): { group: Group } | CommandResult {
  const f = groupOr(state, body);
  if (!('group' in f)) return f;
  return f.group.type === 'Community'
    ? f
    : fail(10007, 'topics and permission groups exist only in Community groups');
}

function topicJson(t: Topic) {
  return {
    TopicId: t.id,
    TopicName: t.name,
    Introduction: t.introduction,
    Notification: t.notification,
    FaceUrl: t.faceUrl,
    CustomString: t.customString,
    CreateTime: t.createTime,
    Owner_Account: t.owner,
    ShutUpAllMember: t.shutUpAll ? 'On' : 'Off',
    NextMsgSeq: t.nextMsgSeq,
  };
}

function addTopic(state: SandboxState, g: Group, body: Body, createTime: number): CommandResult {
  const name = str(body, 'TopicName');
  if (!name || Buffer.byteLength(name) > 150)
    return fail(10004, 'TopicName is missing or longer than 150 bytes');
  const full = overCap(g.topics.size, 1, MAX_TOPICS, 'topics per community');
  if (full) return full;
  const custom = str(body, 'TopicId');
  const id = custom ? `${g.id}@TOPIC#_${custom}` : `${g.id}@TOPIC#_${nextId(state, '@TOPIC#')}`;
  if (custom && !/^[\x21-\x7e]{1,48}$/.test(custom))
    return fail(10004, 'a custom TopicId is printable ASCII, at most 48 bytes');
  if (g.topics.has(id)) return fail(10021, 'the topic id is already in use');
  const from = str(body, 'From_Account') ?? '';
  if (from && !g.members.has(from)) return fail(10007, 'From_Account is not a member of the community');
  g.topics.set(id, {
    id,
    name,
    owner: from,
    introduction: str(body, 'Introduction') ?? '',
    notification: str(body, 'Notification') ?? '',
    faceUrl: str(body, 'FaceUrl') ?? '',
    customString: str(body, 'CustomString') ?? '',
    createTime,
    shutUpAll: false,
    nextMsgSeq: 1,
  });
  return ok({ TopicId: id });
}

export const createTopic: CommandFn = (state, body, ctx) => {
  const f = community(state, body);
  return 'group' in f ? addTopic(state, f.group, body, seconds(ctx.nowMs)) : f;
};

export const importTopic: CommandFn = (state, body, ctx) => {
  const f = community(state, body);
  if (!('group' in f)) return f;
  const created = int(body, 'CreateTime');
  if (created === undefined || created < 0 || created > seconds(ctx.nowMs))
    return fail(10004, 'CreateTime must be a past UNIX time in seconds');
  return addTopic(state, f.group, body, created);
};

export const getTopic: CommandFn = (state, body) => {
  const f = community(state, body);
  if (!('group' in f)) return f;
  const from = str(body, 'From_Account');
  if (from !== undefined && !state.accounts.has(from))
    return fail(10019, 'From_Account does not exist or is not imported');
  const ids = body.TopicIdList === undefined ? undefined : strList(body, 'TopicIdList');
  const topics = ids ?? [...f.group.topics.keys()];
  return ok({
    TopicInfo: topics.map((id) => {
      const t = f.group.topics.get(id);
      return t ? { ...topicJson(t), ErrorCode: 0 } : { TopicId: id, ErrorCode: 10010 };
    }),
  });
};

export const modifyTopic: CommandFn = (state, body) => {
  const f = community(state, body);
  if (!('group' in f)) return f;
  const id = str(body, 'TopicId');
  if (!id) return fail(10004, 'TopicId is missing or is not a string');
  const t = f.group.topics.get(id);
  if (!t) return fail(10010, 'the topic does not exist');
  const name = body.TopicName === undefined ? undefined : str(body, 'TopicName');
  if (body.TopicName !== undefined && (!name || Buffer.byteLength(name) > 150))
    return fail(10004, 'invalid TopicName');
  if (name) t.name = name;
  t.introduction = anyStr(body, 'Introduction') ?? t.introduction;
  t.notification = anyStr(body, 'Notification') ?? t.notification;
  t.faceUrl = anyStr(body, 'FaceUrl') ?? t.faceUrl;
  t.customString = anyStr(body, 'CustomString') ?? t.customString;
  const shut = body.ShutUpAllMember;
  if (shut === 'On' || shut === 'Off') t.shutUpAll = shut === 'On';
  return ok();
};

export const destroyTopic: CommandFn = (state, body) => {
  const f = community(state, body);
  if (!('group' in f)) return f;
  const ids = strList(body, 'TopicIdList');
  if (!ids) return fail(10004, 'TopicIdList is missing or is not an array of strings');
  return ok({
    DestroyResultItem: ids.map((id) => {
      if (!f.group.topics.delete(id))
        return { TopicId: id, ErrorCode: 10010, ErrorInfo: 'the topic does not exist' };
      for (const pg of f.group.permissionGroups.values()) pg.topics.delete(id);
      return { TopicId: id, ErrorCode: 0, ErrorInfo: '' };
    }),
  });
};

// Permission groups.

function permissionGroup(g: Group, body: Body): PermissionGroup | CommandResult {
  const id = str(body, 'PermissionGroupId');
  if (!id) return fail(10004, 'PermissionGroupId is missing or is not a string');
  return g.permissionGroups.get(id) ?? fail(10010, `the permission group ${id} does not exist`);
}
const isPg = (v: PermissionGroup | CommandResult): v is PermissionGroup => 'members' in v;

/** A command on one permission group of a community: the group and the permission group found first. */
function inPermissionGroup(
  fn: (at: { state: SandboxState; body: Body; f: { group: Group }; pg: PermissionGroup }) => CommandResult,
): CommandFn {
  return (state, body) => {
    const f = community(state, body);
    if (!('group' in f)) return f;
    const pg = permissionGroup(f.group, body);
    if (!isPg(pg)) return pg;
    return fn({ state, body, f, pg });
  };
}

function pgJson(pg: PermissionGroup) {
  return {
    PermissionGroupId: pg.id,
    PermissionGroupName: pg.name,
    Permission: pg.permission,
    CustomString: pg.customString,
    MemberNum: pg.members.size,
  };
}

export const createPermissionGroup: CommandFn = (state, body) => {
  const f = community(state, body);
  if (!('group' in f)) return f;
  const name = str(body, 'PermissionGroupName');
  if (!name || Buffer.byteLength(name) > 30)
    return fail(10004, 'PermissionGroupName is missing or longer than 30 bytes');
  const permission = body.Permission === undefined ? 0 : int(body, 'Permission');
  if (permission === undefined || permission < 0)
    return fail(10004, 'Permission must be a non-negative integer bit mask');
  const full = overCap(
    f.group.permissionGroups.size,
    1,
    MAX_PERMISSION_GROUPS,
    'permission groups per community',
  );
  if (full) return full;
  const custom = str(body, 'PermissionGroupId');
  const id = custom ? `@PMG#_${custom}` : nextId(state, '@PMG#_@PMG#c');
  if (f.group.permissionGroups.has(id)) return fail(10021, 'the permission group id is already in use');
  f.group.permissionGroups.set(id, {
    id,
    name,
    permission,
    customString: str(body, 'CustomString') ?? '',
    members: new Set(),
    topics: new Map(),
  });
  return ok({ PermissionGroupId: id });
};

export const destroyPermissionGroup: CommandFn = (state, body) => {
  const f = community(state, body);
  if (!('group' in f)) return f;
  const ids = strList(body, 'PermissionGroupIdList');
  if (!ids) return fail(10004, 'PermissionGroupIdList is missing or is not an array of strings');
  return ok({
    DestroyResultItem: ids.map((id) =>
      f.group.permissionGroups.delete(id)
        ? { PermissionGroupId: id, ErrorCode: 0, ErrorInfo: '' }
        : { PermissionGroupId: id, ErrorCode: 10010, ErrorInfo: 'the permission group does not exist' },
    ),
  });
};

export const modifyPermissionGroup = inPermissionGroup(({ body, pg }) => {
  const name = body.PermissionGroupName === undefined ? undefined : str(body, 'PermissionGroupName');
  if (body.PermissionGroupName !== undefined && (!name || Buffer.byteLength(name) > 30))
    return fail(10004, 'invalid PermissionGroupName');
  const permission = body.Permission === undefined ? undefined : int(body, 'Permission');
  if (body.Permission !== undefined && (permission === undefined || permission < 0))
    return fail(10004, 'invalid Permission');
  if (name) pg.name = name;
  if (permission !== undefined) pg.permission = permission;
  pg.customString = anyStr(body, 'CustomString') ?? pg.customString;
  return ok();
});

export const getPermissionGroup: CommandFn = (state, body) => {
  const f = community(state, body);
  if (!('group' in f)) return f;
  const ids = body.PermissionGroupIdList === undefined ? undefined : strList(body, 'PermissionGroupIdList');
  const all = [...f.group.permissionGroups.values()].filter((pg) => !ids || ids.includes(pg.id));
  const limit = Math.min(Math.max(int(body, 'Limit') ?? 20, 1), 100);
  const p = page(all, body.Next, limit);
  return ok({ PermissionGroupList: p.items.map(pgJson), Next: p.next });
};

function topicPermissions(f: { group: Group }, body: Body): [string, number][] | CommandResult {
  const list = recordList(body, 'TopicPermissionList');
  if (!list) return fail(10004, 'TopicPermissionList is missing or invalid');
  const out: [string, number][] = [];
  for (const item of list) {
    const topic = str(item, 'TopicId');
    const permission = int(item, 'Permission');
    if (!topic || permission === undefined || permission < 0)
      return fail(10004, 'each entry needs TopicId and Permission');
    if (!f.group.topics.has(topic)) return fail(10010, `the topic ${topic} does not exist`);
    out.push([topic, permission]);
  }
  return out;
}

function setTopicPermissions(mustExist: boolean): CommandFn {
  return inPermissionGroup(({ body, f, pg }) => {
    const entries = topicPermissions(f, body);
    if (!Array.isArray(entries)) return entries;
    if (mustExist) {
      const missing = entries.filter(([t]) => !pg.topics.has(t));
      if (missing.length > 0)
        return fail(10004, `the permission group has no permission on ${missing.map(([t]) => t).join(', ')}`);
    }
    for (const [t, p] of entries) pg.topics.set(t, p);
    return ok({
      TopicPermissionResultItem: entries.map(([TopicId]) => ({ TopicId, ErrorCode: 0, ErrorInfo: '' })),
    });
  });
}

export const addTopicPermissionGroup = setTopicPermissions(false);
export const setTopicPermissionGroup = setTopicPermissions(true);

export const deleteTopicPermissionGroup = inPermissionGroup(({ body, pg }) => {
  const ids = strList(body, 'TopicIdList');
  if (!ids) return fail(10004, 'TopicIdList is missing or is not an array of strings');
  for (const id of ids) pg.topics.delete(id);
  return ok();
});

export const getTopicPermissionGroup = inPermissionGroup(({ pg }) => {
  return ok({
    TopicPermissionList: [...pg.topics].map(([TopicId, Permission]) => ({ TopicId, Permission })),
  });
});

export const addPermissionGroupMember = inPermissionGroup(({ state, body, f, pg }) => {
  const list = recordList(body, 'MemberList');
  if (!list) return fail(10004, 'MemberList is missing or invalid');
  if (list.length > 100) return fail(10005, 'at most 100 members per request');
  const full = overCap(pg.members.size, list.length, state.limits.collection, 'members per permission group');
  if (full) return full;
  return ok({
    MemberList: list.map((item) => {
      const id = str(item, 'Member_Account') ?? '';
      if (!f.group.members.has(id))
        return { Member_Account: id, ResultCode: 10007, ResultInfo: 'not a member of the community' };
      pg.members.add(id);
      return { Member_Account: id, ResultCode: 0, ResultInfo: '' };
    }),
  });
});

export const deletePermissionGroupMember = inPermissionGroup(({ body, pg }) => {
  const list = recordList(body, 'MemberList');
  if (!list) return fail(10004, 'MemberList is missing or invalid');
  for (const item of list) pg.members.delete(str(item, 'Member_Account') ?? '');
  return ok();
});

export const getPermissionGroupMemberList = inPermissionGroup(({ body, pg }) => {
  const limit = Math.min(Math.max(int(body, 'Limit') ?? 50, 1), 100);
  const p = page([...pg.members], body.Next, limit);
  return ok({
    MemberList: p.items.map((id) => ({ Member_Account: id })),
    Next: p.next,
    MemberNum: pg.members.size,
  });
});
