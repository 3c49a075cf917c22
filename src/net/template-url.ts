/**
 * URL templates. Scheme, host and port are fixed text (locked at create time); placeholders may sit in
 * the path, query or fragment, and each value is percent-encoded for the position it sits in, so it can
 * neither add a path segment, a query parameter or a fragment, nor move the request to another origin.
 */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { argSlot, parseTemplate, type TemplateArgs } from './template-parse.ts';

export interface UrlLock {
  /** "http:" or "https:". */
  protocol: string;
  /** host[:port] as URL.host spells it (port left out when it is the scheme's default). */
  host: string;
}

function invalid(message: string, hint?: string): ButtonsError {
  return new ButtonsError(ErrorCode.VALIDATION_ERROR, message, hint);
}

/** Splits "scheme://authority" from the rest (path, query, fragment) without interpreting placeholders. */
function splitOrigin(template: string): { origin: string; rest: string } {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(template);
  if (!scheme) throw invalid('--url must start with http:// or https://');
  const after = template.slice(scheme[0].length);
  const end = after.search(/[/?#\\]/);
  const authority = end === -1 ? after : after.slice(0, end);
  if (authority.includes('{{'))
    throw invalid(
      '--url: {{…}} placeholders are not allowed in the scheme, host or port',
      'The host is locked when the button is created; template the path, query or fragment instead.',
    );
  if (authority.includes('@'))
    throw invalid(
      '--url may not contain a user name or password (user:pass@)',
      'Send credentials in a header instead, e.g. --header "Authorization: Bearer {{token}}".',
    );
  return { origin: scheme[0] + authority, rest: end === -1 ? '' : after.slice(end) };
}

/** Create-time check of a URL template; returns the origin it locks. */
export function lockUrlTemplate(template: string): UrlLock {
  const { origin } = splitOrigin(template);
  let url: URL;
  try {
    url = new URL(`${origin}/`);
  } catch {
    throw invalid(`--url ${JSON.stringify(template)} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid(`--url must use http or https, not ${url.protocol.slice(0, -1)}`);
  if (url.username !== '' || url.password !== '')
    throw invalid('--url may not contain a user name or password');
  if (url.hostname === '') throw invalid('--url has no host');
  return { protocol: url.protocol, host: url.host };
}

const DOT_SEGMENT = /^(?:\.|%2e){0,2}$/i;

export function renderUrl(template: string, args: TemplateArgs, lock: UrlLock): URL {
  const { origin, rest } = splitOrigin(template);
  let position: 'path' | 'query' | 'fragment' = 'path';
  let segment = '';
  let touched: string | undefined;
  const endSegment = () => {
    // An empty, "." or ".." segment made by a value would be dropped or climb a level when the URL is read.
    if (touched !== undefined && DOT_SEGMENT.test(segment))
      throw invalid(`arg "${touched}" may not make a URL path segment empty, "." or ".."`);
    segment = '';
    touched = undefined;
  };
  let out = origin;
  for (const part of parseTemplate(rest)) {
    if (part.kind === 'arg') {
      // Everything but unreserved characters is escaped: "/", "?", "#", "&", "=", "%" all lose their meaning.
      const encoded = encodeURIComponent(argSlot(args, part.name).value ?? '');
      if (position === 'path') {
        segment += encoded;
        touched ??= part.name;
      }
      out += encoded;
      continue;
    }
    for (const ch of part.text) {
      if (position === 'path' && (ch === '/' || ch === '\\' || ch === '?' || ch === '#')) endSegment();
      else if (position === 'path') segment += ch;
      if (ch === '?' && position === 'path') position = 'query';
      else if (ch === '#' && position !== 'fragment') position = 'fragment';
      out += ch;
    }
  }
  if (position === 'path') endSegment();
  return checkLocked(out, lock);
}

function checkLocked(rendered: string, lock: UrlLock): URL {
  let url: URL;
  try {
    url = new URL(rendered);
  } catch {
    throw invalid('the rendered URL is not valid');
  }
  if (
    url.protocol !== lock.protocol ||
    url.host !== lock.host ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw new ButtonsError(
      ErrorCode.SSRF_BLOCKED,
      `the URL goes to ${url.protocol}//${url.host}, but this button is locked to ${lock.protocol}//${lock.host}`,
      'The spec was changed by hand; create the button again.',
    );
  }
  return url;
}
