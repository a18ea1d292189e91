import { anyStr, type Body, int, isRecord, seconds, str, strList, uint32 } from '../state/body';
import { overCap } from '../state/limits';
import { type CommandResult, fail } from '../state/result';
import type { ConferenceRoom, Gift, GiftCategory, LiveRoom, Localized, SandboxState } from '../state/types';
import type { CommandFn } from './types';
import { okResponse, page } from './util';

// Live rooms (live_engine_http_srv), their seats (room_engine_http_mic) and conference rooms
// (room_engine_http_srv). Answers carry their payload under `Response`; codes are the engine's:
// 100001 internal error, 100002 invalid parameter, 100004 room does not exist, 100006 not a Live room.

const INVALID = 100002;
const NO_ROOM = 100004;
const ROOM_ID = /^[\x21-\x7e]{1,48}$/;

function liveRoom(state: SandboxState, body: Body): LiveRoom | CommandResult {
  const id = str(body, 'RoomId');
  if (!id) return fail(INVALID, 'RoomId is missing or is not a string');
  const room = state.liveRooms.get(id);
  if (room) return room;
  return state.conferenceRooms.has(id)
    ? fail(100006, `${id} is a conference room, not a Live room`)
    : fail(NO_ROOM, `the room ${id} does not exist or was dissolved`);
}
const isRoom = (v: LiveRoom | CommandResult): v is LiveRoom => 'seats' in v;

function accounts(state: SandboxState, body: Body, key: string, max: number): string[] | CommandResult {
  const ids = strList(body, key);
  if (!ids) return fail(INVALID, `${key} is missing or is not an array of UserIDs`);
  if (ids.length > max) return fail(INVALID, `at most ${max} accounts per request`);
  const missing = ids.filter((id) => !state.accounts.has(id));
  return missing.length > 0 ? fail(INVALID, `accounts not imported: ${missing.join(', ')}`) : ids;
}

function roomJson(r: LiveRoom) {
  return {
    RoomId: r.id,
    RoomName: r.name,
    RoomType: 'Live',
    Owner_Account: r.owner,
    CreateTime: r.createTime,
    Notice: r.notice,
    CoverURL: r.coverUrl,
    Category: r.category,
    IsMessageDisabled: r.isMessageDisabled,
    IsPublicVisible: r.isPublicVisible,
    MaxSeatCount: r.maxSeatCount,
    ViewCount: r.viewers.size,
  };
}

function applyRoomInfo(r: LiveRoom, info: Body): CommandResult | undefined {
  const name = info.RoomName === undefined ? undefined : str(info, 'RoomName');
  if (info.RoomName !== undefined && (!name || Buffer.byteLength(name) > 100))
    return fail(INVALID, 'RoomName is at most 100 bytes');
  const seats = info.MaxSeatCount === undefined ? undefined : int(info, 'MaxSeatCount');
  if (info.MaxSeatCount !== undefined && (seats === undefined || seats < 1 || seats > 16))
    return fail(INVALID, 'MaxSeatCount is from 1 to 16');
  if (name) r.name = name;
  if (seats !== undefined) r.maxSeatCount = seats;
  r.notice = anyStr(info, 'Notice') ?? r.notice;
  r.coverUrl = anyStr(info, 'CoverURL') ?? r.coverUrl;
  if (typeof info.IsMessageDisabled === 'boolean') r.isMessageDisabled = info.IsMessageDisabled;
  if (typeof info.IsPublicVisible === 'boolean') r.isPublicVisible = info.IsPublicVisible;
  if (Array.isArray(info.Category))
    r.category = info.Category.filter((c): c is number => typeof c === 'number');
  return undefined;
}

