import { type Body, int, recordList, str } from '../state/body';
import { type CommandResult, fail, ok } from '../state/result';
import type { Extensions } from '../state/types';
import { lookupGroup } from './group-ids';
import type { CommandFn } from './types';

// Key-value extensions of messages (openim_msg_ext_http_svc). OperateType 1 = set, 2 = delete,
// 3 = clear. At most 20 keys per request and 300 per message; keys ≤ 100 bytes, values ≤ 1 KB.

const MAX_KEYS_PER_CALL = 20;
const MAX_KEYS = 300;

function list(ext: Extensions, startSeq: number) {
  return [...ext.values]
    .filter(([, v]) => v.seq >= startSeq)
    .map(([Key, v]) => ({ Key, Value: v.value, Seq: v.seq }));
}

function apply(ext: Extensions, body: Body, invalid: number): CommandResult {
  const op = int(body, 'OperateType');
  if (op !== 1 && op !== 2 && op !== 3)
    return fail(invalid, 'OperateType must be 1 (set), 2 (delete) or 3 (clear)');
  if (op === 3) {
    ext.seq += 1;
    ext.values.clear();
    return ok({ ExtensionList: [] });
  }
  const items = recordList(body, 'ExtensionList');
  if (!items) return fail(invalid, 'ExtensionList is missing or invalid');
  if (items.length > MAX_KEYS_PER_CALL) return fail(invalid, `at most ${MAX_KEYS_PER_CALL} keys per request`);
  const parsed: { key: string; value: string }[] = [];
  for (const item of items) {
    const key = str(item, 'Key');
    const value = typeof item.Value === 'string' ? item.Value : '';
    if (!key || Buffer.byteLength(key) > 100 || Buffer.byteLength(value) > 1024)
      return fail(invalid, 'each extension needs a Key of at most 100 bytes and a Value of at most 1 KB');
    parsed.push({ key, value });
  }
  ext.seq += 1;
  for (const { key, value } of parsed) {
    if (op === 2) ext.values.delete(key);
    else ext.values.set(key, { value, seq: ext.seq });
  }
  if (ext.values.size > MAX_KEYS) return fail(invalid, `a message keeps at most ${MAX_KEYS} extension keys`);
  return ok({
    ExtensionList: parsed.map(({ key }) => {
      const v = ext.values.get(key);
      return { ErrorCode: 0, Extension: { Key: key, Value: v?.value ?? '', Seq: v?.seq ?? ext.seq } };
    }),
  });
}

function c2cExt(state: Parameters<CommandFn>[0], body: Body): Extensions | CommandResult {
  const from = str(body, 'From_Account');
  const to = str(body, 'To_Account');
  const key = str(body, 'MsgKey');
  if (!from || !to || !key) return fail(90001, 'From_Account, To_Account or MsgKey is missing or invalid');
  if (!state.accounts.has(from) || !state.accounts.has(to))
    return fail(90012, 'From_Account or To_Account is not imported or does not exist');
  const msg = state.c2c.find((m) => m.key === key && m.from === from && m.to === to && !m.withdrawn);
  return msg ? msg.ext : fail(20001, 'the message does not exist or was withdrawn');
}

function groupExt(state: Parameters<CommandFn>[0], body: Body): Extensions | CommandResult {
  const id = str(body, 'GroupId');
  const seq = int(body, 'MsgSeq');
  if (!id || seq === undefined) return fail(10004, 'GroupId or MsgSeq is missing or invalid');
  const found = lookupGroup(state, id);
  if (!('group' in found)) return fail(found.code, found.info);
  const msg = found.group.messages.find((m) => m.seq === seq && !m.recalled && !m.deleted);
  return msg ? msg.ext : fail(10030, 'the message does not exist');
}

const isExt = (v: Extensions | CommandResult): v is Extensions => 'values' in v;

export const getKeyValues: CommandFn = (state, body) => {
  const ext = c2cExt(state, body);
  if (!isExt(ext)) return ext;
  return ok({
    ExtensionList: list(ext, int(body, 'StartSeq') ?? 1),
    Complete: 1,
    LatestSeq: ext.seq,
    ClearSeq: 0,
  });
};

export const setKeyValues: CommandFn = (state, body) => {
  const ext = c2cExt(state, body);
  return isExt(ext) ? apply(ext, body, 90001) : ext;
};

export const groupGetKeyValues: CommandFn = (state, body) => {
  const ext = groupExt(state, body);
  if (!isExt(ext)) return ext;
  return ok({
    ExtensionList: list(ext, int(body, 'StartSeq') ?? 1),
    Complete: 1,
    LatestSeq: ext.seq,
    ClearSeq: 0,
  });
};

export const groupSetKeyValues: CommandFn = (state, body) => {
  const ext = groupExt(state, body);
  return isExt(ext) ? apply(ext, body, 10004) : ext;
};
