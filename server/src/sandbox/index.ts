export { createCallbackSender, type SandboxCallback } from './callbacks';
export { NOT_EMULATED_CODE } from './commands/registry';
export { loadOrCreateSandboxKey, SANDBOX_KEY_FILE, sandboxKeyPath } from './key-file';
export { createSandbox, type Sandbox, type SandboxOptions } from './router';
export { DEDUPE_WINDOW_MS } from './state/dedupe';

/**
 * The sandbox's SDKAppID. Real SDKAppIDs are 14000xxxxx/16000xxxxx/20000xxxxx; Tencent's own samples
 * use 1400000000 and 88888888. 1400000001 is unmistakably a placeholder and not a real app.
 */
export const SANDBOX_SDKAPPID = 1400000001;

/** The sandbox's App admin identifier (the seed also imports it as an account). */
export const SANDBOX_ADMIN = 'administrator';