export const createRoom: CommandFn = (state, body, ctx) => {
  const info = isRecord(body.RoomInfo) ? body.RoomInfo : undefined;
  const id = info ? str(info, 'RoomId') : undefined;
  if (!info || !id || !ROOM_ID.test(id))
    return fail(INVALID, 'RoomInfo.RoomId is missing or is not printable ASCII of at most 48 bytes');
  const type = str(info, 'RoomType') ?? 'Live';
  if (type !== 'Live') return fail(100006, 'RoomType must be Live');
  if (state.liveRooms.has(id) || state.conferenceRooms.has(id))
    return fail(100003, `the room ${id} already exists`);
  const owner = str(info, 'Owner_Account');
  if (!owner || !state.accounts.has(owner))
    return fail(INVALID, 'RoomInfo.Owner_Account is missing or not imported');
  const full = overCap(state.liveRooms.size, 1, state.limits.collection, 'live rooms');
  if (full) return full;
  const room: LiveRoom = {
    id,
    name: id,
    owner,
    createTime: seconds(ctx.nowMs),
    notice: '',
    coverUrl: '',
    category: [],
    isMessageDisabled: false,
    isPublicVisible: true,
    maxSeatCount: 10,
    metadata: new Map(),
    muted: new Map(),
    banned: new Map(),
    admins: new Set(),
    robots: new Set(),
    seats: new Map(),
    viewers: new Set(),
    messageCount: 0,
    giftCount: 0,
    likeCount: 0,
  };
  const bad = applyRoomInfo(room, info);
  if (bad) return bad;
  state.liveRooms.set(id, room);
  return okResponse({ RoomInfo: roomJson(room) });
};

export const destroyRoom: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  state.liveRooms.delete(r.id);
  return okResponse();
};

export const getRoomList: CommandFn = (state, body) => {
  const count = int(body, 'Count') ?? 20;
  if (count < 1 || count > 100) return fail(INVALID, 'Count is from 1 to 100');
  // Sorted by ViewCount, most watched first.
  const all = [...state.liveRooms.values()].sort(
    (a, b) => b.viewers.size - a.viewers.size || a.createTime - b.createTime,
  );
  const p = page(all, body.Next, count);
  return okResponse({ RoomList: p.items.map(roomJson), Next: p.next });
};

export const getRoomInfo: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  return isRoom(r) ? okResponse({ RoomInfo: roomJson(r) }) : r;
};

export const updateRoomInfo: CommandFn = (state, body) => {
  const info = isRecord(body.RoomInfo) ? body.RoomInfo : undefined;
  if (!info) return fail(INVALID, 'RoomInfo is missing');
  const r = liveRoom(state, info);
  if (!isRoom(r)) return r;
  return applyRoomInfo(r, info) ?? okResponse();
};

export const changeRoomOwner: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const next = str(body, 'NewOwner_Account');
  if (!next || !state.accounts.has(next)) return fail(INVALID, 'NewOwner_Account is missing or not imported');
  r.owner = next;
  return okResponse();
};

export const getRoomMetadata: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const keys = Array.isArray(body.Keys) ? body.Keys.filter((k): k is string => typeof k === 'string') : [];
  const entries = [...r.metadata].filter(([k]) => keys.length === 0 || keys.includes(k));
  return okResponse({ Metadata: Object.fromEntries(entries) });
};

export const setRoomMetadata: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const meta = body.Metadata;
  if (!isRecord(meta) || Object.keys(meta).length === 0)
    return fail(INVALID, 'Metadata must be a non-empty object of key → string');
  const next = new Map(r.metadata);
  for (const [k, v] of Object.entries(meta)) {
    if (typeof v !== 'string' || Buffer.byteLength(k) > 50 || Buffer.byteLength(v) > 2048)
      return fail(INVALID, 'metadata keys are at most 50 bytes and values strings of at most 2 KB');
    next.set(k, v);
  }
  if (next.size > 10) return fail(INVALID, 'a room keeps at most 10 metadata keys');
  r.metadata = next;
  return okResponse();
};

export const delRoomMetadata: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const keys = strList(body, 'Keys');
  if (!keys) return fail(INVALID, 'Keys is missing or is not an array of strings');
  for (const k of keys) r.metadata.delete(k);
  return okResponse();
};

function sendable(
  state: SandboxState,
  r: LiveRoom,
  body: Body,
  admin: string,
  now: number,
): string | CommandResult {
  const from = str(body, 'Sender_Account') ?? admin;
  if (!state.accounts.has(from)) return fail(INVALID, 'Sender_Account is not imported');
  if (from !== admin && r.isMessageDisabled) return fail(INVALID, 'messages are disabled in this room');
  if ((r.muted.get(from) ?? 0) > now) return fail(INVALID, 'Sender_Account is muted in this room');
  return from;
}

