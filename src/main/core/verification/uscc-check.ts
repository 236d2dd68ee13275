import { USCC_ALPHABET, isValidUscc } from '../cases/uscc';

export type UsccProblem = 'format' | 'check-character';

/** The unified social credit code: 18 characters from the GB 32100 alphabet, the last a check character. */
export function checkUscc(code: string): { ok: boolean; problems: UsccProblem[] } {
  const c = code.trim().toUpperCase();
  if (c.length !== 18 || [...c].some((ch) => !USCC_ALPHABET.includes(ch))) return { ok: false, problems: ['format'] };
  return isValidUscc(c) ? { ok: true, problems: [] } : { ok: false, problems: ['check-character'] };
}
