import { ButtonsError, ErrorCode } from '../core/errors.ts';
import type { Grants } from '../core/grants.ts';

/** Checks that grants make sense for an OS-isolated script button (e.g. host lists are JS-only). */
export function checkIsolationGrants(_grants: Grants): void {
  throw new ButtonsError(
    ErrorCode.SANDBOX_UNAVAILABLE,
    'sandboxed script buttons are not available in this build yet',
  );
}
