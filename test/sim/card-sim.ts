/**
 * `npm run sim:card -- --holder FILE`: a virtual social security card (and, when the holder file says
 * so, a PSAM) in vpcd's readers, inserted and pulled out by hand while the app runs.
 *   i = insert the card, r = remove it, q = quit
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { VirtualPsam, VirtualSscCard, type HolderFile } from './virtual-ssc-card';
import { VPCD_CARD_PORT, VPCD_SAM_PORT, VpcdSlot } from './vpcd';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const holderSchema = z.object({
  cardId: z.string().regex(/^[0-9A-Fa-f]{32}$/),
  cardType: z.string().length(1).optional(),
  specVersion: z.string().max(4).optional(),
  issueDate: date,
  expiryDate: date,
  cardNumber: z.string().max(9),
  ssn: z.string().max(18),
  name: z.string().min(1),
  sex: z.enum(['M', 'F']),
  birthDate: date,
  psam: z.boolean().optional(),
  notSscCard: z.boolean().optional(),
  key: z.string().regex(/^[0-9a-fA-F]{32,64}$/).optional(),
});

const { values } = parseArgs({ options: { holder: { type: 'string' } }, strict: true });
if (!values.holder) {
  console.error('sim:card: "--holder" FILE is required (see resources/demo/card-holder.json)');
  process.exit(2);
}
const parsed = holderSchema.safeParse(JSON.parse(readFileSync(values.holder, 'utf8')));
if (!parsed.success) {
  console.error(`sim:card: the holder file is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  process.exit(2);
}
const holder: HolderFile = parsed.data;
const card = new VpcdSlot(new VirtualSscCard(holder), VPCD_CARD_PORT);
const sam = holder.psam === false ? null : new VpcdSlot(new VirtualPsam(holder.key), VPCD_SAM_PORT);

try {
  if (sam) await sam.insert();
} catch {
  console.error('sim:card: cannot reach vpcd on 127.0.0.1: is pcscd running with vsmartcard-vpcd?');
  process.exit(1);
}
console.log(`sim:card: ${holder.name} (${holder.cardNumber}), PSAM ${sam ? 'in the SAM slot' : 'absent'}. i = insert, r = remove, q = quit`);
for await (const line of createInterface({ input: process.stdin })) {
  const key = line.trim().toLowerCase();
  if (key === 'i' && !card.inserted) await card.insert().then(() => console.log('card inserted'));
  else if (key === 'r' && card.inserted) await card.remove().then(() => console.log('card removed'));
  else if (key === 'q') break;
}
await card.remove();
await sam?.remove();
process.exit(0);
