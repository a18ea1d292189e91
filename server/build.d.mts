/** Builds `server/dist/main.mjs` (and its worker files) from the TypeScript sources. */
export function buildServer(options?: { quiet?: boolean }): Promise<void>;
/** Node's flags for the built server, wherever it is started. */
export const serverNodeArgs: readonly string[];
