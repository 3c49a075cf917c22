/** Guest timers: each pending timer is one host op, so the host counts them and knows when the run is idle. */
import type { GuestRuntime } from './core.ts';

export function installTimers(rt: GuestRuntime): void {
  type Timer = { fn: unknown; args: unknown[]; ms: number; repeat: boolean; hostId: number; due: number };
  const timers = new Map<number, Timer>();
  let nextId = 1;

  // Timers set in one synchronous stretch share one base time, as in Node (which reads the clock once
  // per loop turn): a slow hand-off while arming one timer must not push the next one's due time back.
  let turnNow: number | undefined;
  function now(): number {
    if (turnNow === undefined) {
      turnNow = Date.now();
      Promise.resolve().then(() => {
        turnNow = undefined;
      });
    }
    return turnNow;
  }

  function arm(id: number, timer: Timer): void {
    const { id: hostId, promise } = rt.start('timer', { ms: Math.max(0, timer.due - Date.now()) });
    timer.hostId = hostId;
    promise.then(() => fire(id, hostId));
  }

  // A host wake-up runs every timer that is due, earliest first: the hand-off to the host and back
  // takes time, and it must never make a later timer run before an earlier one.
  function fire(id: number, hostId: number): void {
    const woken = timers.get(id);
    if (!woken || woken.hostId !== hostId) return;
    const horizon = Math.max(Date.now(), woken.due);
    const due = [...timers.entries()]
      .filter(([, t]) => t.due <= horizon)
      .sort(([ia, a], [ib, b]) => a.due - b.due || ia - ib);
    for (const [tid, timer] of due) {
      if (timers.get(tid) !== timer) continue; // cleared by an earlier callback
      if (timer.hostId !== hostId) rt.call('timer.cancel', { id: timer.hostId });
      if (timer.repeat) {
        timer.due = now() + timer.ms;
        arm(tid, timer);
      } else {
        timers.delete(tid);
      }
      if (typeof timer.fn === 'function') timer.fn(...timer.args);
    }
  }

  function schedule(fn: unknown, ms: unknown, args: unknown[], repeat: boolean): number {
    const delay = Math.max(0, Math.min(Number(ms) || 0, 2_147_483_647));
    const id = nextId++;
    const period = repeat ? Math.max(1, delay) : delay;
    const timer: Timer = { fn, args, ms: period, repeat, hostId: 0, due: now() + period };
    timers.set(id, timer);
    arm(id, timer);
    return id;
  }

  function clear(id: unknown): void {
    const timer = timers.get(Number(id));
    if (!timer) return;
    timers.delete(Number(id));
    rt.call('timer.cancel', { id: timer.hostId });
  }

  const define = (name: string, value: unknown) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  define('setTimeout', (fn: unknown, ms?: unknown, ...args: unknown[]) => schedule(fn, ms, args, false));
  define('setInterval', (fn: unknown, ms?: unknown, ...args: unknown[]) => schedule(fn, ms, args, true));
  define('setImmediate', (fn: unknown, ...args: unknown[]) => schedule(fn, 0, args, false));
  define('clearTimeout', clear);
  define('clearInterval', clear);
  define('clearImmediate', clear);
  define('queueMicrotask', (fn: () => void) => {
    Promise.resolve().then(fn);
  });
}
