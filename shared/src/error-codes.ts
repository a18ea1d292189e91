// Tencent Chat REST error codes (reference §3), with what the operator should do about each.
import type { ErrorCodeDoc } from './api/catalog';

const DOC = 'https://www.tencentcloud.com/document/product/1047/34348';
const AUDIT_DOC = 'https://www.tencentcloud.com/document/product/1047/77831';
const LIVE_DOC = 'https://trtc.io/document/69079';

/** ErrorCode the console's built-in sandbox answers for a catalog command it does not emulate. */
export const SANDBOX_NOT_EMULATED = 99001;

/** ErrorCode the sandbox answers when a call would pass one of its in-memory caps. */
export const SANDBOX_STATE_FULL = 99002;

/** Codes an app's before-send C2C webhook may return to reject a message with its own reason. */
export const WEBHOOK_CUSTOM_RANGE = { min: 120001, max: 130000 } as const;

type Row = readonly [code: number, meaning: string, hint: string, retryable: boolean];

const RETRY = 'Retry after a short pause; if it keeps failing, open a Tencent ticket with the RequestId.';
const BACK_OFF =
  'Slow down and retry later with backoff; the console\u2019s own limiter should normally prevent this.';
const FIX_BODY =
  'Fix the request body: check the field names, types and limits against the command\u2019s schema.';
const USE_ADMIN =
  'Use an App admin account as the environment\u2019s admin identifier (Chat console > app > admin configuration).';
const IMPORT =
  'Import the account first (account_import), or check the UserID for typos; account_check tells which.';

function rows(category: string, list: readonly Row[], docUrl: string | null = DOC): ErrorCodeDoc[] {
  return list.map(([code, meaning, hint, retryable]) => ({
    code,
    category,
    meaning,
    hint,
    retryable,
    docUrl,
  }));
}

const generic = rows('generic', [
  [
    60002,
    'HTTP parse error: the request URL is malformed.',
    'A console bug in the URL builder: report it with the RequestId.',
    false,
  ],
  [
    60003,
    'The request body is not valid JSON.',
    'Fix the JSON of the body (the editor shows where it is wrong).',
    false,
  ],
  [
    60004,
    'The identifier or UserSig in the request is wrong.',
    'Check the environment\u2019s admin identifier and secret key; the UserSig is regenerated on the next call.',
    false,
  ],
  [
    60005,
    'The identifier or UserSig in the request is wrong (variant of 60004).',
    'Check the environment\u2019s admin identifier and secret key.',
    false,
  ],
  [
    60006,
    'The SDKAppID is invalid.',
    'Check the environment\u2019s SDKAppID and that its region matches the app\u2019s data center.',
    false,
  ],
  [60007, 'REST API call frequency over the limit for this command.', BACK_OFF, true],
  [
    60008,
    'Service timeout, or the HTTP request format is wrong.',
    'Retry only if the command is safe to repeat (reads, or writes with a fresh de-duplication key).',
    true,
  ],
  [
    60009,
    'Request resource error: unknown service or command in the URL.',
    'The command name is wrong for this API (or not available in this region/edition).',
    false,
  ],
  [60010, 'The request needs App admin permission.', USE_ADMIN, false],
  [
    60011,
    'Request frequency of the whole SDKAppID over the limit.',
    'Back off app-wide: other systems calling the same app share this limit.',
    true,
  ],
  [
    60012,
    'The REST API needs the SDKAppID in the URL.',
    'A console bug in the URL builder: report it.',
    false,
  ],
  [60013, 'The backend failed to parse a JSON response internally.', RETRY, true],
  [60014, 'Account exchange timed out inside Tencent.', RETRY, true],
  [
    60015,
    'An account field in the body has the wrong type: UserIDs must be strings.',
    'Send every UserID as a JSON string, even numeric ones.',
    false,
  ],
  [
    60016,
    'The SDKAppID is disabled.',
    'Contact Tencent through a ticket; the app cannot be used until it is re-enabled.',
    false,
  ],
  [60017, 'The request is disabled for this app.', 'Contact Tencent through a ticket.', false],
  [60018, 'Requests too frequent; retry later.', BACK_OFF, true],
  [60019, 'Requests too frequent; retry later.', BACK_OFF, true],
  [
    60020,
    'No package purchased, the package is not yet effective (wait about 5 minutes after purchase), or the Pro package has expired.',
    'Check the app\u2019s billing in the Chat console.',
    false,
  ],
  [
    60021,
    'The caller\u2019s source IP is not allowed by the app\u2019s IP allowlist.',
    'Add the console server\u2019s public IP to the allowlist in the Chat console.',
    false,
  ],
  [
    60022,
    'Undocumented error (not found in any source consulted).',
    'Treat as a generic failure: read ErrorInfo and open a ticket with the RequestId if it persists.',
    false,
  ],
  [
    80001,
    'Text security strike: the content contains sensitive words.',
    'Change the content; resending the same text fails the same way.',
    false,
  ],
  [
    80002,
    'The message body is too long (12 KB at most per Tencent\u2019s current limits page; older pages said 8 KB).',
    'Shrink the message (fewer or smaller elements, shorter CloudCustomData).',
    false,
  ],
]);

