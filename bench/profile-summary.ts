// Usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top] [fromMs toMs]
// Prints self time by owner (package, node core, our code, GC) and the top functions by self time.
import { formatProfileSummary, summariseCpuProfile } from './lib/cpuprofile';

const [file, topText, fromText, toText] = process.argv.slice(2);
if (!file) {
  console.error('usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = topText === undefined ? 20 : Number(topText);
// An optional window (ms after the profile started): only the samples of a measured load.
const window =
  fromText !== undefined && toText !== undefined ? { fromMs: Number(fromText), toMs: Number(toText) } : null;
console.log(formatProfileSummary(summariseCpuProfile(file, top, window), top));