export const sendTextMsg: CommandFn = (state, body, ctx) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const text = str(body, 'Text');
  if (!text || Buffer.byteLength(text) > 8192) return fail(INVALID, 'Text is missing or longer than 8 KB');
  const from = sendable(state, r, body, ctx.admin, seconds(ctx.nowMs));
  if (typeof from !== 'string') return from;
  r.messageCount += 1;
  return okResponse({ MsgSeq: r.messageCount });
};

export const sendCustomMsg: CommandFn = (state, body, ctx) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const business = str(body, 'BusinessId');
  const data = anyStr(body, 'Data');
  if (!business || data === undefined || Buffer.byteLength(data) > 8192)
    return fail(INVALID, 'BusinessId or Data is missing or too long');
  const from = sendable(state, r, body, ctx.admin, seconds(ctx.nowMs));
  if (typeof from !== 'string') return from;
  r.messageCount += 1;
  return okResponse({ MsgSeq: r.messageCount });
};

export const muteMember: CommandFn = (state, body, ctx) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const ids = accounts(state, body, 'MemberList_Account', 20);
  if (!Array.isArray(ids)) return ids;
  const time = uint32(body, 'MuteTime');
  if (time === undefined) return fail(INVALID, 'MuteTime (seconds, 0 = unmute) is missing or invalid');
  for (const id of ids) {
    if (time === 0) r.muted.delete(id);
    else r.muted.set(id, seconds(ctx.nowMs) + time);
  }
  return okResponse();
};

export const banMember: CommandFn = (state, body, ctx) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const ids = accounts(state, body, 'MemberList_Account', 20);
  if (!Array.isArray(ids)) return ids;
  const duration = uint32(body, 'Duration');
  if (!duration) return fail(INVALID, 'Duration (seconds, > 0) is missing or invalid');
  if (ids.includes(r.owner)) return fail(INVALID, 'the room owner cannot be banned');
  for (const id of ids) {
    // A ban removes the user from the room and its seats until it ends.
    r.banned.set(id, { until: seconds(ctx.nowMs) + duration, reason: anyStr(body, 'Reason') ?? '' });
    r.viewers.delete(id);
    for (const [seat, who] of r.seats) if (who === id) r.seats.delete(seat);
  }
  return okResponse();
};

export const unbanMember: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const ids = accounts(state, body, 'MemberList_Account', 20);
  if (!Array.isArray(ids)) return ids;
  for (const id of ids) r.banned.delete(id);
  return okResponse();
};

export const getBannedMemberList: CommandFn = (state, body, ctx) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const now = seconds(ctx.nowMs);
  const p = page(
    [...r.banned].filter(([, b]) => b.until > now),
    body.Next,
    Math.min(Math.max(int(body, 'Count') ?? 20, 1), 100),
  );
  return okResponse({
    BannedList: p.items.map(([id, b]) => ({ Member_Account: id, EndTime: b.until, Reason: b.reason })),
    Next: p.next,
  });
};

export const getMutedMemberList: CommandFn = (state, body, ctx) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const now = seconds(ctx.nowMs);
  const p = page(
    [...r.muted].filter(([, until]) => until > now),
    body.Next,
    Math.min(Math.max(int(body, 'Count') ?? 20, 1), 100),
  );
  return okResponse({
    MutedList: p.items.map(([id, until]) => ({ Member_Account: id, EndTime: until })),
    Next: p.next,
  });
};

export const modifyAdmin: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const ids = accounts(state, body, 'Admin_Account', 20);
  if (!Array.isArray(ids)) return ids;
  const op = str(body, 'OpType') ?? 'add';
  if (op !== 'add' && op !== 'remove' && op !== 'del') return fail(INVALID, 'OpType must be add or remove');
  for (const id of ids) op === 'add' ? r.admins.add(id) : r.admins.delete(id);
  if (r.admins.size > 100) return fail(INVALID, 'a room has at most 100 admins');
  return okResponse();
};

export const getAdminList: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  return isRoom(r) ? okResponse({ AdminList: [...r.admins].map((id) => ({ Member_Account: id })) }) : r;
};

export const getRoomStatistic: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  return okResponse({
    RoomId: r.id,
    ViewCount: r.viewers.size,
    MessageCount: r.messageCount,
    GiftCount: r.giftCount,
    LikeCount: r.likeCount,
    CreateTime: r.createTime,
  });
};

