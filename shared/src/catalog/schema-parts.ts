// Building blocks for the request-body JSON Schemas (draft-07, the dialect Monaco's JSON language
// service understands). `additionalProperties` stays open everywhere: Tencent adds fields faster than
// this catalog is updated, and the upstream is the authority on what it accepts.
import type { JsonSchema } from '../api/catalog';

type Extra = { [key: string]: unknown };

export function str(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'string', description, ...extra };
}

export function int(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'integer', description, ...extra };
}

export function num(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'number', description, ...extra };
}

export function bool(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'boolean', description, ...extra };
}

export function arr(items: JsonSchema, description: string, extra: Extra = {}): JsonSchema {
  return { type: 'array', items, description, ...extra };
}

export function obj(
  properties: Record<string, JsonSchema>,
  required: readonly string[] = [],
  description?: string,
  extra: Extra = {},
): JsonSchema {
  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    properties,
    required: [...required],
    additionalProperties: true,
    ...extra,
  };
}

/** An enum whose values Monaco explains in the completion list (`enumDescriptions`). */
export function oneOfValues(
  type: 'string' | 'integer',
  values: ReadonlyArray<readonly [string | number, string]>,
  description: string,
  extra: Extra = {},
): JsonSchema {
  return {
    type,
    enum: values.map((v) => v[0]),
    enumDescriptions: values.map((v) => v[1]),
    description,
    ...extra,
  };
}

const DEDUP_NOTE =
  ' Tencent de-duplicates on this value: a replay that reuses it may be silently dropped, so use a fresh value when resending.';

/** Marks a field Tencent de-duplicates on; the history replay UI offers a fresh value for these. */
export function dedup(schema: JsonSchema): JsonSchema {
  const description = typeof schema.description === 'string' ? schema.description : '';
  return { ...schema, description: `${description}${DEDUP_NOTE}`, 'x-dedup': true };
}

export const UINT32_MAX = 4294967295;

// ---- identifiers ------------------------------------------------------------------------------

export function userId(description: string): JsonSchema {
  return str(`${description} UserID: at most 32 bytes.`, { minLength: 1, maxLength: 32 });
}

export function userIdList(description: string, maxItems: number): JsonSchema {
  return arr(userId('A UserID.'), `${description} At most ${maxItems} UserIDs.`, { minItems: 1, maxItems });
}

export const groupIdField = str(
  'Group ID, e.g. "@TGS#1NVTZEAE4" (or a custom ID chosen at creation; community IDs start with "@TGS#_").',
  { minLength: 1, maxLength: 48 },
);

export const msgKeyField = str(
  'MsgKey of the one-to-one message, as returned by sendmsg or admin_getroammsg (e.g. "31906_833502_1572869830").',
  { minLength: 1 },
);

export const msgSeqField = int('Sequence number (MsgSeq) of the group message.', { minimum: 0 });

export function msgRandom(description = 'Random 32-bit unsigned integer identifying this send.'): JsonSchema {
  return dedup(int(description, { minimum: 0, maximum: UINT32_MAX }));
}

// ---- message elements (MsgBody) -------------------------------------------------------------------

function element(type: string, description: string, content: JsonSchema): JsonSchema {
  return obj(
    {
      MsgType: str(`Element type: ${type}.`, { const: type }),
      MsgContent: content,
    },
    ['MsgType', 'MsgContent'],
    description,
  );
}

const downloadFlag = int(
  'Download flag; must be 2 (download through the URL) for files sent from the server.',
  {
    enum: [2],
  },
);

export const textElem = element(
  'TIMTextElem',
  'Text element.',
  obj(
    { Text: str('The message text (UTF-8). The whole message is limited to 12 KB.') },
    ['Text'],
    'Text content.',
  ),
);

export const locationElem = element(
  'TIMLocationElem',
  'Location element.',
  obj(
    {
      Desc: str('Description of the place.'),
      Latitude: num('Latitude in degrees.', { minimum: -90, maximum: 90 }),
      Longitude: num('Longitude in degrees.', { minimum: -180, maximum: 180 }),
    },
    ['Latitude', 'Longitude'],
    'Location content.',
  ),
);

