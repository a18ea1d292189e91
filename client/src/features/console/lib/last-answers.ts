/**
 * The last answer per environment and command, for this browser tab's session: switching command and
 * coming back (or Back/Forward) shows it again, as the draft is kept. Only the entry's id is kept
 * (sessionStorage, so a reload keeps it too); the entry itself is the recorded call, read back from
 * the query cache or the server. Answers can be megabytes; ids are not.
 */
const key = (environmentId: string, commandKey: string) => `console.answer.${environmentId}.${commandKey}`;

export function loadLastAnswer(environmentId: string, commandKey: string): string | null {
  try {
    return window.sessionStorage.getItem(key(environmentId, commandKey));
  } catch {
    return null;
  }
}

export function saveLastAnswer(environmentId: string, commandKey: string, entryId: string): void {
  try {
    window.sessionStorage.setItem(key(environmentId, commandKey), entryId);
  } catch {
    // Without storage the answer is still on screen until the command changes.
  }
}
