import { readStored, writeStored } from '../../../lib/storage';

const key = (environmentId: string, commandKey: string) => `console.draft.${environmentId}.${commandKey}`;

/** The body being edited, per environment and command, kept across reloads. */
export function loadDraft(environmentId: string, commandKey: string): string | null {
  return readStored(key(environmentId, commandKey));
}

export function saveDraft(environmentId: string, commandKey: string, text: string): void {
  writeStored(key(environmentId, commandKey), text);
}

export function clearDraft(environmentId: string, commandKey: string): void {
  writeStored(key(environmentId, commandKey), null);
}

export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