export const faceElem = element(
  'TIMFaceElem',
  'Emoji (face) element.',
  obj(
    {
      Index: int('Index of the emoji in the app-defined emoji set.'),
      Data: str('Extra data, defined by the app.'),
    },
    ['Index'],
    'Emoji content.',
  ),
);

export const customElem = element(
  'TIMCustomElem',
  'Custom element: an app-defined payload the clients interpret.',
  obj(
    {
      Data: str(
        'Custom payload (often a JSON string). Not shown by default clients; used as push Ext on iOS.',
      ),
      Desc: str('Short text used as the offline push text when OfflinePushInfo.Desc is empty.'),
      Ext: str('Extra field, used as the APNs `ext` when pushed.'),
      Sound: str('Custom APNs sound file name.'),
    },
    [],
    'Custom content.',
  ),
);

export const soundElem = element(
  'TIMSoundElem',
  'Voice element (the audio file must already be uploaded).',
  obj(
    {
      Url: str('Download URL of the audio file.'),
      UUID: str('Unique identifier of the audio file.'),
      Size: int('Size of the audio file in bytes.', { minimum: 0 }),
      Second: int('Duration in seconds.', { minimum: 0 }),
      Download_Flag: downloadFlag,
    },
    ['Url', 'Size', 'Second', 'Download_Flag'],
    'Voice content.',
  ),
);

const imageInfo = obj(
  {
    Type: oneOfValues(
      'integer',
      [
        [1, 'Original image'],
        [2, 'Large image'],
        [3, 'Thumbnail'],
      ],
      'Which rendition this entry describes.',
    ),
    Size: int('Size in bytes.', { minimum: 0 }),
    Width: int('Width in pixels.', { minimum: 0 }),
    Height: int('Height in pixels.', { minimum: 0 }),
    URL: str('Download URL of this rendition.'),
  },
  ['Type', 'Size', 'Width', 'Height', 'URL'],
  'One rendition of the image.',
);

export const imageElem = element(
  'TIMImageElem',
  'Image element (the image must already be uploaded).',
  obj(
    {
      UUID: str('Unique identifier of the image.'),
      ImageFormat: oneOfValues(
        'integer',
        [
          [1, 'JPG'],
          [2, 'GIF'],
          [3, 'PNG'],
          [4, 'BMP'],
          [255, 'Other'],
        ],
        'Image format.',
      ),
      ImageInfoArray: arr(imageInfo, 'Original, large and thumbnail renditions.', {
        minItems: 1,
        maxItems: 3,
      }),
    },
    ['UUID', 'ImageInfoArray'],
    'Image content.',
  ),
);

export const fileElem = element(
  'TIMFileElem',
  'File element (the file must already be uploaded).',
  obj(
    {
      Url: str('Download URL of the file.'),
      UUID: str('Unique identifier of the file.'),
      FileSize: int('Size in bytes.', { minimum: 0 }),
      FileName: str('File name shown to the recipient.'),
      Download_Flag: downloadFlag,
    },
    ['Url', 'FileSize', 'FileName', 'Download_Flag'],
    'File content.',
  ),
);

export const videoElem = element(
  'TIMVideoFileElem',
  'Video element with its thumbnail (both already uploaded).',
  obj(
    {
      VideoUrl: str('Download URL of the video.'),
      VideoUUID: str('Unique identifier of the video.'),
      VideoSize: int('Video size in bytes.', { minimum: 0 }),
      VideoSecond: int('Duration in seconds.', { minimum: 0 }),
      VideoFormat: str('Container format, e.g. "mp4".'),
      VideoDownloadFlag: downloadFlag,
      ThumbUrl: str('Download URL of the thumbnail.'),
      ThumbUUID: str('Unique identifier of the thumbnail.'),
      ThumbSize: int('Thumbnail size in bytes.', { minimum: 0 }),
      ThumbWidth: int('Thumbnail width in pixels.', { minimum: 0 }),
      ThumbHeight: int('Thumbnail height in pixels.', { minimum: 0 }),
      ThumbFormat: str('Thumbnail format, e.g. "JPG".'),
      ThumbDownloadFlag: downloadFlag,
    },
    ['VideoUrl', 'VideoSize', 'VideoSecond', 'VideoFormat', 'VideoDownloadFlag', 'ThumbUrl', 'ThumbSize'],
    'Video content.',
  ),
);

