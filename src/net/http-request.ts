/** Renders a button's request from its spec and one press's arg values: URL, method, headers, body. */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import type { ButtonSpec } from '../core/spec.ts';
import { bodyKindOf, renderBody } from './template-body.ts';
import { renderHeaders } from './template-headers.ts';
import type { TemplateArgs } from './template-parse.ts';
import { lockUrlTemplate, renderUrl } from './template-url.ts';

export interface RenderedRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

function contentType(headers: Readonly<Record<string, string>>): string | undefined {
  return Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
}

export function renderRequest(spec: ButtonSpec, values: Readonly<Record<string, string>>): RenderedRequest {
  if (spec.url === undefined || spec.allowed_host === undefined) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `button "${spec.name}": an HTTP button needs url and allowed_host in its spec`,
      'Create the button again with --url.',
    );
  }
  const args: TemplateArgs = { decls: spec.args, values };
  const lock = { protocol: lockUrlTemplate(spec.url).protocol, host: spec.allowed_host };
  const headers = renderHeaders(spec.headers ?? {}, args);
  const body =
    spec.body === undefined
      ? undefined
      : renderBody(spec.body, bodyKindOf(contentType(spec.headers ?? {})), args);
  return { url: renderUrl(spec.url, args, lock), method: spec.method ?? 'GET', headers, body };
}
