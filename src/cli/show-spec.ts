/** A spec as shown to a person or an agent: header tokens masked, nothing secret. */
import type { ButtonSpec } from '../core/spec.ts';

const SENSITIVE_HEADER = /auth|token|secret|key|cookie|session|password|signature/i;

export function maskHeaderValue(name: string, value: string): string {
  if (!SENSITIVE_HEADER.test(name)) return value;
  // Templated values carry no secret of their own; literal ones are masked.
  if (/^\{\{[^}]+\}\}$/.test(value.trim())) return value;
  const scheme = /^(Bearer|Basic|Token)\s+/i.exec(value)?.[0] ?? '';
  return `${scheme}****`;
}

export function describeSpec(spec: ButtonSpec): ButtonSpec {
  if (!spec.headers) return spec;
  const headers = Object.fromEntries(
    Object.entries(spec.headers).map(([k, v]) => [k, maskHeaderValue(k, v)]),
  );
  return { ...spec, headers };
}
