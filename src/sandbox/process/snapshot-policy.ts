/**
 * Where isolates may run. isolated-vm asks for `node --no-node-snapshot`: V8 shares one read-only heap
 * between all isolates of a process, and isolates built beside Node's start-up snapshot have crashed on
 * some platforms. Measured here on Node 24 linux-x64 they do not — the whole sandbox suite and 3 000 runs,
 * 20 at a time, without the flag: no crash, no memory growth — while the flag adds 50-100 ms to every
 * start. So on linux-x64 isolates run in-process; elsewhere only in a process started with the flag
 * (`bin/buttons.js` re-execs `run`/`replay`; presses go to a worker).
 */
export const ISOLATES_VERIFIED_WITHOUT_FLAG = process.platform === 'linux' && process.arch === 'x64';

export function hostsIsolatesSafely(): boolean {
  return ISOLATES_VERIFIED_WITHOUT_FLAG || process.execArgv.includes('--no-node-snapshot');
}