export const msgElement: JsonSchema = {
  description:
    'One message element. MsgType picks the shape of MsgContent: TIMTextElem, TIMLocationElem, TIMFaceElem, TIMCustomElem, TIMSoundElem, TIMImageElem, TIMFileElem or TIMVideoFileElem.',
  oneOf: [textElem, locationElem, faceElem, customElem, soundElem, imageElem, fileElem, videoElem],
};

export const msgBody = arr(
  msgElement,
  'Message body: one or more elements, sent as one message. The whole message is limited to 12 KB per Tencent\u2019s current limits page (older pages said 8 KB; errors 80002/93000).',
  { minItems: 1 },
);

// ---- message options ------------------------------------------------------------------------------

export const cloudCustomData = str(
  'Custom data stored with the message and delivered to clients (roams with it).',
);

export const msgLifeTime = int(
  'Offline storage time in seconds, at most 7 days (604800). 0 = deliver only to online users, no offline storage or roaming.',
  { minimum: 0, maximum: 604800 },
);

export const sendMsgControl = arr(
  oneOfValues(
    'string',
    [
      ['NoUnread', 'Do not count the message as unread'],
      ['NoLastMsg', 'Do not update the conversation\u2019s last message'],
      ['WithMuteNotifications', 'Deliver even to users who muted notifications for this conversation'],
    ],
    'A send-control flag.',
  ),
  'Delivery options.',
);

export const forbidCallbackControl = arr(
  oneOfValues(
    'string',
    [
      ['ForbidBeforeSendMsgCallback', 'Skip the app\u2019s before-send webhook'],
      ['ForbidAfterSendMsgCallback', 'Skip the app\u2019s after-send webhook'],
    ],
    'A webhook to skip.',
  ),
  'Webhooks to skip for this message (by default both fire).',
);

export const zeroOne = (description: string): JsonSchema =>
  oneOfValues(
    'integer',
    [
      [0, 'No'],
      [1, 'Yes'],
    ],
    description,
  );

export const offlinePushInfo = obj(
  {
    PushFlag: oneOfValues(
      'integer',
      [
        [0, 'Push'],
        [1, 'Do not push'],
      ],
      'Whether to send an offline push.',
    ),
    Title: str('Push title.'),
    Desc: str('Push text. When empty, the text of the message elements is used.'),
    Ext: str('Pass-through data delivered with the push to the device.'),
    AndroidInfo: obj(
      {
        Sound: str('Android notification sound file name.'),
        OPPOChannelID: str('OPPO notification channel ID (Android 8.0+).'),
        XiaoMiChannelID: str('Xiaomi notification channel ID.'),
        VIVOClassification: int('vivo message classification: 0 operational, 1 system.'),
        HuaWeiCategory: str('Huawei message category, e.g. "IM".'),
      },
      [],
      'Android vendor-specific push options.',
    ),
    ApnsInfo: obj(
      {
        Sound: str('APNs sound file name.'),
        BadgeMode: oneOfValues(
          'integer',
          [
            [0, 'Count the push in the app badge'],
            [1, 'Do not change the badge'],
          ],
          'Badge behaviour on iOS.',
        ),
        Title: str('iOS title (overrides Title).'),
        SubTitle: str('iOS subtitle.'),
        Image: str('URL of an image shown in the iOS notification.'),
        MutableContent: zeroOne('1 = set mutable-content so a notification service extension can modify it.'),
      },
      [],
      'APNs (iOS) push options.',
    ),
  },
  [],
  'Offline push settings (title, text, vendor channels).',
);

// ---- profile -------------------------------------------------------------------------------------

