/** `press --dry-run` of an HTTP button: the request as it would be sent, secrets and tokens hidden. */
import { randomUUID } from 'node:crypto';
import { REDACTED } from '../core/redact.ts';
import type { DryRunPlan, RunRequest } from '../runners/runner.ts';
import { DEFAULT_MAX_RESPONSE_BYTES, renderRequest } from './http-request.ts';
import { maskSensitive } from './sensitive-headers.ts';
import { privateNetworksAllowedByEnv } from './ssrf-guard.ts';

/**
 * Secret args are rendered as a random token instead of their value: the token survives every
 * encoding unchanged (percent, form, JSON), so it can be found and replaced after rendering, where
 * an encoded secret would slip past a redactor that looks for the raw value.
 */
export function planHttp(request: RunRequest): DryRunPlan {
  const { spec } = request;
  renderRequest(spec, request.args); // the real values must render too: refusals show up in a dry run
  const token = `S${randomUUID().replaceAll('-', '')}`;
  const shown: Record<string, string> = { ...request.args };
  for (const decl of spec.args)
    if (decl.type === 'secret' && shown[decl.name] !== undefined) shown[decl.name] = token;
  const rendered = renderRequest(spec, shown);
  const hide = (text: string) => text.replaceAll(token, REDACTED);
  const headers = Object.fromEntries(
    Object.entries(rendered.headers).map(([k, v]) => [k, maskSensitive(k, hide(v))]),
  );
  const viaEnv = privateNetworksAllowedByEnv(request.baseEnv);
  return {
    method: rendered.method,
    url: hide(rendered.url.href),
    headers,
    body: rendered.body === undefined ? undefined : hide(rendered.body),
    allowed_host: spec.allowed_host,
    follow_redirects: spec.follow_redirects ?? 'same-host',
    max_response_bytes: spec.max_response_bytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    ssrf_guard:
      spec.allow_private_networks === true
        ? 'private networks allowed (allow_private_networks)'
        : viaEnv
          ? 'private networks allowed (BUTTONS_ALLOW_PRIVATE_NETWORKS=1)'
          : 'on',
    timeout_seconds: request.timeoutMs / 1000,
  };
}
