/** Turns zod issues into one message that names each field and the rule it broke. */
import type { core } from 'zod/mini';
import { ButtonsError, ErrorCode } from './errors.ts';

type Issue = core.$ZodIssue;

function fieldOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function ruleOf(issue: Issue): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must have at least ${issue.minimum} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `must be ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must have at most ${issue.maximum} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `must be ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return `must match ${issue.format === 'regex' ? String(issue.pattern) : issue.format}`;
    default:
      return 'is invalid';
  }
}

export function describeIssues(issues: readonly Issue[], limit = 5): string {
  const lines = issues.slice(0, limit).map((issue) => `${fieldOf(issue.path)} ${ruleOf(issue)}`);
  if (issues.length > limit) lines.push(`…and ${issues.length - limit} more`);
  return lines.join('; ');
}

interface SafeParser<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

/** Parses with a schema or throws VALIDATION_ERROR naming `where`, each field and its rule. */
export function parseOrThrow<T>(schema: SafeParser<T>, raw: unknown, where: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, `${where}: ${describeIssues(parsed.error.issues)}`);
  }
  return parsed.data;
}
