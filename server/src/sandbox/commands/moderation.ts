import { type Body, int, recordList, str, strList } from '../state/body';
import { overCap } from '../state/limits';
import { type CommandResult, fail, ok } from '../state/result';
import type { SandboxState } from '../state/types';
import type { CommandFn } from './types';

// Moderation. The verdict is configurable through the sandbox's own keyword lists: content that
// contains a local audit keyword, a cloud library word or a legacy dirty word is blocked; anything
// else passes. Chat files (im_cos_msg) are banned and unbanned by URL.

function verdict(state: SandboxState, content: string) {
  const lower = content.toLowerCase();
  const hits: { word: string; label: string }[] = [];
  for (const word of state.moderation.local.keys())
    if (lower.includes(word.toLowerCase())) hits.push({ word, label: 'Custom' });
  for (const lib of state.moderation.cloudLibs.values())
    for (const [word, label] of lib.words) if (lower.includes(word.toLowerCase())) hits.push({ word, label });
  for (const word of state.moderation.dirtyWords)
    if (lower.includes(word.toLowerCase())) hits.push({ word, label: 'Custom' });
  const blocked = hits.length > 0;
  return {
    Result: blocked ? 'Block' : 'Pass',
    Label: blocked ? (hits[0]?.label ?? 'Custom') : 'Normal',
    Score: blocked ? 100 : 0,
    Keywords: hits.map((h) => h.word),
  };
}

const AUDIT_NAMES = ['C2C', 'Group', 'UserInfo', 'GroupInfo', 'GroupMemberInfo', 'RelationChain'];
const CONTENT_TYPES = ['Text', 'Image', 'Audio', 'Video', 'File'];

export const contentModeration: CommandFn = (state, body) => {
  const name = str(body, 'AuditName');
  const type = str(body, 'ContentType');
  const content = str(body, 'Content');
  if (!name || !AUDIT_NAMES.includes(name) || !type || !CONTENT_TYPES.includes(type) || !content)
    return fail(2003, 'AuditName, ContentType or Content is missing or invalid');
  return ok(verdict(state, type === 'Text' ? content : ''));
};

export const batchContentModeration: CommandFn = (state, body) => {
  const name = str(body, 'AuditName');
  const items = recordList(body, 'Contents');
  if (!name || !AUDIT_NAMES.includes(name) || !items)
    return fail(2003, 'AuditName or Contents is missing or invalid');
  if (items.length > 10) return fail(2016, 'at most 10 contents per request');
  const results = [];
  for (const item of items) {
    const id = str(item, 'ContentId');
    const type = str(item, 'ContentType');
    const content = str(item, 'Content');
    if (!id || !type || !CONTENT_TYPES.includes(type) || !content)
      return fail(2003, 'each content needs ContentId, ContentType and Content');
    results.push({ ContentId: id, ...verdict(state, type === 'Text' ? content : '') });
  }
  return ok({ Results: results });
};

function sdkAppId(body: Body): CommandResult | undefined {
  const id = int(body, 'SdkAppId');
  return id === undefined || id <= 0
    ? fail(2003, 'SdkAppId is missing or is not a positive integer')
    : undefined;
}

export const addLocalAuditKeywords: CommandFn = (state, body) => {
  const bad = sdkAppId(body);
  if (bad) return bad;
  const items = recordList(body, 'LocalAuditWords');
  if (!items) return fail(2003, 'LocalAuditWords is missing or invalid');
  if (items.length > 100) return fail(2016, 'at most 100 words per request');
  const words = items.map((i) => ({ word: str(i, 'Keyword'), replaced: str(i, 'ReplacedContent') ?? '' }));
  if (words.some((w) => !w.word || Buffer.byteLength(w.word) > 100))
    return fail(2003, 'each word needs a Keyword of at most 100 bytes');
  const full = overCap(
    state.moderation.local.size,
    words.length,
    state.limits.collection,
    'local audit keywords',
  );
  if (full) return full;
  for (const w of words) if (w.word) state.moderation.local.set(w.word, w.replaced);
  return ok();
};

export const deleteLocalAuditKeywords: CommandFn = (state, body) => {
  const bad = sdkAppId(body);
  if (bad) return bad;
  const items = recordList(body, 'LocalAuditWords');
  if (!items) return fail(2003, 'LocalAuditWords is missing or invalid');
  for (const i of items) state.moderation.local.delete(str(i, 'Keyword') ?? '');
  return ok();
};

function window(body: Body, max: number): { offset: number; limit: number } | CommandResult {
  const offset = int(body, 'Offset') ?? 0;
  const limit = int(body, 'Limit') ?? max;
  return offset < 0 || limit < 1 || limit > max
    ? fail(2003, `Offset must be ≥ 0 and Limit from 1 to ${max}`)
    : { offset, limit };
}

export const getLocalAuditKeywords: CommandFn = (state, body) => {
  const bad = sdkAppId(body);
  if (bad) return bad;
  const w = window(body, 100);
  if ('kind' in w) return w;
  const all = [...state.moderation.local];
  return ok({
    Total: all.length,
    LocalAuditWords: all
      .slice(w.offset, w.offset + w.limit)
      .map(([Keyword, ReplacedContent]) => ({ Keyword, ReplacedContent })),
  });
};

