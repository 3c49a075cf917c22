/**
 * A fresh isolate with the guest runtime installed, ready for one run. Preparing runs only our own
 * runtime code, synchronously; a warm host keeps one spare prepared so a run does not wait for it.
 */
import ivm from 'isolated-vm';
import type { GuestConfig } from '../guest/core.ts';
import { compileRuntime, forgetRuntimeCache } from './runtime-cache.ts';

export type Dispatch = (op: unknown, raw: unknown) => string;

export interface PreparedIsolate {
  readonly isolate: ivm.Isolate;
  readonly context: ivm.Context;
  readonly memoryMib: number;
  /** Routes the guest's host calls to the run that took this isolate. */
  route(dispatch: Dispatch): void;
  configure(config: GuestConfig): void;
  /** Delivers an async op's reply inside the isolate (its continuations run as part of this task). */
  settle(id: number, reply: string): Promise<unknown>;
  /** Releases the host's handles into the isolate, then disposes it. */
  dispose(): void;
}

const ENDED = JSON.stringify({ e: { name: 'Error', message: 'no program is running in this isolate' } });

/** A new isolate with the runtime installed; given the run's config, it is configured in the same call. */
export function prepareIsolate(memoryMib: number, config?: GuestConfig): PreparedIsolate {
  collectAtExit();
  const isolate = new ivm.Isolate({ memoryLimit: memoryMib });
  try {
    const context = isolate.createContextSync();
    let dispatch: Dispatch = () => ENDED;
    const host = new ivm.Callback((op: unknown, raw: unknown) => dispatch(op, raw));
    const script = compileRuntime(isolate);
    const factory = script.runSync(context, { reference: true }) as ivm.Reference;
    const args = config ? [host, JSON.stringify(config)] : [host];
    const control = factory.applySync(undefined, args, { result: { reference: true } }) as ivm.Reference;
    factory.release();
    script.release();
    return {
      isolate,
      context,
      memoryMib,
      route(next) {
        dispatch = next;
      },
      configure(config) {
        control.applySync(undefined, ['configure', JSON.stringify(config)]);
      },
      settle(id, reply) {
        return control.apply(undefined, ['settle', id, reply], { arguments: { copy: true } });
      },
      dispose() {
        dispatch = () => ENDED;
        // Handles left for the garbage collector can outlive the isolate and trip isolated-vm at exit.
        for (const handle of [control, context]) {
          try {
            handle.release();
          } catch {
            // Already gone with the isolate.
          }
        }
        if (!isolate.isDisposed) isolate.dispose();
      },
    };
  } catch (error) {
    isolate.dispose();
    throw error;
  }
}

/**
 * isolated-vm frees a handle when the host garbage-collects its wrapper; if that first happens while
 * Node tears its own isolate down at exit, isolated-vm aborts the process. So at exit, drop what this
 * module holds and collect everything while the process can still take it.
 */
let exitHookSet = false;
function collectAtExit(): void {
  if (exitHookSet) return;
  exitHookSet = true;
  process.once('exit', () => {
    spare?.dispose();
    spare = undefined;
    for (const prepared of retiring) prepared.dispose();
    retiring.clear();
    forgetRuntimeCache();
    const v8 = process.getBuiltinModule('node:v8');
    const vm = process.getBuiltinModule('node:vm');
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
  });
}

let warm = false;
let spare: PreparedIsolate | undefined;
let refilling = false;

function refill(memoryMib: number): void {
  if (!warm || refilling || spare) return;
  refilling = true;
  setImmediate(() => {
    refilling = false;
    if (warm && !spare) spare = prepareIsolate(memoryMib);
  });
}

/** A long-lived host (server, MCP, drawer runner, bench) keeps a spare isolate ready for the next run. */
export function keepSpareIsolate(enabled: boolean, memoryMib: number): void {
  warm = enabled;
  if (!enabled && spare) {
    spare.dispose();
    spare = undefined;
  } else refill(memoryMib);
}

/** An isolate configured for one run: the spare when it fits, else a new one. */
export function takeIsolate(memoryMib: number, config: GuestConfig): PreparedIsolate {
  const ready = spare;
  spare = undefined;
  if (ready && ready.memoryMib === memoryMib && !ready.isolate.isDisposed) {
    ready.configure(config);
    return ready;
  }
  ready?.dispose();
  return prepareIsolate(memoryMib, config);
}

const retiring = new Set<PreparedIsolate>();

/**
 * Ends a run's isolate. Its host calls already answer "ended"; disposing it (~0.4 ms) waits for the next
 * turn of the event loop, so the run's caller gets its outcome first. A warm host then prepares the next
 * spare, while nothing is waiting on it.
 */
export function releaseIsolate(prepared: PreparedIsolate): void {
  prepared.route(() => ENDED);
  retiring.add(prepared);
  setImmediate(() => {
    retiring.delete(prepared);
    prepared.dispose();
    refill(prepared.memoryMib);
  });
}
