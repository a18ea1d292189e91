import { Api } from 'tls-sig-api-v2';

export interface SigningIdentity {
  /** Cache key: one cached sig per environment. */
  id: string;
  sdkAppId: number;
  adminIdentifier: string;
  secretKey: string;
}

interface Cached {
  sig: string;
  expiresAtMs: number;
  /** Renew when any of these change (a sandbox key is known only at start). */
  fingerprint: string;
}

const SIG_LIFETIME_S = 24 * 60 * 60;
// Renewing an hour early means a sig never expires in flight, even with clock skew.
const RENEW_BEFORE_MS = 60 * 60 * 1000;

/** Makes admin UserSigs and reuses each for most of its life; the sig is a credential and is never logged. */
export class UserSigSigner {
  private readonly cache = new Map<string, Cached>();
  constructor(private readonly now: () => number = Date.now) {}

  sign(identity: SigningIdentity): string {
    const fingerprint = `${identity.sdkAppId}\n${identity.adminIdentifier}\n${identity.secretKey}`;
    const cached = this.cache.get(identity.id);
    const nowMs = this.now();
    if (cached && cached.fingerprint === fingerprint && cached.expiresAtMs - nowMs > RENEW_BEFORE_MS) {
      return cached.sig;
    }
    const sig = new Api(identity.sdkAppId, identity.secretKey).genUserSig(
      identity.adminIdentifier,
      SIG_LIFETIME_S,
    );
    // The library reads the clock itself; this is its expiry to within a second.
    this.cache.set(identity.id, { sig, expiresAtMs: nowMs + SIG_LIFETIME_S * 1000, fingerprint });
    return sig;
  }
}
