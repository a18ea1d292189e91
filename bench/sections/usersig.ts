import { type SigningIdentity, UserSigSigner } from '../../server/src/adapters/usersig';
import { figure } from '../lib/figure';
import type { SectionContext, SectionResult } from './context';

/** Calls per second of `op` over about `seconds`, reading the clock only every `batch` calls. */
function opsPerSecond(op: () => unknown, seconds: number, batch: number): { ops: number; perSecond: number } {
  for (let i = 0; i < batch; i++) op();
  let ops = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  let now = start;
  while (now < until) {
    for (let i = 0; i < batch; i++) op();
    ops += batch;
    now = performance.now();
  }
  return { ops, perSecond: ops / ((now - start) / 1000) };
}

export async function runUserSig(ctx: SectionContext): Promise<SectionResult> {
  const identity: SigningIdentity = {
    id: 'bench',
    sdkAppId: 1400000001,
    adminIdentifier: 'administrator',
    secretKey: 'bench-secret-key-0123456789abcdef0123456789abcdef',
  };
  const seconds = ctx.options.loopSeconds;
  ctx.log('usersig: fresh signing (a new signer per call, as without the cache)');
  const fresh = opsPerSecond(() => new UserSigSigner().sign(identity), seconds, 50);
  ctx.log('usersig: cached signing (one signer, as the server keeps it)');
  const cachedSigner = new UserSigSigner();
  const cached = opsPerSecond(() => cachedSigner.sign(identity), seconds, 10_000);
  return {
    figures: [
      figure('usersig', {
        name: 'UserSig per call, cached vs fresh',
        unit: 'ops/s',
        value: cached.perSecond,
        baseline: fresh.perSecond,
        baselineName: 'fresh HMAC + deflate each call',
        compare: 'ratio',
      }),
      figure('usersig', {
        name: 'UserSig time per call, cached vs fresh',
        unit: 'µs',
        value: 1e6 / cached.perSecond,
        baseline: 1e6 / fresh.perSecond,
        baselineName: 'fresh',
        compare: 'diff',
      }),
    ],
    details: { fresh, cached },
  };
}
