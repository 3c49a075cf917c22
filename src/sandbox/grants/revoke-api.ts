/** What `buttons revoke` loads: argument parsing and the state.db write. */

export { revokeInRun } from '../state/run-registry.ts';
export { parseRevokeItem } from './revoke-items.ts';
