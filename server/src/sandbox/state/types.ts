export type ProfileValue = string | number;
export type OnlineStatus = 'Online' | 'PushOnline' | 'Offline';

export interface Account {
  userId: string;
  createTime: number; // seconds
  profile: Map<string, ProfileValue>;
  online: OnlineStatus;
  platform: string;
}

export interface Friend {
  addSource: string;
  remark: string;
  groups: string[];
  addWording: string;
  addTime: number; // seconds
}

export interface C2CMessage {
  seq: number;
  key: string;
  from: string;
  to: string;
  random: number;
  time: number; // seconds
  body: unknown[];
  read: boolean;
  withdrawn: boolean;
}

export type GroupType = 'Private' | 'Public' | 'ChatRoom' | 'AVChatRoom' | 'Community';
export type MemberRole = 'Owner' | 'Admin' | 'Member';

export interface GroupMember {
  account: string;
  role: MemberRole;
  joinTime: number;
  shutUpUntil: number; // seconds; 0 = not muted
  lastSendMsgTime: number;
  nameCard: string;
}

export interface GroupMessage {
  seq: number;
  from: string;
  random: number;
  time: number;
  body: unknown[];
  recalled: boolean;
}

export interface Group {
  id: string;
  type: GroupType;
  name: string;
  introduction: string;
  notification: string;
  faceUrl: string;
  owner: string; // '' when created by the admin without an owner
  createTime: number;
  maxMemberNum: number;
  applyJoinOption: string;
  shutUpAll: boolean;
  infoSeq: number;
  lastInfoTime: number;
  lastMsgTime: number;
  nextMsgSeq: number;
  members: Map<string, GroupMember>;
  messages: GroupMessage[];
}

export interface Session {
  type: 1 | 2; // 1 = C2C, 2 = group, as in recentcontact
  peer: string; // UserID or GroupId
  msgTime: number;
  top: boolean;
}

export interface GlobalMute {
  c2cUntil: number; // seconds; Infinity = permanent
  groupUntil: number;
}

export interface DedupeEntry {
  atMs: number;
  fields: Record<string, unknown>;
}

export interface SandboxState {
  accounts: Map<string, Account>;
  friends: Map<string, Map<string, Friend>>;
  blocklists: Map<string, Map<string, number>>;
  c2c: C2CMessage[];
  groups: Map<string, Group>;
  sessions: Map<string, Map<string, Session>>;
  globalMute: Map<string, GlobalMute>;
  dedupe: Map<string, DedupeEntry>;
  counters: { c2cSeq: number; groupId: number; c2cMsgs: number; groupMsgs: number; newGroups: number };
}

/** What each command function sees besides its body. Time is injected so tests are deterministic. */
export interface CommandContext {
  nowMs: number;
  admin: string;
  sdkAppId: number;
}
