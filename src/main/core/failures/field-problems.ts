import type { z } from 'zod';
import type { FieldProblem } from '../../../shared/errors';

/**
 * What was wrong with each refused field, as data the screen can put in words beside the field
 * ("a whole number from 1 to 240"), instead of zod's English. Paths are kept as zod gives them
 * ("upstreamPins.0"); the screen matches a field by its first segment. One problem per path: the
 * first is the one a person fixes first.
 */
export function fieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  const seen = new Map<string, FieldProblem>();
  for (const issue of issues) {
    const problem = describe(issue);
    for (const p of problem) if (!seen.has(p.field)) seen.set(p.field, p);
  }
  return [...seen.values()];
}

function describe(issue: z.core.$ZodIssue): FieldProblem[] {
  const field = issue.path.map(String).join('.') || '(payload)';
  switch (issue.code) {
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string') return [limit <= 1 ? { field, kind: 'required' } : { field, kind: 'too-short', limit }];
      if (issue.origin === 'array' || issue.origin === 'set') return [{ field, kind: 'too-few', limit }];
      return [{ field, kind: 'too-small', limit }];
    }
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'string') return [{ field, kind: 'too-long', limit }];
      if (issue.origin === 'array' || issue.origin === 'set') return [{ field, kind: 'too-many', limit }];
      return [{ field, kind: 'too-big', limit }];
    }
    case 'invalid_type':
      if (issue.expected === 'int') return [{ field, kind: 'whole-number' }];
      if (issue.expected === 'number') return [{ field, kind: 'not-number' }];
      if (issue.input === undefined) return [{ field, kind: 'required' }];
      return [{ field, kind: 'wrong-type' }];
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
      return [{ field, kind: 'choice' }];
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ field: [...issue.path.map(String), k].join('.'), kind: 'unknown' as const }));
    default:
      // custom refinements and formats: the screen has words for each field's own rule.
      return [{ field, kind: 'format' }];
  }
}
