import { benchSearch } from './search';
import { benchWebMemory } from './web-memory';
import { benchQr } from './qr';
import { benchCard } from './card';
import { benchDecision } from './decision';
import { benchSync } from './sync';
import { benchCamera } from './camera';
import { benchWorklists } from './worklists';
import { benchRegister } from './register';
import { benchMrz } from './mrz';
import { benchPassport } from './passport';

const SUITES: Record<string, () => void | Promise<void>> = { search: benchSearch, memory: benchWebMemory, qr: benchQr, card: benchCard, decision: benchDecision, sync: benchSync, camera: benchCamera, worklists: benchWorklists, register: benchRegister, mrz: benchMrz, passport: benchPassport };
const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(SUITES)) {
  const suite = SUITES[name];
  if (!suite) {
    console.error(`bench: unknown suite "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  await suite();
}
// Native handles (PC/SC) can outlive the suites; the benchmark is done.
process.exit(0);