export const addRobot: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const ids = accounts(state, body, 'RobotList_Account', 100);
  if (!Array.isArray(ids)) return ids;
  const full = overCap(
    r.robots.size,
    ids.filter((id) => !r.robots.has(id)).length,
    state.limits.collection,
    'robots per room',
  );
  if (full) return full;
  for (const id of ids) r.robots.add(id);
  return okResponse();
};

export const getRobot: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  return isRoom(r) ? okResponse({ RobotList_Account: [...r.robots] }) : r;
};

export const delRobot: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const ids = strList(body, 'RobotList_Account');
  if (!ids) return fail(INVALID, 'RobotList_Account is missing or is not an array of UserIDs');
  for (const id of ids) r.robots.delete(id);
  return okResponse();
};

// Seats (room_engine_http_mic) of a live room.

export const getSeatList: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const seats = [];
  for (let i = 0; i < r.maxSeatCount; i++) {
    const who = r.seats.get(i);
    seats.push({
      Index: i,
      Member_Account: who ?? '',
      IsLocked: false,
      IsVideoLocked: false,
      IsAudioLocked: false,
    });
  }
  return okResponse({ SeatList: seats });
};

export const pickUserOnSeat: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const who = str(body, 'Member_Account');
  const index = int(body, 'Index');
  if (!who || !state.accounts.has(who)) return fail(INVALID, 'Member_Account is missing or not imported');
  if (index === undefined || index < 0 || index >= r.maxSeatCount)
    return fail(INVALID, `Index is from 0 to ${r.maxSeatCount - 1}`);
  if (r.banned.has(who)) return fail(INVALID, 'Member_Account is banned from this room');
  const taken = r.seats.get(index);
  if (taken && taken !== who) return fail(INVALID, `seat ${index} is taken by ${taken}`);
  for (const [seat, acc] of r.seats) if (acc === who) r.seats.delete(seat);
  r.seats.set(index, who);
  r.viewers.add(who);
  return okResponse();
};

export const kickUserOffSeat: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  if (!isRoom(r)) return r;
  const who = str(body, 'Member_Account');
  if (!who) return fail(INVALID, 'Member_Account is missing or is not a string');
  const seat = [...r.seats].find(([, acc]) => acc === who);
  if (!seat) return fail(INVALID, `${who} is not on a seat`);
  r.seats.delete(seat[0]);
  return okResponse();
};

// Gifts and gift categories, with per-language names.

function gift(state: SandboxState, body: Body): Gift | CommandResult {
  const id = str(body, 'GiftId');
  if (!id) return fail(INVALID, 'GiftId is missing or is not a string');
  return state.gifts.get(id) ?? fail(INVALID, `the gift ${id} does not exist`);
}
const isGift = (v: Gift | CommandResult): v is Gift => 'coins' in v;

function giftJson(g: Gift) {
  return {
    GiftId: g.id,
    DefaultName: g.name,
    DefaultDesc: g.desc,
    IconUrl: g.iconUrl,
    ResourceUrl: g.resourceUrl,
    Coins: g.coins,
    Level: g.level,
    ExtensionInfo: g.extensionInfo,
  };
}

function applyGift(g: Gift, body: Body): CommandResult | undefined {
  const coins = body.Coins === undefined ? undefined : int(body, 'Coins');
  if (body.Coins !== undefined && (coins === undefined || coins < 0))
    return fail(INVALID, 'Coins must be a non-negative integer');
  const level = body.Level === undefined ? undefined : int(body, 'Level');
  if (body.Level !== undefined && (level === undefined || level < 0))
    return fail(INVALID, 'Level must be a non-negative integer');
  g.name = str(body, 'DefaultName') ?? g.name;
  g.desc = anyStr(body, 'DefaultDesc') ?? g.desc;
  g.iconUrl = anyStr(body, 'IconUrl') ?? g.iconUrl;
  g.resourceUrl = anyStr(body, 'ResourceUrl') ?? g.resourceUrl;
  g.extensionInfo = anyStr(body, 'ExtensionInfo') ?? g.extensionInfo;
  if (coins !== undefined) g.coins = coins;
  if (level !== undefined) g.level = level;
  return undefined;
}

export const getGiftInfoList: CommandFn = (state, body) => {
  const lang = str(body, 'Language');
  return okResponse({
    GiftList: [...state.gifts.values()].map((g) => {
      const l = lang ? g.languages.get(lang) : undefined;
      return { ...giftJson(g), Name: l?.name ?? g.name, Desc: l?.desc ?? g.desc };
    }),
  });
};