const account = rows('account', [
  [
    70001,
    'The UserSig has expired.',
    'The console regenerates it on the next call; if it persists, check the server clock and the UserSig validity.',
    true,
  ],
  [70002, 'The UserSig is empty.', 'A console bug: report it.', false],
  [
    70003,
    'UserSig check failed (possibly truncated or badly URL-encoded).',
    'Check the environment\u2019s secret key; the UserSig must be URL-encoded in the query.',
    false,
  ],
  [
    70005,
    'UserSig check failed.',
    'Check that the secret key belongs to this SDKAppID (verify with the console\u2019s UserSig tool).',
    false,
  ],
  [
    70009,
    'Verifying the UserSig with the app\u2019s key failed: key and SDKAppID do not match.',
    'The environment has the wrong secret key for this app; copy it again from the Chat console.',
    false,
  ],
  [
    70013,
    'The identifier in the request differs from the one in the UserSig.',
    'A console bug (identifier and UserSig out of sync): report it.',
    false,
  ],
  [
    70014,
    'The SDKAppID in the request differs from the one in the UserSig.',
    'A console bug or a misconfigured environment: check the SDKAppID.',
    false,
  ],
  [
    70016,
    'Public key not found (old ECDSA key flow).',
    'Regenerate the app key in the Chat console and use the new HMAC secret key.',
    false,
  ],
  [
    70020,
    'SDKAppID not found.',
    'Check the SDKAppID and the region: the app lives in one data center only.',
    false,
  ],
  [
    70050,
    'Temporarily blocked after too many failed attempts; wait one minute.',
    'Stop retrying for a minute, then fix the cause of the previous failures.',
    true,
  ],
  [
    70051,
    'The account is blocklisted.',
    'Contact Tencent through a ticket if the account should not be blocked.',
    false,
  ],
  [
    70052,
    'The UserSig has been invalidated.',
    'A new UserSig is needed; the console signs a fresh one on the next call.',
    true,
  ],
  [70101, 'Login ticket expired (SDK login flow).', 'Log in again with a fresh UserSig.', false],
  [70107, 'The requested user account does not exist.', IMPORT, false],
  [70114, 'Restricted for security reasons.', 'Contact Tencent through a ticket with the RequestId.', false],
  [70169, 'Internal server timeout.', RETRY, true],
  [
    70202,
    'Internal server timeout (seen on multiaccount_import).',
    'Retry; multiaccount_import is safe to repeat.',
    true,
  ],
  [70206, 'Invalid batch count.', 'Send at most 100 accounts per call.', false],
  [
    70398,
    'The number of accounts exceeds the free/trial edition limit.',
    'Upgrade the app\u2019s edition in the Chat console.',
    false,
  ],
  [70402, 'Invalid parameters.', FIX_BODY, false],
  [70403, 'The request needs App admin permission.', USE_ADMIN, false],
  [70500, 'Internal server error.', RETRY, true],
]);

