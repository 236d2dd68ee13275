import { benchSearch } from './search';
import { benchWebMemory } from './web-memory';
import { benchQr } from './qr';

const SUITES: Record<string, () => void | Promise<void>> = { search: benchSearch, memory: benchWebMemory, qr: benchQr };
const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(SUITES)) {
  const suite = SUITES[name];
  if (!suite) {
    console.error(`bench: unknown suite "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  await suite();
}