export const getGift: CommandFn = (state, body) => {
  const g = gift(state, body);
  return isGift(g) ? okResponse({ GiftInfo: giftJson(g) }) : g;
};

export const addGift: CommandFn = (state, body) => {
  const id = str(body, 'GiftId');
  const name = str(body, 'DefaultName');
  if (!id || !ROOM_ID.test(id) || !name) return fail(INVALID, 'GiftId and DefaultName are required');
  if (state.gifts.has(id)) return fail(INVALID, `the gift ${id} already exists`);
  const full = overCap(state.gifts.size, 1, state.limits.collection, 'gifts');
  if (full) return full;
  const g: Gift = {
    id,
    name,
    desc: '',
    iconUrl: '',
    resourceUrl: '',
    coins: 0,
    level: 0,
    extensionInfo: '',
    languages: new Map(),
  };
  const bad = applyGift(g, body);
  if (bad) return bad;
  state.gifts.set(id, g);
  return okResponse();
};

export const editGift: CommandFn = (state, body) => {
  const g = gift(state, body);
  if (!isGift(g)) return g;
  return applyGift(g, body) ?? okResponse();
};

export const delGift: CommandFn = (state, body) => {
  const g = gift(state, body);
  if (!isGift(g)) return g;
  state.gifts.delete(g.id);
  for (const c of state.giftCategories.values()) c.gifts.delete(g.id);
  return okResponse();
};

export const getGiftCount: CommandFn = (state, body) => {
  const r = liveRoom(state, body);
  return isRoom(r) ? okResponse({ RoomId: r.id, GiftCount: r.giftCount, GiftCoins: 0 }) : r;
};

function language(body: Body): string | CommandResult {
  const lang = str(body, 'Language');
  return lang && /^[a-zA-Z-]{2,10}$/.test(lang)
    ? lang
    : fail(INVALID, 'Language is missing or is not a language code (en, zh-CN …)');
}

function localizedJson(
  id: string,
  idKey: string,
  lang: string,
  l: Localized,
  nameKey: string,
  descKey: string,
) {
  return { [idKey]: id, Language: lang, [nameKey]: l.name, [descKey]: l.desc };
}

export const getGiftLanguage: CommandFn = (state, body) => {
  const g = gift(state, body);
  if (!isGift(g)) return g;
  const lang = language(body);
  if (typeof lang !== 'string') return lang;
  const l = g.languages.get(lang);
  return l
    ? okResponse(localizedJson(g.id, 'GiftId', lang, l, 'Name', 'Desc'))
    : fail(INVALID, `the gift has no ${lang} name`);
};

export const setGiftLanguage: CommandFn = (state, body) => {
  const g = gift(state, body);
  if (!isGift(g)) return g;
  const lang = language(body);
  if (typeof lang !== 'string') return lang;
  const name = str(body, 'Name');
  if (!name) return fail(INVALID, 'Name is missing or is not a string');
  g.languages.set(lang, { name, desc: anyStr(body, 'Desc') ?? '' });
  return okResponse();
};

export const delGiftLanguage: CommandFn = (state, body) => {
  const g = gift(state, body);
  if (!isGift(g)) return g;
  const lang = language(body);
  if (typeof lang !== 'string') return lang;
  if (!g.languages.delete(lang)) return fail(INVALID, `the gift has no ${lang} name`);
  return okResponse();
};

function category(state: SandboxState, body: Body): GiftCategory | CommandResult {
  const id = str(body, 'CategoryId');
  if (!id) return fail(INVALID, 'CategoryId is missing or is not a string');
  return state.giftCategories.get(id) ?? fail(INVALID, `the gift category ${id} does not exist`);
}
const isCategory = (v: GiftCategory | CommandResult): v is GiftCategory => 'gifts' in v;

export const addGiftCategory: CommandFn = (state, body) => {
  const id = str(body, 'CategoryId');
  const name = str(body, 'DefaultName');
  if (!id || !ROOM_ID.test(id) || !name) return fail(INVALID, 'CategoryId and DefaultName are required');
  if (state.giftCategories.has(id)) return fail(INVALID, `the gift category ${id} already exists`);
  const full = overCap(state.giftCategories.size, 1, state.limits.collection, 'gift categories');
  if (full) return full;
  state.giftCategories.set(id, {
    id,
    name,
    desc: anyStr(body, 'DefaultDesc') ?? '',
    languages: new Map(),
    gifts: new Set(),
  });
  return okResponse();
};

