// The catalog of every Tencent Chat REST command, one data module per service group. To add a
// command, append it to its group's module (or add a module and list it here).
import type { CatalogCommand } from '../api/catalog';
import { accountCommands } from './accounts';
import { avChatRoomCommands } from './avchatroom';
import { c2cMessageCommands } from './c2c-messages';
import { chatbotCommands } from './chatbots';
import { communityCommands } from './community';
import { conversationCommands } from './conversations';
import { followCommands } from './follow';
import { globalMuteCommands } from './global-mute';
import { groupAttributeCommands } from './group-attributes';
import { groupMessageCommands } from './group-messages';
import { groupCommands } from './groups';
import { liveCommands } from './live';
import { type CommandGroup, commandKey, commandsByGroup, searchCommands } from './lookups';
import { messageExtensionCommands } from './message-extensions';
import { moderationCommands } from './moderation';
import { officialAccountCommands } from './official-accounts';
import { operationsCommands } from './operations';
import { profileCommands } from './profile';
import { pushCommands } from './push';
import { relationshipCommands } from './relationships';
import { roomCommands } from './rooms';

export const catalog: readonly CatalogCommand[] = [
  ...accountCommands,
  ...c2cMessageCommands,
  ...messageExtensionCommands,
  ...pushCommands,
  ...profileCommands,
  ...relationshipCommands,
  ...followCommands,
  ...conversationCommands,
  ...groupCommands,
  ...groupMessageCommands,
  ...groupAttributeCommands,
  ...avChatRoomCommands,
  ...communityCommands,
  ...globalMuteCommands,
  ...operationsCommands,
  ...moderationCommands,
  ...chatbotCommands,
  ...officialAccountCommands,
  ...liveCommands,
  ...roomCommands,
];

export type { CommandGroup } from './lookups';
export {
  commandKey,
  commandsByGroup,
  dedupFields,
  findByKey,
  matchesQuery,
  searchCommands,
  topLevelField,
} from './lookups';

const byKey = new Map(catalog.map((c) => [commandKey(c), c]));

export function findCommand(service: string, command: string): CatalogCommand | undefined {
  return byKey.get(commandKey({ service, command }));
}

/** The built-in catalog by group, in catalog order (the sidebar's structure). */
export const catalogGroups: readonly CommandGroup[] = commandsByGroup(catalog);

/** The built-in commands matching every word of `query`, best first. */
export function searchCatalog(query: string): CatalogCommand[] {
  return searchCommands(catalog, query);
}
