// The console as `pnpm start` runs it (server/src/run.ts), except that its call recorder writes no
// dashboard rollups: the send path as it was before the dashboard, the baseline of the dashboard
// section's "server CPU per call, with rollups" (decision 061). Built into server/bench/dist by
// `consoleWithoutRollups()` in ./processes.ts, never shipped.
import { runConsole } from '../../server/src/run';

await runConsole({ callRecorder: { rollups: false } });
