import type { Environment } from '@console/shared/api';
import type { CallbackSettings, EnvironmentConfig } from '../config';

/** What the sandbox contributes once the server knows its key and its own origin. */
export interface SandboxIdentity {
  sdkAppId: number;
  adminIdentifier: string;
  secretKey: string;
  /** `http://127.0.0.1:<port>/sandbox`; throws before the server listens. */
  baseUrl: () => string;
  /** Catalog commands (`service/command`) the sandbox answers with "not emulated". */
  notEmulated: readonly string[];
  /** The token the sandbox signs its callbacks with (decision 036). */
  callbackToken: string;
}

/** The callback receiver of an environment: the token callbacks are signed with, targets and rules. */
export interface ResolvedCallback extends CallbackSettings {
  token: string;
}

/** A configured environment with everything needed to sign and send. */
export interface ResolvedEnvironment {
  id: string;
  label: string;
  region: string | null;
  sandbox: boolean;
  production: boolean;
  readOnly: boolean;
  confirmWrites: boolean;
  rateLimits: Record<string, number>;
  sdkAppId: number;
  adminIdentifier: string;
  secretKey: string;
  baseUrl: () => string;
  /** Sandbox environments: the commands the sandbox does not emulate; null for Tencent. */
  notEmulated: readonly string[] | null;
  /** null: the receiver answers 404 for this environment. */
  callback: ResolvedCallback | null;
}

export class EnvironmentRegistry {
  private readonly byId: Map<string, ResolvedEnvironment>;

  constructor(configs: EnvironmentConfig[], sandbox: SandboxIdentity | null) {
    this.byId = new Map();
    for (const c of configs) {
      const guards = {
        production: c.production,
        readOnly: c.readOnly,
        confirmWrites: c.confirmWrites,
        rateLimits: c.rateLimits,
      };
      if (c.kind === 'upstream') {
        const baseUrl = c.baseUrl;
        this.byId.set(c.id, {
          id: c.id,
          label: c.label,
          region: c.region,
          sandbox: false,
          ...guards,
          sdkAppId: c.sdkAppId,
          adminIdentifier: c.adminIdentifier,
          secretKey: c.secretKey,
          baseUrl: () => baseUrl,
          notEmulated: null,
          callback: c.callback ?? null,
        });
      } else if (sandbox) {
        this.byId.set(c.id, {
          id: c.id,
          label: c.label,
          region: 'sandbox',
          sandbox: true,
          ...guards,
          sdkAppId: sandbox.sdkAppId,
          adminIdentifier: sandbox.adminIdentifier,
          secretKey: sandbox.secretKey,
          baseUrl: sandbox.baseUrl,
          notEmulated: sandbox.notEmulated,
          callback: { ...c.callback, token: sandbox.callbackToken },
        });
      }
    }
  }

  get(id: string): ResolvedEnvironment | undefined {
    return this.byId.get(id);
  }

  all(): ResolvedEnvironment[] {
    return [...this.byId.values()];
  }

  /** The public view: never a key. */
  describe(env: ResolvedEnvironment): Environment {
    let host: string;
    try {
      host = new URL(env.baseUrl()).host;
    } catch {
      host = 'sandbox';
    }
    return {
      id: env.id,
      label: env.label,
      region: env.region,
      host,
      sdkAppId: env.sdkAppId,
      adminIdentifier: env.adminIdentifier,
      production: env.production,
      readOnly: env.readOnly,
      confirmWrites: env.confirmWrites,
      sandbox: env.sandbox,
      notEmulated: env.notEmulated ? [...env.notEmulated] : null,
    };
  }
}
