import { parseArgs } from 'node:util';
import { scanImageFile } from '../core/qr-image/read-file';
import { UsageError, asUsage, printJson } from './usage';

/** One JSON line per image: {file, text | null, ms}; a file that cannot be read is a line with an error. */
export async function scan(args: string[]): Promise<void> {
  const { positionals } = asUsage(() => parseArgs({ args, strict: true, options: {}, allowPositionals: true }));
  if (positionals.length === 0) throw new UsageError('name at least one image file');
  for (const file of positionals) {
    try {
      const r = await scanImageFile(file);
      printJson({ file, text: r.text, ms: Math.round(r.ms * 10) / 10 });
    } catch (err) {
      printJson({ file, text: null, ms: 0, error: (err as NodeJS.ErrnoException).code ?? 'unreadable' });
    }
  }
}
