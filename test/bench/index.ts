import { benchSearch } from './search';
import { benchWebMemory } from './web-memory';

const SUITES: Record<string, () => void | Promise<void>> = { search: benchSearch, memory: benchWebMemory };
const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(SUITES)) {
  const suite = SUITES[name];
  if (!suite) {
    console.error(`bench: unknown suite "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  await suite();
}
