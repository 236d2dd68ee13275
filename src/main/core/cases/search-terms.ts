/**
 * Search is case- and accent-insensitive and ignores the order of surname and given names, so
 * names and identifiers are folded the same way when indexed and when searched.
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** An identifier (notice, permit, passport, social security number) without separators. */
export function compactId(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

const HAN = /\p{Script=Han}/u;

/**
 * The words a name is found by: each part, and hyphenated or apostrophised parts also joined
 * (so "O'Brien" is found by "obrien" and "brien"); Chinese names by each character.
 */
export function nameTerms(name: string): string[] {
  const terms = new Set<string>();
  for (const word of foldText(name).split(/[\s,;/.]+/u)) {
    if (!word) continue;
    const joined = word.replace(/[^\p{L}\p{N}]+/gu, '');
    if (joined) terms.add(joined);
    for (const part of word.split(/[^\p{L}\p{N}]+/u)) if (part) terms.add(part);
  }
  for (const t of [...terms]) {
    if (HAN.test(t)) for (const ch of t) terms.add(ch);
  }
  return [...terms];
}

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * The FTS5 query for what a user typed: the whole input as an identifier prefix, or every name
 * word as a prefix, in any order. Returns null when nothing searchable is left.
 */
export function searchQuery(input: string): string | null {
  const id = compactId(input);
  const words = foldText(input)
    .replace(/['\u2019]/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .flatMap((w) => (HAN.test(w) ? [...w] : [w]));
  if (!id && words.length === 0) return null;
  const byName = words.map((w) => `names : ${quote(w)}*`).join(' AND ');
  const byId = id ? `ids : ${quote(id)}*` : null;
  return [byId, byName ? `(${byName})` : null].filter(Boolean).join(' OR ');
}