const profile = rows('profile', [
  [40001, 'Invalid parameters (e.g. the body could not be decoded).', FIX_BODY, false],
  [40002, 'No account specified.', 'Fill From_Account / To_Account.', false],
  [40003, 'The account does not exist.', IMPORT, false],
  [40004, 'The request needs App admin permission.', USE_ADMIN, false],
  [40005, 'A profile field contains sensitive words.', 'Change the value.', false],
  [40006, 'Internal server error.', RETRY, true],
  [
    40007,
    'No permission to read this profile field.',
    'Check the field\u2019s read permission in the Chat console (custom profile fields).',
    false,
  ],
  [
    40008,
    'No permission to write this profile field.',
    'Check the field\u2019s write permission in the Chat console.',
    false,
  ],
  [
    40009,
    'The profile tag does not exist.',
    'Check the tag name; custom tags must be created in the Chat console first.',
    false,
  ],
  [40601, 'The field value is longer than 500 bytes.', 'Shorten the value.', false],
  [
    40605,
    'Invalid value for a standard profile field.',
    'Use a documented value (e.g. Gender_Type_Male, AllowType_Type_NeedConfirm).',
    false,
  ],
  [
    40610,
    'The value type does not match the field (string vs integer).',
    'Send the value with the field\u2019s type.',
    false,
  ],
]);

const relationship = rows('relationship', [
  [30001, 'Invalid parameters.', FIX_BODY, false],
  [30002, 'SDKAppID mismatch.', 'Check the environment\u2019s SDKAppID.', false],
  [30003, 'The account does not exist.', IMPORT, false],
  [30004, 'The request needs App admin permission.', USE_ADMIN, false],
  [
    30005,
    'The relationship field contains sensitive words.',
    'Change the remark, wording or custom field.',
    false,
  ],
  [30006, 'Internal server error.', RETRY, true],
  [30007, 'Network timeout inside Tencent.', RETRY, true],
  [
    30008,
    'Write conflict from concurrent writes to the same user\u2019s relationships.',
    'Serialise writes per user, or use the batch commands instead of many parallel calls.',
    true,
  ],
  [
    30009,
    'The user is forbidden to add friends (admin restriction).',
    'Check Tag_Profile_IM_AdminForbidType of the user.',
    false,
  ],
  [30010, 'The user\u2019s friend count is at its limit.', 'Remove friends first.', false],
  [30011, 'The number of friend lists is at its limit.', 'Delete friend lists first.', false],
  [
    30012,
    'The number of pending requests is at its limit.',
    'Let the user handle or delete pending requests first.',
    false,
  ],
  [30013, 'The blocklist is at its limit.', 'Remove entries from the blocklist first.', false],
  [30014, 'The peer\u2019s friend count is at its limit.', 'Nothing to do from this side.', false],
  [
    30515,
    'The peer is in the user\u2019s own blocklist.',
    'Remove the peer from the blocklist first (black_list_delete).',
    false,
  ],
  [
    30516,
    'The peer allows nobody to add them as a friend.',
    'Respect the peer\u2019s setting, or use ForceAddFlags / friend_import as admin.',
    false,
  ],
  [30525, 'The user is in the peer\u2019s blocklist.', 'Nothing to do from this side.', false],
  [
    30539,
    'Request pending: the peer must confirm (informational, not a failure).',
    'Wait for the peer to accept, or use ForceAddFlags 1.',
    false,
  ],
  [
    30540,
    'Adding the friend was blocked by a security policy.',
    'Contact Tencent through a ticket if legitimate.',
    false,
  ],
  [
    30614,
    'The pending request was not found.',
    'It was already handled or deleted; refresh the pending list.',
    false,
  ],
  [31704, 'Not friends: nothing to delete.', 'Nothing to do; check friend_check if unexpected.', false],
  [
    31707,
    'Deleting the friend was blocked by a security policy.',
    'Contact Tencent through a ticket if legitimate.',
    false,
  ],
  [31804, 'The account does not exist.', IMPORT, false],
]);

const conversation = rows('conversation', [
  [50001, 'The account does not exist.', IMPORT, false],
  [50002, 'Invalid parameters.', FIX_BODY, false],
  [50003, 'The request needs App admin permission.', USE_ADMIN, false],
  [50004, 'Internal server error.', RETRY, true],
  [50005, 'Network timeout inside Tencent.', RETRY, true],
]);

