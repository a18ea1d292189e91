// Usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]
// Prints self time by owner (package, node core, our code, GC) and the top functions by self time.
import { formatProfileSummary, summariseCpuProfile } from './lib/cpuprofile';

const [file, topText] = process.argv.slice(2);
if (!file) {
  console.error('usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = topText === undefined ? 20 : Number(topText);
console.log(formatProfileSummary(summariseCpuProfile(file, top), top));
