/**
 * Reference QR codes (permit-qr.md §1.2) prove nothing: they name a notice or permit to look up.
 * Decided here, as the spec leaves the formats open: a permit number is 18 digits; a notice number is
 * 1–4 letters then 10–24 digits (as the demo and upstream numbers are). A reference is such a number on
 * its own, or inside an https:// URL (a query value first, then a path segment).
 */
const PERMIT_NO = /^\d{18}$/;
const NOTICE_NO = /^[A-Z]{1,4}\d{10,24}$/;

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

export function findReference(text: string): Reference | null {
  if (/^https:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
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
