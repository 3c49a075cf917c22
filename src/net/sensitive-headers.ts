/** Headers that carry credentials: masked when shown, dropped when a redirect leaves the origin. */
const SENSITIVE_NAME = /auth|token|secret|key|cookie|session|password|signature/i;

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_NAME.test(name);
}

/** "Bearer abc" → "Bearer ****": the scheme stays readable, the credential does not. */
export function maskSensitive(name: string, value: string): string {
  if (!isSensitiveHeader(name)) return value;
  const scheme = /^(Bearer|Basic|Token|Digest)\s+/i.exec(value)?.[0] ?? '';
  return `${scheme}****`;
}
