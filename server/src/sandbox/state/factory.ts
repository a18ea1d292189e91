import type {
  Extensions,
  Group,
  GroupMember,
  GroupMessage,
  GroupType,
  MemberRole,
  SandboxState,
} from './types';

// Constructors for the records several commands and the seed create, so every record starts with
// the same defaults.

export function emptyExtensions(): Extensions {
  return { seq: 0, values: new Map() };
}

export function makeMember(account: string, role: MemberRole, joinTime: number): GroupMember {
  return {
    account,
    role,
    joinTime,
    shutUpUntil: 0,
    lastSendMsgTime: 0,
    nameCard: '',
    msgFlag: 'AcceptAndNotify',
    unreadMsgNum: 0,
    custom: new Map(),
  };
}

export function defaultMaxMembers(type: GroupType): number {
  return type === 'AVChatRoom' ? 0 : type === 'Private' ? 200 : type === 'Community' ? 100000 : 2000;
}

export function makeGroup(
  fields: Pick<Group, 'id' | 'type' | 'name' | 'owner' | 'createTime'> & Partial<Group>,
): Group {
  return {
    introduction: '',
    notification: '',
    faceUrl: '',
    maxMemberNum: defaultMaxMembers(fields.type),
    applyJoinOption: fields.type === 'Private' ? 'DisableApply' : 'FreeAccess',
    shutUpAll: false,
    infoSeq: 1,
    lastInfoTime: fields.createTime,
    lastMsgTime: 0,
    nextMsgSeq: 1,
    members: new Map(),
    messages: [],
    custom: new Map(),
    attrs: new Map(),
    counters: new Map(),
    bans: new Map(),
    avAdmins: new Set(),
    online: new Set(),
    avMarks: new Map(),
    topics: new Map(),
    permissionGroups: new Map(),
    ...fields,
  };
}

export function makeGroupMessage(
  fields: Pick<GroupMessage, 'seq' | 'from' | 'random' | 'time' | 'body'> & Partial<GroupMessage>,
): GroupMessage {
  return {
    recalled: false,
    deleted: false,
    modified: 0,
    readBy: new Set(),
    ext: emptyExtensions(),
    ...fields,
  };
}

/** A new id with the given prefix, unique for the life of the state (until reset). */
export function nextId(state: SandboxState, prefix: string): string {
  state.counters.ids += 1;
  return `${prefix}${state.counters.ids.toString(36).toUpperCase().padStart(4, '0')}`;
}