export const editGiftCategory: CommandFn = (state, body) => {
  const c = category(state, body);
  if (!isCategory(c)) return c;
  c.name = str(body, 'DefaultName') ?? c.name;
  c.desc = anyStr(body, 'DefaultDesc') ?? c.desc;
  return okResponse();
};

export const delGiftCategory: CommandFn = (state, body) => {
  const c = category(state, body);
  if (!isCategory(c)) return c;
  state.giftCategories.delete(c.id);
  return okResponse();
};

export const getGiftCategory: CommandFn = (state) =>
  okResponse({
    CategoryList: [...state.giftCategories.values()].map((c) => ({
      CategoryId: c.id,
      DefaultName: c.name,
      DefaultDesc: c.desc,
      GiftIdList: [...c.gifts],
    })),
  });

export const getGiftCategoryLanguage: CommandFn = (state, body) => {
  const c = category(state, body);
  if (!isCategory(c)) return c;
  const lang = language(body);
  if (typeof lang !== 'string') return lang;
  const l = c.languages.get(lang);
  return l
    ? okResponse(localizedJson(c.id, 'CategoryId', lang, l, 'CategoryName', 'CategoryDesc'))
    : fail(INVALID, `the category has no ${lang} name`);
};

export const setGiftCategoryLanguage: CommandFn = (state, body) => {
  const c = category(state, body);
  if (!isCategory(c)) return c;
  const lang = language(body);
  if (typeof lang !== 'string') return lang;
  const name = str(body, 'CategoryName');
  if (!name) return fail(INVALID, 'CategoryName is missing or is not a string');
  c.languages.set(lang, { name, desc: anyStr(body, 'CategoryDesc') ?? '' });
  return okResponse();
};

export const delGiftCategoryLanguage: CommandFn = (state, body) => {
  const c = category(state, body);
  if (!isCategory(c)) return c;
  const lang = language(body);
  if (typeof lang !== 'string') return lang;
  if (!c.languages.delete(lang)) return fail(INVALID, `the category has no ${lang} name`);
  return okResponse();
};

export const addGiftCategoryRelations: CommandFn = (state, body) => {
  const c = category(state, body);
  if (!isCategory(c)) return c;
  const ids = strList(body, 'GiftIdList');
  if (!ids) return fail(INVALID, 'GiftIdList is missing or is not an array of strings');
  const unknown = ids.filter((id) => !state.gifts.has(id));
  if (unknown.length > 0) return fail(INVALID, `gifts that do not exist: ${unknown.join(', ')}`);
  for (const id of ids) c.gifts.add(id);
  return okResponse();
};

export const delGiftCategoryRelations: CommandFn = (state, body) => {
  const c = category(state, body);
  if (!isCategory(c)) return c;
  const ids = strList(body, 'GiftIdList');
  if (!ids) return fail(INVALID, 'GiftIdList is missing or is not an array of strings');
  for (const id of ids) c.gifts.delete(id);
  return okResponse();
};

// Conference rooms (room_engine_http_srv).

function conference(state: SandboxState, body: Body): ConferenceRoom | CommandResult {
  const id = str(body, 'RoomId');
  if (!id) return fail(INVALID, 'RoomId is missing or is not a string');
  return state.conferenceRooms.get(id) ?? fail(NO_ROOM, `the room ${id} does not exist or was dissolved`);
}
const isConference = (v: ConferenceRoom | CommandResult): v is ConferenceRoom => 'scheduleStartTime' in v;

function conferenceJson(r: ConferenceRoom) {
  return {
    RoomId: r.id,
    RoomName: r.name,
    RoomType: 'Conference',
    Owner_Account: r.owner,
    CreateTime: r.createTime,
    ScheduleStartTime: r.scheduleStartTime,
    ScheduleEndTime: r.scheduleEndTime,
    IsMicrophoneDisableForAllUser: r.isMicrophoneDisableForAllUser,
    IsCameraDisableForAllUser: r.isCameraDisableForAllUser,
    IsMessageDisableForAllUser: r.isMessageDisableForAllUser,
    MemberCount: r.members.size,
  };
}

