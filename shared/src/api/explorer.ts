import { z } from 'zod';
import { outcomeSchema } from './history';

const utf8Bytes = (v: string) => new TextEncoder().encode(v).length;
const hasControl = (v: string) => [...v].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127);

/**
 * The support explorer (issue 15): one page about a user or a group, filled by read commands sent
 * through the one send service and recorded as `explorer` calls.
 */

/** Tencent UserIDs are at most 32 bytes; control characters never belong in one. */
export const explorerUserIdSchema = z
  .string()
  .min(1)
  .refine((v) => utf8Bytes(v) <= 32, 'a UserID is at most 32 bytes')
  .refine((v) => !hasControl(v), 'a UserID has no control characters');

/** Group IDs (`@TGS#…` or custom) are at most 48 bytes. */
export const explorerGroupIdSchema = z
  .string()
  .min(1)
  .refine((v) => utf8Bytes(v) <= 48, 'a GroupId is at most 48 bytes')
  .refine((v) => !hasControl(v), 'a GroupId has no control characters');

/** An app's custom profile field, by Tencent's name for it. */
export const customProfileTagSchema = z.string().regex(/^Tag_Profile_Custom_[A-Za-z0-9_]{1,16}$/);
/** Most custom fields one user lookup reads. */
export const maxCustomProfileTags = 20;

/** GET /api/environments/:id/users/:userId query: the app's custom profile fields to read too. */
export const explorerUserQuerySchema = z.object({
  /** Comma-separated `Tag_Profile_Custom_*` names (Tencent answers only the tags asked for). */
  customTags: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? [] : v.split(',').map((t) => t.trim())))
    .pipe(z.array(customProfileTagSchema).max(maxCustomProfileTags)),
});
export type ExplorerUserQuery = z.infer<typeof explorerUserQuerySchema>;

/** One upstream call a lookup made: its history entry and Tencent's RequestId. */
export const explorerCallSchema = z.object({
  historyId: z.string(),
  service: z.string(),
  command: z.string(),
  outcome: outcomeSchema,
  errorCode: z.number().int().nullable(),
  requestId: z.string().nullable(),
});
export type ExplorerCall = z.infer<typeof explorerCallSchema>;

/** A part of the page that could not be filled: which command, and what came back. */
export const explorerProblemSchema = z.object({
  section: z.string(),
  command: z.string(),
  code: z.string(),
  errorCode: z.number().int().nullable(),
  message: z.string(),
  historyId: z.string().nullable(),
});
export type ExplorerProblem = z.infer<typeof explorerProblemSchema>;

/** A recorded call of the console that mentions the user or the group. */
export const historySummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  operator: z.string(),
  service: z.string(),
  command: z.string(),
  outcome: outcomeSchema,
  errorCode: z.number().int().nullable(),
  requestId: z.string().nullable(),
});
export type HistorySummary = z.infer<typeof historySummarySchema>;

export const profileFieldSchema = z.object({ tag: z.string(), value: z.unknown() });

export const explorerUserSchema = z.object({
  environmentId: z.string(),
  userId: z.string(),
  exists: z.boolean(),
  profile: z
    .object({
      nick: z.string().nullable(),
      image: z.string().nullable(),
      gender: z.string().nullable(),
      /** Every tag that came back, standard and custom, as Tencent answered it. */
      fields: z.array(profileFieldSchema),
    })
    .nullable(),
  online: z
    .object({
      status: z.string(),
      platforms: z.array(z.object({ platform: z.string(), status: z.string() })),
    })
    .nullable(),
  /** Global mute: seconds left (4294967295 = for ever, 0 = not muted). */
  muted: z.object({ c2cSeconds: z.number(), groupSeconds: z.number() }).nullable(),
  groups: z
    .array(
      z.object({
        groupId: z.string(),
        name: z.string().nullable(),
        type: z.string().nullable(),
        role: z.string().nullable(),
        joinTime: z.number().nullable(),
        memberCount: z.number().nullable(),
      }),
    )
    .nullable(),
  groupCount: z.number().int().nullable(),
  friends: z.number().int().nullable(),
  unread: z.number().int().nullable(),
  conversations: z
    .array(
      z.object({
        kind: z.enum(['c2c', 'group']),
        peer: z.string(),
        time: z.number().nullable(),
        pinned: z.boolean(),
      }),
    )
    .nullable(),
  recentCalls: z.array(historySummarySchema),
  calls: z.array(explorerCallSchema),
  problems: z.array(explorerProblemSchema),
});
export type ExplorerUser = z.infer<typeof explorerUserSchema>;

export const groupMemberSchema = z.object({
  account: z.string(),
  role: z.string().nullable(),
  joinTime: z.number().nullable(),
  /** Unix seconds until which the member is muted in the group; 0 or null when not. */
  mutedUntil: z.number().nullable(),
  nameCard: z.string().nullable(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

/** GET …/groups/:groupId[/members] query: a page of members. */
export const groupMembersQuerySchema = z.object({
  /** Opaque to clients: the offset of the next page. */
  cursor: z
    .string()
    .regex(/^\d{1,6}$/, 'not a cursor of this list')
    .transform(Number)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type GroupMembersQuery = z.infer<typeof groupMembersQuerySchema>;

export const groupMembersPageSchema = z.object({
  items: z.array(groupMemberSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().nullable(),
  calls: z.array(explorerCallSchema),
});
export type GroupMembersPage = z.infer<typeof groupMembersPageSchema>;

/** One message of a list, as the conversation view draws it (see `@console/shared/messages`). */
export const messageElementSchema = z.object({ type: z.string(), content: z.unknown() });
export const conversationMessageSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Unix seconds. */
  time: z.number().nullable(),
  seq: z.number().nullable(),
  random: z.number().nullable(),
  key: z.string().nullable(),
  recalled: z.boolean(),
  system: z.boolean(),
  elements: z.array(messageElementSchema),
});
export type ConversationMessage = z.infer<typeof conversationMessageSchema>;

export const explorerGroupSchema = z.object({
  environmentId: z.string(),
  groupId: z.string(),
  exists: z.boolean(),
  info: z
    .object({
      name: z.string().nullable(),
      type: z.string().nullable(),
      owner: z.string().nullable(),
      introduction: z.string().nullable(),
      notification: z.string().nullable(),
      faceUrl: z.string().nullable(),
      createTime: z.number().nullable(),
      memberCount: z.number().nullable(),
      maxMemberCount: z.number().nullable(),
      muteAll: z.boolean().nullable(),
      applyJoinOption: z.string().nullable(),
    })
    .nullable(),
  members: groupMembersPageSchema.omit({ calls: true }).nullable(),
  muted: z.array(z.object({ account: z.string(), mutedUntil: z.number() })).nullable(),
  recentMessages: z.array(conversationMessageSchema).nullable(),
  recentCalls: z.array(historySummarySchema),
  calls: z.array(explorerCallSchema),
  problems: z.array(explorerProblemSchema),
});
export type ExplorerGroup = z.infer<typeof explorerGroupSchema>;
