/** A UTF-16 surrogate standing alone: valid in a JS string and in JSON, but no character, and not storable as UTF-8. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Whether a text is well-formed Unicode (no lone surrogate). */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/**
 * The dotted path of the first text in a value (a string, or an object's key) that is not well-formed
 * Unicode, or null when every text is. `(payload)` names the value itself. Walked without recursion:
 * the value may come from anywhere.
 */
export function illFormedTextAt(value: unknown): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) return path || '(payload)';
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (!isWellFormedText(k)) return at;
        stack.push({ v: child, path: at });
      }
    }
  }
  return null;
}
