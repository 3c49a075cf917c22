import { ButtonsError, ErrorCode } from '../core/errors.ts';
import type { ButtonSpec } from '../core/spec.ts';

export interface HttpFlags {
  url: string;
  method?: string | undefined;
  header: string[];
  body?: string | undefined;
  maxResponseSize?: string | undefined;
  allowPrivateNetworks?: boolean | undefined;
  followRedirects?: string | undefined;
}

/** Validates the HTTP flags of `create` and returns the spec fields they set (host locked at create time). */
export function httpSpecFields(_flags: HttpFlags): Partial<ButtonSpec> {
  throw new ButtonsError(ErrorCode.VALIDATION_ERROR, 'HTTP buttons are not available in this build yet');
}
