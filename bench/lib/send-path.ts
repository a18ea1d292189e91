import type { Repositories } from '../../server/src/adapters/db/index';
import { TencentClient } from '../../server/src/adapters/tencent-client';
import { UserSigSigner } from '../../server/src/adapters/usersig';
import { guardCommands } from '../../server/src/services/authorize';
import { EnvironmentRegistry } from '../../server/src/services/environments';
import { CommandRateLimiter } from '../../server/src/services/rate-limiter';
import { SendRequestService } from '../../server/src/services/send-request';
import { findCommand } from '../../shared/src/catalog/index';
import { startUpstream } from './processes';

/**
 * The send path's CPU per call in this process, for each variant of the store behind it, in
 * alternating rounds so drift in the machine's load hits every variant alike. The whole send path:
 * guard rails, limiter, pending row, sign, HTTP to a fast upstream (its own process), result row and
 * rollups in one group commit; 8 calls in flight, as a busy console has. Answers each round's CPU per
 * call (ms), per variant.
 */
export async function sendPathCpuPerCall<K extends string>(opts: {
  variants: Record<K, Repositories>;
  callsPerRound: number;
  rounds: number;
}): Promise<Record<K, number[]>> {
  const upstream = await startUpstream(0);
  try {
    const environments = new EnvironmentRegistry(
      [
        {
          kind: 'upstream',
          id: 'bench',
          label: 'Bench',
          region: null,
          baseUrl: upstream.url,
          sdkAppId: 1400000001,
          adminIdentifier: 'administrator',
          secretKey: 'bench-secret-key-0123456789abcdef0123456789abcdef',
          production: false,
          readOnly: false,
          confirmWrites: false,
          rateLimits: { '*': 1_000_000 },
        },
      ],
      null,
    );
    const names = Object.keys(opts.variants).filter((k): k is K => k in opts.variants);
    const services = new Map(
      names.map((name) => [
        name,
        new SendRequestService({
          repos: opts.variants[name],
          environments,
          signer: new UserSigSigner(),
          client: new TencentClient(10_000),
          authorize: guardCommands,
          limiter: new CommandRateLimiter(),
        }),
      ]),
    );
    const user = { username: 'bench', role: 'admin' as const, via: 'token' as const };
    const command = findCommand('im_open_login_svc', 'account_check');
    if (!command) throw new Error('account_check is not in the catalog');
    const input = {
      environmentId: 'bench',
      service: command.service,
      command: command.command,
      body: { CheckItem: [{ UserID: 'user1' }] },
    };
    const batch = async (service: SendRequestService, calls: number) => {
      let next = 0;
      const worker = async () => {
        while (next < calls) {
          next += 1;
          await service.send(user, input);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
    };
    const serviceOf = (name: K) => {
      const service = services.get(name);
      if (!service) throw new Error(`no send path for ${name}`);
      return service;
    };
    for (const name of names) await batch(serviceOf(name), opts.callsPerRound);
    const perCall = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
    for (let round = 0; round < opts.rounds; round++) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order) {
        const before = process.cpuUsage();
        await batch(serviceOf(name), opts.callsPerRound);
        const used = process.cpuUsage(before);
        perCall[name].push((used.user + used.system) / 1000 / opts.callsPerRound);
      }
    }
    return perCall;
  } finally {
    await upstream.stop();
  }
}