export const standardProfileTags: ReadonlyArray<readonly [string, string]> = [
  ['Tag_Profile_IM_Nick', 'Nickname (string, at most 500 bytes)'],
  ['Tag_Profile_IM_Gender', 'Gender: Gender_Type_Unknown, Gender_Type_Female, Gender_Type_Male'],
  ['Tag_Profile_IM_BirthDay', 'Birthday as an integer such as 19800101'],
  ['Tag_Profile_IM_Location', 'Location (string)'],
  ['Tag_Profile_IM_SelfSignature', 'Status/signature (string, at most 500 bytes)'],
  [
    'Tag_Profile_IM_AllowType',
    'Friend request policy: AllowType_Type_NeedConfirm, AllowType_Type_AllowAny, AllowType_Type_DenyAny',
  ],
  ['Tag_Profile_IM_Language', 'Language (integer)'],
  ['Tag_Profile_IM_Image', 'Avatar URL (string, at most 500 bytes)'],
  ['Tag_Profile_IM_MsgSettings', 'Message settings bit field (bit 0: 1 = no offline push)'],
  [
    'Tag_Profile_IM_AdminForbidType',
    'Admin restriction on friend requests: AdminForbid_Type_None, AdminForbid_Type_SendOut',
  ],
  ['Tag_Profile_IM_Level', 'Level (integer)'],
  ['Tag_Profile_IM_Role', 'Role (integer)'],
];

export const profileTag = {
  description:
    'Profile field tag: a standard Tag_Profile_IM_* field or a custom Tag_Profile_Custom_* field configured in the console.',
  anyOf: [
    oneOfValues('string', standardProfileTags, 'Standard profile field.'),
    str('Custom profile field (configured in the Chat console first).', { pattern: '^Tag_Profile_Custom_' }),
  ],
};

export const profileValue: JsonSchema = {
  description:
    'Field value: a string or an integer depending on the tag (e.g. Nick is a string, BirthDay an integer). A value may not exceed 500 bytes (error 40601).',
  type: ['string', 'integer'],
};

// ---- relationship (SNS) ------------------------------------------------------------------------------

export const snsTag = {
  description:
    'Relationship field: Tag_SNS_IM_Remark (remark, string), Tag_SNS_IM_Group (friend lists, array of names), Tag_SNS_IM_AddSource, Tag_SNS_IM_AddWording, or a custom Tag_SNS_Custom_* field.',
  anyOf: [
    oneOfValues(
      'string',
      [
        ['Tag_SNS_IM_Remark', 'Friend remark (string, at most 96 bytes)'],
        ['Tag_SNS_IM_Group', 'Friend lists the friend belongs to (array of names)'],
        ['Tag_SNS_IM_AddSource', 'Source of the friend request'],
        ['Tag_SNS_IM_AddWording', 'Friend request message'],
        ['Tag_SNS_IM_AddTime', 'Time the friend was added'],
        ['Tag_SNS_IM_RemarkTime', 'Time the remark was last changed'],
      ],
      'Standard relationship field.',
    ),
    str('Custom relationship field.', { pattern: '^Tag_SNS_Custom_' }),
  ],
};

export const snsItem = obj(
  {
    Tag: snsTag,
    Value: {
      description: 'Field value: a string, an integer, or an array of names for Tag_SNS_IM_Group.',
      type: ['string', 'integer', 'array'],
    },
  },
  ['Tag', 'Value'],
  'One relationship field to write.',
);

export const addSource = str(
  'Source of the friend request: "AddSource_Type_" followed by a keyword (the keyword at most 8 bytes), e.g. "AddSource_Type_Web".',
  { pattern: '^AddSource_Type_' },
);

// ---- groups ----------------------------------------------------------------------------------------

export const groupType = oneOfValues(
  'string',
  [
    ['Private', 'Work group: members join only when invited (SDK name "Work")'],
    ['Public', 'Public group: users apply to join, admins approve'],
    ['ChatRoom', 'Meeting group: anyone may join (SDK name "Meeting")'],
    ['AVChatRoom', 'Audio-video (live streaming) group: unlimited members, no member list persistence'],
    ['Community', 'Community: very large groups, optionally with topics'],
  ],
  'Group type.',
);

export const memberRole = oneOfValues(
  'string',
  [
    ['Admin', 'Group admin'],
    ['Member', 'Ordinary member'],
  ],
  'Member role (the owner is set by Owner_Account / change_group_owner).',
);

export const appDefinedData = arr(
  obj(
    {
      Key: str('Custom field key (configured in the Chat console first).'),
      Value: str('Custom field value.'),
    },
    ['Key', 'Value'],
    'One custom field.',
  ),
  'App-defined custom fields.',
);

