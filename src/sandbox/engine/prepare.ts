/**
 * A fresh isolate with the guest runtime installed, ready for one run. Preparing runs only our own
 * runtime code, synchronously; a warm host keeps one spare prepared so a run does not wait for it.
 */
import ivm from 'isolated-vm';
import type { GuestConfig } from '../guest/core.ts';
import { guestRuntimeSource } from '../guest/source.ts';

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
let codeCache: ivm.ExternalCopy<ArrayBuffer> | undefined;

export function prepareIsolate(memoryMib: number): PreparedIsolate {
  collectAtExit();
  const isolate = new ivm.Isolate({ memoryLimit: memoryMib });
  try {
    const context = isolate.createContextSync();
    let dispatch: Dispatch = () => ENDED;
    const host = new ivm.Callback((op: unknown, raw: unknown) => dispatch(op, raw));
    const script = isolate.compileScriptSync(
      guestRuntimeSource(),
      codeCache
        ? { filename: 'buttons:runtime', cachedData: codeCache }
        : { filename: 'buttons:runtime', produceCachedData: true },
    );
    codeCache ??= (script as ivm.Script & ivm.CachedDataResult).cachedData;
    const factory = script.runSync(context, { reference: true }) as ivm.Reference;
    const control = factory.applySync(undefined, [host], { result: { reference: true } }) as ivm.Reference;
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
    codeCache = undefined;
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

/** An isolate for one run: the spare when it fits, else a new one. */
export function takeIsolate(memoryMib: number): PreparedIsolate {
  const ready = spare;
  spare = undefined;
  if (ready && ready.memoryMib === memoryMib && !ready.isolate.isDisposed) return ready;
  ready?.dispose();
  return prepareIsolate(memoryMib);
}

/** Ends a run's isolate; a warm host prepares the next spare now, while nothing is waiting on it. */
export function releaseIsolate(prepared: PreparedIsolate): void {
  prepared.dispose();
  refill(prepared.memoryMib);
}
