/**
 * Reference QR codes (permit-qr.md §1.2) prove nothing: they name a notice or permit to look up.
 * A URL that names its reference gives it whatever its characters: a query parameter called
 * `noticeNo`, `notice`, `nn` (a notice) or `permitNo`, `permit`, `pn` (a permit), in any letter case,
 * holds it as it stands, trimmed, 1 to 64 printable characters. Elsewhere a value counts only by its
 * form. Decided here, as the spec leaves the formats open: a permit number is 18 digits; a notice
 * number as the app knows it is 1–4 letters then 10–24 digits (as the demo and upstream numbers are).
 * A reference is such a number on its own, or inside an https:// URL (a named parameter first, then
 * any query value, then a path segment).
 */
const PERMIT_NO = /^\d{18}$/;
const NOTICE_NO = /^[A-Z]{1,4}\d{10,24}$/;
const NAMED: Record<string, Reference['referenceKind']> = { noticeno: 'notice', notice: 'notice', nn: 'notice', permitno: 'permit', permit: 'permit', pn: 'permit' };
/** Printable: no control, format, surrogate or unassigned characters, and no line breaks. */
const PRINTABLE = /^[^\p{C}\u2028\u2029]{1,64}$/u;

export interface Reference {
  reference: string;
  referenceKind: 'notice' | 'permit';
}

function classify(token: string): Reference | null {
  const t = token.trim().toUpperCase();
  if (PERMIT_NO.test(t)) return { reference: t, referenceKind: 'permit' };
  if (NOTICE_NO.test(t)) return { reference: t, referenceKind: 'notice' };
  return null;
}

function named(url: URL): Reference | null {
  for (const [name, value] of url.searchParams) {
    const kind = NAMED[name.toLowerCase()];
    const reference = value.trim();
    if (kind && PRINTABLE.test(reference)) return { reference, referenceKind: kind };
  }
  return null;
}

export function findReference(text: string): Reference | null {
  if (/^https:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
    const byName = named(url);
    if (byName) return byName;
    for (const value of url.searchParams.values()) {
      const found = classify(value);
      if (found) return found;
    }
    for (const segment of url.pathname.split('/')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        continue;
      }
      const found = classify(decoded);
      if (found) return found;
    }
    return null;
  }
  return classify(text);
}