const message = rows('message', [
  [
    20001,
    'Invalid request packet.',
    'Check that sender and recipient exist (account_check) and the body is well formed.',
    false,
  ],
  [20002, 'Internal authentication failed.', RETRY, true],
  [20003, 'The identifier is invalid or the account is not imported.', IMPORT, false],
  [20004, 'Network error inside Tencent.', RETRY, true],
  [20005, 'Internal server error.', RETRY, true],
  [
    20006,
    'Rejected by the app\u2019s "before send C2C message" webhook.',
    'The app\u2019s own backend refused the message; check its webhook logs.',
    false,
  ],
  [
    20007,
    'The sender is in the recipient\u2019s blocklist.',
    'Nothing to do from the sender\u2019s side (the recipient must unblock).',
    false,
  ],
  [
    20009,
    'The two users are not mutual friends (friend check is enabled for messages).',
    'Make them friends, or disable the friend check in the Chat console.',
    false,
  ],
  [
    20010,
    'The sender is not in the recipient\u2019s friend list (friend check enabled).',
    'Add the friendship, or disable the friend check.',
    false,
  ],
  [
    20011,
    'The recipient is not in the sender\u2019s friend list (friend check enabled).',
    'Add the friendship, or disable the friend check.',
    false,
  ],
  [
    20012,
    'The sender is globally muted.',
    'Check getnospeaking; lift it with setnospeaking if appropriate.',
    false,
  ],
  [
    20016,
    'The recall time limit has passed (2 minutes by default).',
    'The message can no longer be recalled this way.',
    false,
  ],
  [20018, 'Internal error while deleting roaming messages.', RETRY, true],
  [90001, 'JSON parse failed.', 'Fix the JSON of the body.', false],
  [
    90002,
    'MsgBody does not follow the message format, or is not an array.',
    'Check MsgBody: an array of {MsgType, MsgContent} elements.',
    false,
  ],
  [
    90003,
    'To_Account is missing or has the wrong type.',
    'Fill To_Account with a string UserID (an array for batch commands).',
    false,
  ],
  [
    90005,
    'MsgRandom is missing or not an integer.',
    'Set MsgRandom to a random 32-bit unsigned integer.',
    false,
  ],
  [90006, 'MsgTimeStamp is missing or not an integer.', 'Set MsgTimeStamp to Unix seconds.', false],
  [90007, 'MsgBody is not an array.', 'Wrap the elements in an array.', false],
  [90009, 'The request needs App admin permission.', USE_ADMIN, false],
  [90010, 'The packet does not follow the message format.', FIX_BODY, false],
  [
    90011,
    'More than 500 target accounts in a batch.',
    'Split the recipients into batches of at most 500.',
    false,
  ],
  [90012, 'To_Account is not registered or does not exist.', IMPORT, false],
  [90026, 'Invalid offline storage time (at most 7 days).', 'Set MsgLifeTime between 0 and 604800.', false],
  [90031, 'SyncOtherMachine is not an integer.', 'Use 1 or 2.', false],
  [90044, 'MsgLifeTime is not an integer.', 'Use an integer number of seconds.', false],
  [90048, 'The account does not exist.', IMPORT, false],
  [
    90992,
    'Internal error. If every request fails and webhooks are configured, the app\u2019s webhook backend may not be answering.',
    'Check that the app\u2019s webhook endpoint answers quickly; then retry.',
    true,
  ],
  [90994, 'Internal server error.', RETRY, true],
  [90995, 'Internal server error.', RETRY, true],
  [91000, 'Internal server error.', RETRY, true],
  [
    91101,
    'Web long-poll session kicked: too many Web instances logged in.',
    'A client-side condition; log in again on the Web client.',
    false,
  ],
  [
    93000,
    'The JSON packet is too long (over the message size limit: 12 KB today, 8 KB on older pages).',
    'Shrink the message.',
    false,
  ],
]);

