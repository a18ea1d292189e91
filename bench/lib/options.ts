import { parseArgs } from 'node:util';

export const sections = ['overhead', 'usersig', 'history', 'page', 'dashboard', 'runs', 'replicas'] as const;
export type Section = (typeof sections)[number];

export interface BenchOptions {
  quick: boolean;
  /** Largest history table to build; sizes above it are skipped. */
  maxRows: number;
  only: Section[];
  /** Also run the 32-connection load once more against a `--cpu-prof` server and summarise the profile. */
  profile: boolean;
  /** Connections of the profiled load: 32 shows the batched steady state, 1 each call's fixed costs. */
  profileConnections: number;
  /** The bench upstream answers after this long; 0 measures the console's own cost most sharply. */
  upstreamDelayMs: number;
  /** LOG_LEVEL of the server under load: `info` is what production runs. */
  logLevel: string;
  /** Seconds per measured load run and per warm-up. */
  loadSeconds: number;
  warmupSeconds: number;
  /** Seconds per in-process timing loop (UserSig, repository queries). */
  loopSeconds: number;
  /** Page loads per page figure; the median is reported. */
  pageRuns: number;
  out: string;
}

const usage = `pnpm bench [options]
  --quick            short runs (1 s load, 0.3 s loops, one page load, at most 10^5 rows)
  --max-rows N       largest history table to build (default 1000000)
  --only LIST        comma list of: ${sections.join(', ')}
  --profile          profile the server under the 32-connection load (node --cpu-prof) and summarise it
  --profile-connections N  connections of the profiled load (default 32; 1 shows each call's fixed costs)
  --log-level LEVEL  the server's LOG_LEVEL under load (default info, as in production)
  --upstream-delay-ms N  the bench upstream answers after N ms, like a real API across a network (default 0)
  --out FILE         where to write the JSON (default bench/results/latest.json for a full run,
                     bench/results/partial.json otherwise)`;

function isSection(value: string): value is Section {
  return sections.some((s) => s === value);
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      'max-rows': { type: 'string' },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'profile-connections': { type: 'string', default: '32' },
      'log-level': { type: 'string', default: 'info' },
      'upstream-delay-ms': { type: 'string', default: '0' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const quick = values.quick;
  const maxRowsText = values['max-rows'];
  const maxRows = maxRowsText === undefined ? (quick ? 100_000 : 1_000_000) : Number(maxRowsText);
  if (!Number.isInteger(maxRows) || maxRows < 1000) {
    throw new Error(`--max-rows must be an integer of at least 1000, got "${maxRowsText}"`);
  }
  const only: Section[] = [];
  for (const name of (values.only ?? sections.join(',')).split(',')) {
    const trimmed = name.trim();
    if (!isSection(trimmed)) throw new Error(`--only: unknown section "${trimmed}" (${sections.join(', ')})`);
    only.push(trimmed);
  }
  const profileConnections = Number(values['profile-connections']);
  if (!Number.isInteger(profileConnections) || profileConnections < 1) {
    throw new Error(
      `--profile-connections must be a positive integer, got "${values['profile-connections']}"`,
    );
  }
  const upstreamDelayMs = Number(values['upstream-delay-ms']);
  if (!Number.isFinite(upstreamDelayMs) || upstreamDelayMs < 0) {
    throw new Error(
      `--upstream-delay-ms must be a number of milliseconds, got "${values['upstream-delay-ms']}"`,
    );
  }
  const full =
    !quick && only.length === sections.length && maxRowsText === undefined && upstreamDelayMs === 0;
  return {
    quick,
    maxRows,
    only,
    profile: values.profile,
    profileConnections,
    logLevel: values['log-level'],
    upstreamDelayMs,
    loadSeconds: quick ? 1 : 5,
    warmupSeconds: 1,
    loopSeconds: quick ? 0.3 : 1,
    pageRuns: quick ? 1 : 3,
    out: values.out ?? (full ? 'bench/results/latest.json' : 'bench/results/partial.json'),
  };
}
