import { describe, expect, it } from 'vitest';
import { createMemoryPrinters } from './memory';
import { printerPortContract } from './printer-port.contract';

printerPortContract('in-memory fake', async () => {
  const m = createMemoryPrinters([{ name: 'MemoryPDF' }]);
  return { port: m.port, printer: 'MemoryPDF', setRunning: (on) => m.setRunning('MemoryPDF', on) };
});

describe('the in-memory fake beyond the contract', () => {
  it('has no default unless told, and a job it forgot is unknown', async () => {
    const m = createMemoryPrinters([{ name: 'A' }, { name: 'B' }]);
    await expect(m.port.submit(Buffer.from('x'), '', 't')).rejects.toMatchObject({ code: 'no-printer' });
    const id = await m.port.submit(Buffer.from('x'), 'A', 't');
    m.forget(id);
    expect(await m.port.jobState(id)).toMatchObject({ state: 'unknown' });
  });
});