export const getCloudAuditKeywordsIds: CommandFn = (state, body) => {
  const bad = sdkAppId(body);
  if (bad) return bad;
  const w = window(body, 100);
  if ('kind' in w) return w;
  const all = [...state.moderation.cloudLibs];
  return ok({
    Total: all.length,
    Libs: all
      .slice(w.offset, w.offset + w.limit)
      .map(([LibID, lib]) => ({ LibID, LibName: lib.name, WordNum: lib.words.size })),
  });
};

function library(state: SandboxState, body: Body) {
  const id = str(body, 'LibID');
  if (!id) return fail(2003, 'LibID is missing or is not a string');
  return state.moderation.cloudLibs.get(id) ?? fail(2003, `no keyword library ${id}`);
}

export const getCloudAuditKeywords: CommandFn = (state, body) => {
  const bad = sdkAppId(body);
  if (bad) return bad;
  const lib = library(state, body);
  if ('kind' in lib) return lib;
  const w = window(body, 100);
  if ('kind' in w) return w;
  const search = str(body, 'Keyword');
  const all = [...lib.words].filter(([word]) => !search || word.includes(search));
  return ok({
    Total: all.length,
    Keywords: all.slice(w.offset, w.offset + w.limit).map(([Content, Label]) => ({ Content, Label })),
  });
};

const LABELS = ['Normal', 'Porn', 'Abuse', 'Ad', 'Illegal', 'Polity', 'Terror', 'Custom'];

export const addCloudAuditKeywords: CommandFn = (state, body) => {
  const bad = sdkAppId(body);
  if (bad) return bad;
  const lib = library(state, body);
  if ('kind' in lib) return lib;
  const items = recordList(body, 'UserKeywords');
  if (!items) return fail(2003, 'UserKeywords is missing or invalid');
  if (items.length > 100) return fail(2016, 'at most 100 words per request');
  const words: [string, string][] = [];
  for (const i of items) {
    const content = str(i, 'Content');
    const label = str(i, 'Label') ?? 'Custom';
    if (!content || Buffer.byteLength(content) > 100 || !LABELS.includes(label))
      return fail(2003, `each word needs Content (≤ 100 bytes) and a Label of ${LABELS.join(', ')}`);
    words.push([content, label]);
  }
  const full = overCap(lib.words.size, words.length, state.limits.collection, 'words per keyword library');
  if (full) return full;
  for (const [c, l] of words) lib.words.set(c, l);
  return ok();
};

export const deleteCloudAuditKeywords: CommandFn = (state, body) => {
  const bad = sdkAppId(body);
  if (bad) return bad;
  const lib = library(state, body);
  if ('kind' in lib) return lib;
  const words = strList(body, 'Keywords');
  if (!words) return fail(2003, 'Keywords is missing or is not an array of strings');
  if (words.length > 100) return fail(2016, 'at most 100 words per request');
  for (const w of words) lib.words.delete(w);
  return ok();
};

/** The legacy list holds at most 50 words. */
const MAX_DIRTY_WORDS = 50;

export const dirtyWordsGet: CommandFn = (state) => ok({ DirtyWordsList: [...state.moderation.dirtyWords] });

export const dirtyWordsAdd: CommandFn = (state, body) => {
  const words = strList(body, 'DirtyWordsList');
  if (!words) return fail(10004, 'DirtyWordsList is missing or is not an array of strings');
  const added = new Set([...state.moderation.dirtyWords, ...words]);
  if (added.size > MAX_DIRTY_WORDS) return fail(10004, `an app keeps at most ${MAX_DIRTY_WORDS} dirty words`);
  state.moderation.dirtyWords = added;
  return ok();
};

export const dirtyWordsDelete: CommandFn = (state, body) => {
  const words = strList(body, 'DirtyWordsList');
  if (!words) return fail(10004, 'DirtyWordsList is missing or is not an array of strings');
  for (const w of words) state.moderation.dirtyWords.delete(w);
  return ok();
};

function rawUrl(v: string | undefined): v is string {
  return v !== undefined && /^https?:\/\/\S+$/.test(v);
}

export const forbidIllegalObject: CommandFn = (state, body) => {
  const url = str(body, 'RawURL');
  if (!rawUrl(url)) return fail(90001, 'RawURL must be the http(s) URL of a chat file');
  const full = overCap(state.moderation.bannedObjects.size, 1, state.limits.collection, 'banned chat files');
  if (full) return full;
  state.moderation.bannedObjects.add(url);
  return ok();
};

export const allowBannedObject: CommandFn = (state, body) => {
  const url = str(body, 'RawURL');
  if (!rawUrl(url)) return fail(90001, 'RawURL must be the http(s) URL of a chat file');
  state.moderation.bannedObjects.delete(url);
  return ok();
};

export const getCosSig: CommandFn = (state, body, ctx) => {
  const urls = strList(body, 'RawURLs');
  if (!urls?.every(rawUrl)) return fail(90001, 'RawURLs must be http(s) URLs of chat files');
  if (urls.length > 20) return fail(90001, 'at most 20 URLs per request');
  const expires = Math.floor(ctx.nowMs / 1000) + 3600;
  return ok({
    URLSigList: urls.map((url) => ({
      RawURL: url,
      // A banned file has no signed URL: clients cannot fetch it.
      URLSig: state.moderation.bannedObjects.has(url) ? '' : `${url}?sign=sandbox&t=${expires}`,
      Banned: state.moderation.bannedObjects.has(url) ? 1 : 0,
    })),
  });
};