const group = rows('group', [
  [10002, 'Internal server error (also "system error" on the legacy dirty-words API).', RETRY, true],
  [
    10003,
    'Wrong command name (also on the legacy dirty-words API).',
    'The command does not exist for this service; check the catalog.',
    false,
  ],
  [
    10004,
    'Invalid parameters. Also what AVChatRoom answers to delete_group_member (mute or ban instead).',
    FIX_BODY,
    false,
  ],
  [10005, 'Too many accounts in the request.', 'Split the request into smaller batches.', false],
  [10006, 'Operation frequency limit.', BACK_OFF, true],
  [
    10007,
    'Insufficient permission (e.g. not owner/admin; on the legacy dirty-words API: not admin).',
    'Act as the owner or an admin, or as the app admin by omitting the operator.',
    false,
  ],
  [
    10008,
    'Invalid request (signature problem).',
    'Check the environment\u2019s admin identifier and secret key.',
    false,
  ],
  [
    10009,
    'The owner cannot quit the group.',
    'Transfer ownership first (change_group_owner) or destroy the group.',
    false,
  ],
  [
    10010,
    'The group does not exist or has been disbanded.',
    'Check the GroupId (get_appid_group_list).',
    false,
  ],
  [10011, 'JSON parse failed.', 'Fix the JSON of the body.', false],
  [10012, 'The operator identifier is invalid.', 'Check the operator UserID in the body.', false],
  [10013, 'The user is already a member of the group.', 'Nothing to do.', false],
  [
    10014,
    'The group is full.',
    'Raise MaxMemberCount (within the edition\u2019s limit) or remove members.',
    false,
  ],
  [10015, 'Invalid group ID.', 'Check the GroupId format and that the group exists.', false],
  [
    10016,
    'Rejected by the app\u2019s group webhook.',
    'The app\u2019s own backend refused the operation; check its webhook logs.',
    false,
  ],
  [
    10017,
    'The sender is muted in this group.',
    'Lift the mute (forbid_send_msg with MuteTime 0) if appropriate.',
    false,
  ],
  [10018, 'The response would exceed 1 MB.', 'Request less per call (smaller Limit, fewer fields).', false],
  [10019, 'The account does not exist.', IMPORT, false],
  [10021, 'The group ID is already in use.', 'Choose another custom GroupId.', false],
  [10023, 'Message frequency limit for this group.', BACK_OFF, true],
  [10024, 'The invitation or application was already processed.', 'Nothing to do.', false],
  [
    10025,
    'The group ID is in use and the operator is its owner: the group can be used directly.',
    'Use the existing group.',
    false,
  ],
  [10026, 'This command is disabled for the SDKAppID.', 'Ask Tencent to enable it through a ticket.', false],
  [10030, 'The message to recall was not found.', 'Check the MsgSeq (group_msg_get_simple).', false],
  [
    10031,
    'The recall time limit has passed (2 minutes for clients).',
    'The message can no longer be recalled this way.',
    false,
  ],
  [10032, 'This message type cannot be recalled.', 'Nothing to do; delete it instead if supported.', false],
  [10033, 'This group type does not support recall.', 'Nothing to do for this group type.', false],
  [10034, 'This message type cannot be deleted.', 'Nothing to do.', false],
  [
    10035,
    'AVChatRoom and broadcast groups do not support message deletion.',
    'Nothing to do for this group type.',
    false,
  ],
  [
    10036,
    'AVChatRoom creation count limit reached.',
    'Buy an AVChatRoom package or destroy unused rooms.',
    false,
  ],
  [
    10037,
    'The user has created or joined too many groups.',
    'Have the user leave groups, or raise the limit with Tencent.',
    false,
  ],
  [10038, 'Member count limit reached.', 'Upgrade the edition or remove members.', false],
  [
    10056,
    'Group attribute write conflict.',
    'Re-read the attributes (get_group_attr), then write again.',
    true,
  ],
]);

