/**
 * The spellings a secret takes once templated into a request (percent-, form- and JSON-encoded), so a
 * server that echoes the request back cannot carry it into the record in a form the redactor misses.
 */
import { makeRedactor, type Redactor } from '../core/redact.ts';
import type { RunRequest } from '../runners/runner.ts';

export function secretForms(secret: string): string[] {
  if (!secret.isWellFormed()) return [secret];
  const forms = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams([['', secret]]).toString().slice(1),
    JSON.stringify(secret).slice(1, -1),
  ];
  return [...new Set(forms)];
}

/** A redactor for everything an HTTP answer brings back: secret args and batteries in every spelling. */
export function answerRedactor(request: RunRequest): Redactor {
  const secrets = request.spec.args
    .filter((d) => d.type === 'secret' && request.args[d.name] !== undefined)
    .map((d) => request.args[d.name]!);
  return makeRedactor([...secrets, ...request.batteries.values()].flatMap(secretForms));
}
