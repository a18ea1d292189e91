import { recordList, str, strList } from '../state/body';
import { fail, ok } from '../state/result';
import type { CommandFn } from './types';

const STANDARD_TAGS = new Set([
  'Tag_Profile_IM_Nick',
  'Tag_Profile_IM_Gender',
  'Tag_Profile_IM_BirthDay',
  'Tag_Profile_IM_Location',
  'Tag_Profile_IM_SelfSignature',
  'Tag_Profile_IM_AllowType',
  'Tag_Profile_IM_Language',
  'Tag_Profile_IM_Image',
  'Tag_Profile_IM_MsgSettings',
  'Tag_Profile_IM_AdminForbidType',
  'Tag_Profile_IM_Level',
  'Tag_Profile_IM_Role',
]);

const ENUM_TAGS: Record<string, string[]> = {
  Tag_Profile_IM_Gender: ['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male'],
  Tag_Profile_IM_AllowType: [
    'AllowType_Type_NeedConfirm',
    'AllowType_Type_AllowAny',
    'AllowType_Type_DenyAny',
  ],
  Tag_Profile_IM_AdminForbidType: ['AdminForbid_Type_None', 'AdminForbid_Type_SendOut'],
};
const NUMBER_TAGS = new Set([
  'Tag_Profile_IM_BirthDay',
  'Tag_Profile_IM_Language',
  'Tag_Profile_IM_MsgSettings',
  'Tag_Profile_IM_Level',
  'Tag_Profile_IM_Role',
]);

function isKnownTag(tag: string): boolean {
  return STANDARD_TAGS.has(tag) || /^Tag_Profile_Custom_\w{1,8}$/.test(tag);
}

// Profile answers carry ErrorDisplay (reference §2.1 envelope variations).
const display = { ErrorDisplay: '' };

export const portraitGet: CommandFn = (state, body) => {
  const ids = strList(body, 'To_Account');
  const tags = strList(body, 'TagList');
  if (!ids || !tags) return fail(40001, 'Err_Profile_Comm_Decode_Fail', display);
  if (ids.length > 100)
    return fail(40001, 'Err_Profile_Comm_Decode_Fail: at most 100 accounts per request', display);
  const failAccount: string[] = [];
  const items = ids.map((id) => {
    const acc = state.accounts.get(id);
    if (!acc) {
      failAccount.push(id);
      return { To_Account: id, ResultCode: 40003, ResultInfo: 'Err_Profile_Comm_Account_Not_Exist' };
    }
    const profileItem = tags.flatMap((tag) => {
      const value = acc.profile.get(tag);
      return value === undefined ? [] : [{ Tag: tag, Value: value }];
    });
    return { To_Account: id, ProfileItem: profileItem, ResultCode: 0, ResultInfo: '' };
  });
  if (failAccount.length === ids.length) {
    return fail(40003, 'Err_Profile_Comm_Account_Not_Exist', {
      ...display,
      UserProfileItem: items,
      FailAccount: failAccount,
    });
  }
  return ok({ UserProfileItem: items, FailAccount: failAccount, ...display });
};

export const portraitSet: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const items = recordList(body, 'ProfileItem');
  if (!from || !items) return fail(40001, 'Err_Profile_Comm_Decode_Fail', display);
  const acc = state.accounts.get(from);
  if (!acc) return fail(40003, 'Err_Profile_Comm_Account_Not_Exist', display);
  const updates: [string, string | number][] = [];
  for (const item of items) {
    const tag = item.Tag;
    const value = item.Value;
    if (typeof tag !== 'string') return fail(40001, 'Err_Profile_Comm_Decode_Fail', display);
    if (!isKnownTag(tag)) return fail(40009, `Err_Profile_Tag_Not_Exist: ${tag}`, display);
    if (typeof value !== 'string' && typeof value !== 'number') {
      return fail(40610, `Err_Profile_Value_Type_Mismatch: ${tag}`, display);
    }
    if (NUMBER_TAGS.has(tag) !== (typeof value === 'number')) {
      return fail(40610, `Err_Profile_Value_Type_Mismatch: ${tag}`, display);
    }
    const allowed = ENUM_TAGS[tag];
    if (allowed && (typeof value !== 'string' || !allowed.includes(value))) {
      return fail(40605, `Err_Profile_Standard_Value_Error: ${tag}`, display);
    }
    if (typeof value === 'string' && Buffer.byteLength(value) > 500) {
      return fail(40601, `Err_Profile_Value_Too_Long: ${tag}`, display);
    }
    updates.push([tag, value]);
  }
  // All-or-nothing: a bad item rejects the whole request, as the real API does.
  for (const [tag, value] of updates) acc.profile.set(tag, value);
  return ok(display);
};
