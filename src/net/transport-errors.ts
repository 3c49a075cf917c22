/** Turns what the socket layer throws into HTTP_ERROR messages that name the host (never the full URL). */
import { ButtonsError, ErrorCode } from '../core/errors.ts';

const REASONS: Readonly<Record<string, string>> = {
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers arrived in time',
  UND_ERR_BODY_TIMEOUT: 'the response body stalled',
  UND_ERR_SOCKET: 'the connection broke',
  UND_ERR_HEADERS_OVERFLOW: 'the response headers are too large',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the response body does not match its Content-Length',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'connecting timed out',
  EPIPE: 'the connection broke',
};

/** Aborts (the press timeout) pass through untouched so the runner can report TIMEOUT. */
export function transportError(error: unknown, host: string): unknown {
  if (error instanceof ButtonsError) return error;
  const name = (error as Error | undefined)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const reason = REASONS[code] ?? (error instanceof Error ? error.message : String(error));
  const tls = /CERT|SSL|TLS/i.test(code) ? ' (TLS)' : '';
  return new ButtonsError(
    ErrorCode.HTTP_ERROR,
    `request to ${host} failed: ${reason}${tls}${code && !REASONS[code] ? ` [${code}]` : ''}`,
  );
}
