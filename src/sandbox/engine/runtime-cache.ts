/**
 * The guest runtime's V8 code cache, kept once per host process. The first isolate produces a cache of
 * what compiles eagerly. Once a process hosts a second run, a throwaway isolate soon runs the runtime and
 * a tiny console program of our own, so the cache also holds the functions every run calls (console,
 * the host bridge); later runs skip compiling them (~0.6 ms each). No program's code or data ever
 * reaches that isolate; a cache V8 rejects only costs a compile.
 */
import ivm from 'isolated-vm';
import { guestRuntimeSource } from '../guest/source.ts';

const FILENAME = 'buttons:runtime';
const WARM_AFTER_MS = 100;
const WARM_UP_PROGRAM = "console.log('hello', 1, { a: [1] }); console.error(new Error('x').message);";
const STUB_REPLY = JSON.stringify({ v: null });

let cache: ivm.ExternalCopy<ArrayBuffer> | undefined;
let warmScheduled = false;
let warmedUp: Promise<void> | undefined;

/** Compiles the guest runtime in `isolate`, from the process's code cache when there is one. */
export function compileRuntime(isolate: ivm.Isolate): ivm.Script {
  if (cache) {
    // A second isolate: this process hosts several runs, so a warmer cache will pay for itself.
    scheduleWarmUp();
    return isolate.compileScriptSync(guestRuntimeSource(), { filename: FILENAME, cachedData: cache });
  }
  const script = isolate.compileScriptSync(guestRuntimeSource(), {
    filename: FILENAME,
    produceCachedData: true,
  });
  cache = (script as ivm.Script & ivm.CachedDataResult).cachedData;
  return script;
}

/** The warm-up isolate and the handles into it, while it runs. */
let warming: { isolate: ivm.Isolate; handles: { release(): void }[] } | undefined;

/** Drops the cache and any warm-up under way (at exit, so handles go while the process can take them). */
export function forgetRuntimeCache(): void {
  cache = undefined;
  warmedUp ??= Promise.resolve();
  endWarmUp();
}

function endWarmUp(): void {
  if (!warming) return;
  const { isolate, handles } = warming;
  warming = undefined;
  for (const handle of handles) {
    try {
      handle.release();
    } catch {
      // Already gone with the isolate.
    }
  }
  if (!isolate.isDisposed) isolate.dispose();
}

function scheduleWarmUp(): void {
  if (warmScheduled) return;
  warmScheduled = true;
  // Unref'd: a one-shot CLI exits without paying for a cache it will not use.
  setTimeout(() => {
    warmRuntimeCache().catch(() => {
      // The cold cache still works.
    });
  }, WARM_AFTER_MS).unref();
}

/** Replaces the cache with one that also holds what a run calls (once; the host does it when idle). */
export function warmRuntimeCache(): Promise<void> {
  warmedUp ??= warmUp().finally(endWarmUp);
  return warmedUp;
}

async function warmUp(): Promise<void> {
  const isolate = new ivm.Isolate({ memoryLimit: 32 });
  const handles: { release(): void }[] = [];
  const run = { isolate, handles };
  warming = run;
  const context = isolate.createContextSync();
  handles.push(context);
  const script = compileRuntime(isolate);
  handles.push(script);
  const host = new ivm.Callback(() => STUB_REPLY);
  const factory = script.runSync(context, { reference: true }) as ivm.Reference;
  handles.push(factory);
  const config = JSON.stringify({ argv: [], args: {} });
  handles.push(
    factory.applySync(undefined, [host, config], { result: { reference: true } }) as ivm.Reference,
  );
  const program = isolate.compileModuleSync(WARM_UP_PROGRAM, { filename: 'buttons:warm-up' });
  handles.push(program);
  program.instantiateSync(context, () => {
    throw new Error('the warm-up program imports nothing');
  });
  await program.evaluate({ timeout: 1000 });
  if (warming !== run) return;
  // Same source, same isolate: V8 finds the compiled script and serializes it with what ran since.
  const again = isolate.compileScriptSync(guestRuntimeSource(), {
    filename: FILENAME,
    produceCachedData: true,
  });
  handles.push(again);
  cache = (again as ivm.Script & ivm.CachedDataResult).cachedData ?? cache;
}
