/** `create --url …`: validates the HTTP flags and returns the spec fields they set, host locked. */
import type { ArgDecl } from '../core/arg-types.ts';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import type { ButtonSpec } from '../core/spec.ts';
import { RedirectPolicy } from './redirects.ts';
import { parseSize } from './size.ts';
import { bodyKindOf, checkBodyTemplate, guessContentType } from './template-body.ts';
import { parseHeaderFlag } from './template-headers.ts';
import { checkPlaceholders, placeholderNames } from './template-parse.ts';
import { lockUrlTemplate, renderUrl } from './template-url.ts';

export interface HttpFlags {
  url: string;
  method?: string | undefined;
  header: string[];
  body?: string | undefined;
  maxResponseSize?: string | undefined;
  allowPrivateNetworks?: boolean | undefined;
  followRedirects?: string | undefined;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function invalid(message: string, hint?: string): ButtonsError {
  return new ButtonsError(ErrorCode.VALIDATION_ERROR, message, hint);
}

function checkMethod(raw: string | undefined, hasBody: boolean): string {
  const method = (raw ?? (hasBody ? 'POST' : 'GET')).toUpperCase();
  if (!METHODS.includes(method))
    throw invalid(`--method must be one of ${METHODS.join(', ')}; got ${JSON.stringify(raw)}`);
  if (hasBody && (method === 'GET' || method === 'HEAD'))
    throw invalid(`--body cannot be sent with ${method}`, 'Add --method POST (or PUT, PATCH, DELETE).');
  return method;
}

function checkPolicy(raw: string | undefined): RedirectPolicy {
  const policy = raw ?? RedirectPolicy.sameHost;
  if (!(Object.values(RedirectPolicy) as string[]).includes(policy))
    throw invalid(`--follow-redirects must be none, same-host or any; got ${JSON.stringify(raw)}`);
  return policy as RedirectPolicy;
}

function headersOf(flags: HttpFlags, args: readonly ArgDecl[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const raw of flags.header) {
    const [name, value] = parseHeaderFlag(raw);
    if (Object.keys(headers).some((k) => k.toLowerCase() === name.toLowerCase()))
      throw invalid(`--header ${name} is given more than once`);
    checkPlaceholders(`--header ${name}`, value, args);
    headers[name] = value;
  }
  return headers;
}

/** A value of the right type for each arg: the URL template must render for any press. */
function sampleValues(args: readonly ArgDecl[]): Record<string, string> {
  const sample = (a: ArgDecl) =>
    a.type === 'int' ? '1' : a.type === 'bool' ? 'true' : (a.values?.[0] ?? 'x');
  return Object.fromEntries(args.map((a) => [a.name, sample(a)]));
}

export function httpSpecFields(flags: HttpFlags, args: readonly ArgDecl[]): Partial<ButtonSpec> {
  const lock = lockUrlTemplate(flags.url);
  checkPlaceholders('--url', flags.url, args);
  renderUrl(flags.url, { decls: args, values: sampleValues(args) }, lock);
  const headers = headersOf(flags, args);
  const typeName = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
  if (typeName !== undefined && placeholderNames(headers[typeName]!).length > 0)
    throw invalid('--header Content-Type may not hold placeholders: it decides how the body is encoded');
  if (flags.body !== undefined) {
    if (flags.body.includes('\0')) throw invalid('--body may not contain NUL bytes');
    checkPlaceholders('--body', flags.body, args);
    if (typeName === undefined) headers['Content-Type'] = guessContentType(flags.body);
    checkBodyTemplate(flags.body, bodyKindOf(headers[typeName ?? 'Content-Type']));
  }
  return {
    url: flags.url,
    method: checkMethod(flags.method, flags.body !== undefined),
    headers: Object.keys(headers).length > 0 ? headers : undefined,
    body: flags.body,
    max_response_bytes:
      flags.maxResponseSize === undefined
        ? undefined
        : parseSize('--max-response-size', flags.maxResponseSize),
    allow_private_networks: flags.allowPrivateNetworks === true ? true : undefined,
    allowed_host: lock.host,
    follow_redirects: checkPolicy(flags.followRedirects),
  };
}