const audit = rows(
  'audit',
  [
    [2001, 'Moderation service internal error.', RETRY, true],
    [
      2002,
      'Command not supported by the moderation service.',
      'Check the command and that the app is in the Singapore data center.',
      false,
    ],
    [2003, 'Invalid parameters.', FIX_BODY, false],
    [2004, 'No permission.', 'Check that the app may use this moderation feature.', false],
    [
      2015,
      'The cloud moderation service is not enabled for the app.',
      'Enable cloud moderation in the Chat console.',
      false,
    ],
    [2016, 'Too many words in one request.', 'Send fewer keywords per call.', false],
  ],
  AUDIT_DOC,
);

const live = rows(
  'live',
  [
    [100001, 'Live service internal error.', RETRY, true],
    [100002, 'Invalid parameter.', FIX_BODY, false],
    [100004, 'The room does not exist or has been dissolved.', 'Check the RoomId (get_room_list).', false],
    [
      100006,
      'The room type must be Live for this command.',
      'Use a room created with RoomType "Live".',
      false,
    ],
  ],
  LIVE_DOC,
);

const resource = rows('resource', [
  [
    114000,
    'The file resource was not found.',
    'The file may have expired or never been uploaded; upload it again.',
    false,
  ],
  [
    114001,
    'Access to the file resource was denied.',
    'Check the URL and the app\u2019s file access settings.',
    false,
  ],
  [114002, 'The file is too large.', 'Send a smaller file.', false],
  [114003, 'The file transfer was cancelled.', 'Send again.', true],
  [114004, 'Reading the file failed.', 'Check the file and send again.', true],
  [114005, 'The file transfer timed out.', 'Send again, possibly over a better network.', true],
  [114011, 'Invalid file parameters.', 'Check the file fields of the element.', false],
  [115066, 'File MD5 check failed.', 'The file was corrupted in transit; upload it again.', true],
  [115068, 'File part MD5 check failed.', 'The upload was corrupted; upload it again.', true],
]);

const sdk = rows('sdk', [
  [
    6206,
    'Client SDK: UserSig expired (the SDK-side counterpart of 70001; not a REST code).',
    'Generate a new UserSig for the client.',
    false,
  ],
]);

// The console's own codes: Tencent does not document them, so they carry no Tencent link.
const sandbox = rows(
  'sandbox',
  [
    [
      SANDBOX_NOT_EMULATED,
      'Not emulated by the console\u2019s built-in sandbox: this command exists in the Tencent API, but the sandbox does not simulate it, so nothing was done. The console marks such commands \u201cnot emulated\u201d before you send.',
      'Try it against a real Tencent environment, or use one of the emulated commands.',
      false,
    ],
    [
      SANDBOX_STATE_FULL,
      'The built-in sandbox is full: it keeps its state in memory and caps every collection (accounts, groups, messages, \u2026).',
      'Delete what you no longer need, or reset the sandbox (POST /sandbox/reset) to restore its seed.',
      false,
    ],
  ],
  null,
);

export const errorCodes: readonly ErrorCodeDoc[] = [
  ...generic,
  ...account,
  ...profile,
  ...relationship,
  ...conversation,
  ...message,
  ...group,
  ...audit,
  ...live,
  ...resource,
  ...sdk,
  ...sandbox,
];

const byCode = new Map(errorCodes.map((e) => [e.code, e]));

/** The documented entry for a code, or a generic one that says the code is not documented. */
export function lookupErrorCode(code: number): ErrorCodeDoc {
  const known = byCode.get(code);
  if (known) return known;
  if (code >= WEBHOOK_CUSTOM_RANGE.min && code <= WEBHOOK_CUSTOM_RANGE.max) {
    return {
      code,
      category: 'webhook',
      meaning: `Custom error code ${code} returned by the app's own "before send C2C message" webhook (range 120001–130000): the app's backend rejected the message.`,
      hint: "Look up this code in the app's own webhook implementation; Tencent only passes it through.",
      retryable: false,
      docUrl: DOC,
    };
  }
  return {
    code,
    category: 'unknown',
    meaning: `Error code ${code} is not in the console's table of documented codes.`,
    hint: 'Check ErrorInfo in the response and search the Tencent Chat error-code page for this code.',
    retryable: false,
    docUrl: DOC,
  };
}

export function isDocumentedErrorCode(code: number): boolean {
  return byCode.has(code);
}
