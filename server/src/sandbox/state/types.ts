import type { Limits } from './limits';

export type ProfileValue = string | number;
export type OnlineStatus = 'Online' | 'PushOnline' | 'Offline';

export interface Account {
  userId: string;
  createTime: number; // seconds
  profile: Map<string, ProfileValue>;
  online: OnlineStatus;
  platform: string;
  /** Created with openim_robot_http_svc/create_robot (a `@RBT#` account). */
  robot?: boolean;
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
  /** Accounts that deleted the message from their own roaming history (delete_c2c_msg_ramble). */
  deletedFor: Set<string>;
  /** The recipient sent a read receipt for it (c2c_msg_read_receipt). */
  receipt: boolean;
  /** Times modify_c2c_msg changed it. */
  modified: number;
  ext: Extensions;
}

/** Key-value message extensions and their sequence (openim_msg_ext_http_svc). */
export interface Extensions {
  seq: number;
  values: Map<string, { value: string; seq: number }>;
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
  msgFlag: string;
  unreadMsgNum: number;
  /** AppMemberDefinedData: the member's custom fields. */
  custom: Map<string, string>;
}

export interface GroupMessage {
  seq: number;
  from: string;
  random: number;
  time: number;
  body: unknown[];
  recalled: boolean;
  /** Deleted by delete_group_msg_by_sender or clear_group_msg: gone from history. */
  deleted: boolean;
  modified: number;
  /** Members who sent a read receipt (group_msg_receipt). */
  readBy: Set<string>;
  ext: Extensions;
}

export interface Topic {
  id: string;
  name: string;
  owner: string;
  introduction: string;
  notification: string;
  faceUrl: string;
  customString: string;
  createTime: number;
  shutUpAll: boolean;
  nextMsgSeq: number;
}

export interface PermissionGroup {
  id: string;
  name: string;
  permission: number;
  customString: string;
  members: Set<string>;
  /** TopicId → permission bits for that topic. */
  topics: Map<string, number>;
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
  /** AppDefinedData: the group's custom fields. */
  custom: Map<string, string>;
  /** Group attributes (AVChatRoom / Community): key → value. */
  attrs: Map<string, string>;
  counters: Map<string, number>;
  /** Banned accounts → until (seconds) and reason. */
  bans: Map<string, { until: number; reason: string }>;
  /** AVChatRoom admins set with modify_admin (not members: AV rooms keep no member list). */
  avAdmins: Set<string>;
  /** AVChatRoom accounts online in the room (seeded; users join from the SDK). */
  online: Set<string>;
  /** AVChatRoom member marks (modify_user_info): account → marks. */
  avMarks: Map<string, number[]>;
  topics: Map<string, Topic>;
  permissionGroups: Map<string, PermissionGroup>;
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

export interface PushRecord {
  /** TaskID (all-member push) or PushID (targeted push), as the trace commands take them. */
  id: string;
  command: string;
  from: string;
  /** null = every user (optionally narrowed by condition). */
  to: string[] | null;
  condition: unknown;
  random: number;
  time: number;
  body: unknown;
  /** How many accounts the push targeted when it was accepted. */
  targets: number;
}

export interface OfficialAccountMessage {
  key: string;
  seq: number;
  random: number;
  time: number;
  body: unknown[];
  recalled: boolean;
}

export interface OfficialAccount {
  id: string;
  name: string;
  owner: string;
  introduction: string;
  faceUrl: string;
  customString: string;
  createTime: number;
  infoSeq: number;
  subscribers: Map<string, { time: number; customString: string }>;
  messages: OfficialAccountMessage[];
  nextSeq: number;
}

export interface LiveRoom {
  id: string;
  name: string;
  owner: string;
  createTime: number;
  notice: string;
  coverUrl: string;
  category: number[];
  isMessageDisabled: boolean;
  isPublicVisible: boolean;
  maxSeatCount: number;
  metadata: Map<string, string>;
  /** account → muted until (seconds). */
  muted: Map<string, number>;
  banned: Map<string, { until: number; reason: string }>;
  admins: Set<string>;
  robots: Set<string>;
  /** Seat index → account on it. */
  seats: Map<number, string>;
  viewers: Set<string>;
  messageCount: number;
  giftCount: number;
  likeCount: number;
}

export interface Localized {
  name: string;
  desc: string;
}

export interface Gift {
  id: string;
  name: string;
  desc: string;
  iconUrl: string;
  resourceUrl: string;
  coins: number;
  level: number;
  extensionInfo: string;
  languages: Map<string, Localized>;
}

export interface GiftCategory {
  id: string;
  name: string;
  desc: string;
  languages: Map<string, Localized>;
  gifts: Set<string>;
}

export interface ConferenceRoom {
  id: string;
  name: string;
  owner: string;
  createTime: number;
  scheduleStartTime: number;
  scheduleEndTime: number;
  isMicrophoneDisableForAllUser: boolean;
  isCameraDisableForAllUser: boolean;
  isMessageDisableForAllUser: boolean;
  members: Set<string>;
}

export interface SandboxState {
  /** The caps of this state (state/limits.ts); tests lower them to reach them. */
  limits: Limits;
  accounts: Map<string, Account>;
  friends: Map<string, Map<string, Friend>>;
  blocklists: Map<string, Map<string, number>>;
  c2c: C2CMessage[];
  groups: Map<string, Group>;
  sessions: Map<string, Map<string, Session>>;
  globalMute: Map<string, GlobalMute>;
  dedupe: Map<string, DedupeEntry>;
  /** Friend list (group) names per owner. */
  friendLists: Map<string, Set<string>>;
  /** owner → followed account → since (seconds). */
  follows: Map<string, Map<string, number>>;
  /** owner → conversation group name → session keys. */
  contactGroups: Map<string, Map<string, Set<string>>>;
  /** owner → session key → marks. */
  contactMarks: Map<string, Map<string, Set<number>>>;
  push: {
    attrNames: Map<string, string>;
    timpushAttrNames: Map<string, string>;
    userAttrs: Map<string, Map<string, string>>;
    userTags: Map<string, Set<string>>;
    records: PushRecord[];
  };
  moderation: {
    /** Local audit keyword → replacement. */
    local: Map<string, string>;
    /** LibID → library name and its words (word → label). */
    cloudLibs: Map<string, { name: string; words: Map<string, string> }>;
    dirtyWords: Set<string>;
    bannedObjects: Set<string>;
  };
  officialAccounts: Map<string, OfficialAccount>;
  liveRooms: Map<string, LiveRoom>;
  gifts: Map<string, Gift>;
  giftCategories: Map<string, GiftCategory>;
  conferenceRooms: Map<string, ConferenceRoom>;
  counters: {
    c2cSeq: number;
    groupId: number;
    c2cMsgs: number;
    groupMsgs: number;
    newGroups: number;
    /** Sequence for generated ids (topics, permission groups, official accounts, pushes). */
    ids: number;
  };
}

/** What each command function sees besides its body. Time is injected so tests are deterministic. */
export interface CommandContext {
  nowMs: number;
  admin: string;
  sdkAppId: number;
}
