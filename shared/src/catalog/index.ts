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

export function commandKey(c: { service: string; command: string }): string {
  return `${c.service}/${c.command}`;
}

const byKey = new Map(catalog.map((c) => [commandKey(c), c]));

export function findCommand(service: string, command: string): CatalogCommand | undefined {
  return byKey.get(`${service}/${command}`);
}

export interface CatalogGroup {
  name: string;
  commands: readonly CatalogCommand[];
}

/** The catalog by group, in catalog order (the sidebar's structure). */
export const catalogGroups: readonly CatalogGroup[] = (() => {
  const groups = new Map<string, CatalogCommand[]>();
  for (const c of catalog) {
    const list = groups.get(c.group);
    if (list) list.push(c);
    else groups.set(c.group, [c]);
  }
  return [...groups].map(([name, commands]) => ({ name, commands }));
})();

/**
 * Commands matching every word of `query` in service, command, title, group or description,
 * best first: a hit on the command name outranks one on the title, which outranks the description.
 */
export function searchCatalog(query: string): CatalogCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...catalog];
  const scored: { command: CatalogCommand; score: number }[] = [];
  for (const c of catalog) {
    const key = commandKey(c).toLowerCase();
    const title = c.title.toLowerCase();
    const rest = `${c.group} ${c.description}`.toLowerCase();
    let score = 0;
    for (const w of words) {
      if (key.includes(w)) score += c.command.toLowerCase() === w ? 100 : 10;
      else if (title.includes(w)) score += 5;
      else if (rest.includes(w)) score += 1;
      else {
        score = -1;
        break;
      }
    }
    if (score > 0) scored.push({ command: c, score });
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.command);
}

/**
 * JSON-pointer paths (e.g. "/MsgRandom") of the top-level body fields Tencent de-duplicates on,
 * as marked with `"x-dedup": true` in the command's schema. A replay must change these or risk
 * being silently dropped.
 */
export function dedupFields(cmd: Pick<CatalogCommand, 'schema'>): string[] {
  const properties = cmd.schema.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  const paths: string[] = [];
  for (const [name, field] of Object.entries(properties)) {
    if (typeof field === 'object' && field !== null && 'x-dedup' in field && field['x-dedup'] === true) {
      paths.push(`/${name}`);
    }
  }
  return paths;
}