function applyConference(r: ConferenceRoom, info: Body): CommandResult | undefined {
  const name = info.RoomName === undefined ? undefined : str(info, 'RoomName');
  if (info.RoomName !== undefined && (!name || Buffer.byteLength(name) > 100))
    return fail(INVALID, 'RoomName is at most 100 bytes');
  if (name) r.name = name;
  for (const key of ['ScheduleStartTime', 'ScheduleEndTime'] as const) {
    if (info[key] === undefined) continue;
    const v = int(info, key);
    if (v === undefined || v < 0) return fail(INVALID, `${key} must be a UNIX time in seconds`);
    if (key === 'ScheduleStartTime') r.scheduleStartTime = v;
    else r.scheduleEndTime = v;
  }
  if (typeof info.IsMicrophoneDisableForAllUser === 'boolean')
    r.isMicrophoneDisableForAllUser = info.IsMicrophoneDisableForAllUser;
  if (typeof info.IsCameraDisableForAllUser === 'boolean')
    r.isCameraDisableForAllUser = info.IsCameraDisableForAllUser;
  if (typeof info.IsMessageDisableForAllUser === 'boolean')
    r.isMessageDisableForAllUser = info.IsMessageDisableForAllUser;
  return undefined;
}

export const conferenceCreateRoom: CommandFn = (state, body, ctx) => {
  const info = isRecord(body.RoomInfo) ? body.RoomInfo : undefined;
  const id = info ? str(info, 'RoomId') : undefined;
  if (!info || !id || !ROOM_ID.test(id))
    return fail(INVALID, 'RoomInfo.RoomId is missing or is not printable ASCII of at most 48 bytes');
  if ((str(info, 'RoomType') ?? 'Conference') !== 'Conference')
    return fail(INVALID, 'RoomType must be Conference');
  if (state.conferenceRooms.has(id) || state.liveRooms.has(id))
    return fail(100003, `the room ${id} already exists`);
  const owner = str(info, 'Owner_Account');
  if (!owner || !state.accounts.has(owner))
    return fail(INVALID, 'RoomInfo.Owner_Account is missing or not imported');
  const full = overCap(state.conferenceRooms.size, 1, state.limits.collection, 'conference rooms');
  if (full) return full;
  const room: ConferenceRoom = {
    id,
    name: id,
    owner,
    createTime: seconds(ctx.nowMs),
    scheduleStartTime: 0,
    scheduleEndTime: 0,
    isMicrophoneDisableForAllUser: false,
    isCameraDisableForAllUser: false,
    isMessageDisableForAllUser: false,
    members: new Set([owner]),
  };
  const bad = applyConference(room, info);
  if (bad) return bad;
  state.conferenceRooms.set(id, room);
  return okResponse({ RoomInfo: conferenceJson(room) });
};

export const conferenceDestroyRoom: CommandFn = (state, body) => {
  const r = conference(state, body);
  if (!isConference(r)) return r;
  state.conferenceRooms.delete(r.id);
  return okResponse();
};

export const conferenceUpdateRoomInfo: CommandFn = (state, body) => {
  const info = isRecord(body.RoomInfo) ? body.RoomInfo : undefined;
  if (!info) return fail(INVALID, 'RoomInfo is missing');
  const r = conference(state, info);
  if (!isConference(r)) return r;
  return applyConference(r, info) ?? okResponse();
};

export const conferenceGetRoomInfo: CommandFn = (state, body) => {
  const r = conference(state, body);
  return isConference(r) ? okResponse({ RoomInfo: conferenceJson(r) }) : r;
};

export const conferenceKickUserOut: CommandFn = (state, body) => {
  const r = conference(state, body);
  if (!isConference(r)) return r;
  const ids = strList(body, 'MemberList_Account');
  if (!ids) return fail(INVALID, 'MemberList_Account is missing or is not an array of UserIDs');
  if (ids.includes(r.owner)) return fail(INVALID, 'the room owner cannot be removed');
  const absent = ids.filter((id) => !r.members.has(id));
  if (absent.length > 0) return fail(INVALID, `not in the room: ${absent.join(', ')}`);
  for (const id of ids) r.members.delete(id);
  return okResponse();
};