export const msgSeqList = arr(
  obj({ MsgSeq: msgSeqField }, ['MsgSeq'], 'A message, by its sequence number.'),
  'Messages, by sequence number.',
  { minItems: 1 },
);

// ---- long tail ---------------------------------------------------------------------------------

/**
 * Schema of a command documented only by its minimal example: each example field with its JSON type,
 * `required` as given, and the fields known better (a description, or a whole shared sub-schema). Used for the long tail of commands; the most used ones have hand-written schemas.
 */
export function fromExample(
  example: Record<string, unknown>,
  required: readonly string[],
  fields: Record<string, string | JsonSchema> = {},
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [key, value] of Object.entries(example)) {
    const field = fields[key];
    const inferred = typeOf(value);
    const common = commonFieldDescriptions[key];
    if (field === undefined)
      properties[key] = common === undefined ? inferred : { ...inferred, description: common };
    else properties[key] = typeof field === 'string' ? { ...inferred, description: field } : field;
  }
  for (const [key, field] of Object.entries(fields)) {
    if (!(key in properties) && typeof field !== 'string') properties[key] = field;
  }
  return obj(properties, required);
}

/** Hover text for field names that mean the same thing in every command. */
const commonFieldDescriptions: Record<string, string> = {
  GroupId: 'Group ID, e.g. "@TGS#1NVTZEAE4" (community IDs start with "@TGS#_").',
  From_Account: 'UserID the operation is performed for.',
  To_Account: 'Target UserID(s).',
  Operator_Account: 'UserID on whose behalf the operation is performed.',
  Peer_Account: 'The other party of the one-to-one conversation.',
  Member_Account: 'UserID of the member.',
  MemberList_Account: 'UserIDs of the members concerned.',
  Members_Account: 'UserIDs of the members concerned.',
  Owner_Account: 'UserID of the owner.',
  NewOwner_Account: 'UserID of the new owner.',
  Official_Account: 'Official account ID (starts with "@TOA#_").',
  Subscriber_Account: 'UserID of the subscriber.',
  SdkAppId: "The app's SDKAppID, repeated in the body.",
  RoomId: 'Room ID.',
  RoomInfo: 'Room fields (RoomId and the settings to apply).',
  TopicId: 'Topic ID (GroupId + "@TOPIC#_" + suffix).',
  TopicIdList: 'Topic IDs.',
  TopicName: 'Topic name.',
  PermissionGroupId: 'Permission group ID (starts with "@PMG#_").',
  PermissionGroupName: 'Permission group name.',
  MsgKey: 'MsgKey of the one-to-one message.',
  MsgKeyList: 'MsgKeys of the messages.',
  MsgSeq: 'Sequence number (MsgSeq) of the group message.',
  StartIndex: 'Paging start; 0 for the first page.',
  Limit: 'Page size.',
  Offset: 'Offset of the first entry.',
  Next: 'Paging cursor; empty (or 0) for the first page, then the value returned.',
  Count: 'Page size.',
  Keys: 'Keys concerned.',
  GiftId: 'Gift ID.',
  CategoryId: 'Gift category ID.',
  GiftIdList: 'Gift IDs.',
  Language: 'Language code, e.g. "en".',
  LibID: 'Keyword library ID (from get_cloud_audit_keywords_ids).',
  Duration: 'Duration in seconds.',
  MuteTime: 'Mute duration in seconds; 0 = unmute.',
  Reason: 'Reason shown to the users concerned.',
  UserID: 'UserID.',
  Admin_Account: 'UserIDs of the admins concerned.',
  RobotList_Account: 'UserIDs of the chatbot accounts (already imported).',
  MemberList: 'Members concerned.',
  ReqMsgNumber: 'Number of messages to return.',
};

function typeOf(value: unknown): JsonSchema {
  if (typeof value === 'string') return { type: 'string' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    return first === undefined ? { type: 'array' } : { type: 'array', items: typeOf(first) };
  }
  if (value !== null && typeof value === 'object') {
    const properties: Record<string, JsonSchema> = {};
    for (const [key, inner] of Object.entries(value)) properties[key] = typeOf(inner);
    return { type: 'object', properties, additionalProperties: true };
  }
  return {};
}
