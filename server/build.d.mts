/**
 * Builds `server/dist/main.mjs` (and its worker files) from the TypeScript sources, or another
 * entry into `<outDir>/main.mjs` (`outDir` inside `server/`). Answers the built file's path.
 */
export function buildServer(options?: { quiet?: boolean; entry?: string; outDir?: string }): Promise<string>;
/** Node's flags for the built server, wherever it is started. */
export const serverNodeArgs: readonly string[];
