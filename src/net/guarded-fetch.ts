/**
 * One guarded request read to the end, as plain data: what the sandbox's fetch and other callers that
 * hand results across a boundary need. Bodies over `maxBytes` are cut and flagged, never silently.
 */
import { type GuardedRequestInit, type GuardedRequestOptions, guardedRequest } from './guarded-request.ts';
import { readBounded } from './read-body.ts';

export interface FetchedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The URL that answered, after redirects. */
  url: string;
  redirects: string[];
  body: Uint8Array;
  /** True when the body was longer than maxBytes; `body` then holds its first maxBytes. */
  over: boolean;
}

export async function guardedFetch(
  input: string | URL,
  init: GuardedRequestInit,
  options: GuardedRequestOptions & { maxBytes: number },
): Promise<FetchedResponse> {
  const response = await guardedRequest(input, init, options);
  try {
    const { bytes, over } = await readBounded(response.body, options.maxBytes);
    return {
      status: response.status,
      headers: response.headers,
      url: response.url.href,
      redirects: response.redirects.map((u) => u.href),
      body: bytes,
      over,
    };
  } finally {
    await response.close();
  }
}
