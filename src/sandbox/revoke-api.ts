/** What `buttons revoke` loads: argument parsing and the state.db write. */
export { parseRevokeItem } from './revoke-items.ts';
export { revokeInRun } from './state/run-registry.ts';
