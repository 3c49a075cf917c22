/**
 * One program in one fresh isolate: boot the guest runtime, link and evaluate the entry module, serve
 * its host calls, deliver async results, and end when nothing is pending — or when a limit is hit.
 * Whatever happens, the isolate is disposed and the host stays healthy for the next run.
 */
import type ivm from 'isolated-vm';
import type { GuestConfig } from '../guest/core.ts';
import { ModuleLoader, type ReadModule, type StripTypes } from './module-loader.ts';
import { limitOutcome, outcomeOfThrown, type SessionOutcome } from './outcome.ts';
import { type PreparedIsolate, releaseIsolate, takeIsolate } from './prepare.ts';
import { errorReply, guestError, pendingReply, valueReply } from './replies.ts';

/** An async op the guest may cancel (timers); a plain Promise is an op it may not. */
export class AsyncOp {
  readonly promise: Promise<unknown>;
  readonly cancel: () => void;
  constructor(promise: Promise<unknown>, cancel: () => void) {
    this.promise = promise;
    this.cancel = cancel;
  }
}

export type OpHandler = (payload: unknown, session: SessionControl) => unknown;
export type OpTable = Readonly<Record<string, OpHandler>>;

/** What host ops may do to the run they serve. */
export interface SessionControl {
  readonly signal: AbortSignal;
  exit(code: number): void;
  setExitCode(code: number): void;
  limit(kind: 'timers' | 'ops', message: string): void;
  /** Cancels a pending op the guest may cancel (a timer). */
  cancel(id: number): void;
  /** Milliseconds left before the time limit. */
  remainingMs(): number;
}

export interface SessionOptions {
  entryPath: string;
  readModule: ReadModule;
  stripTypes?: StripTypes | undefined;
  config: GuestConfig;
  ops: OpTable;
  memoryMib: number;
  timeoutMs: number;
  maxPendingOps: number;
  /** Called once with the outcome, before the isolate is disposed. */
  onEnd?: ((outcome: SessionOutcome) => void) | undefined;
  /** Ends the run from outside (its parent agent ended, or the caller gave up). */
  signal?: AbortSignal | undefined;
}

const MAX_PAYLOAD_CHARS = 64 * 1024 * 1024;

export function runSession(options: SessionOptions): Promise<SessionOutcome> {
  return new Session(options).run();
}

class Session implements SessionControl {
  private readonly options: SessionOptions;
  private readonly prepared: PreparedIsolate;
  private readonly isolate: ivm.Isolate;
  private readonly abort = new AbortController();
  private readonly pending = new Map<number, (() => void) | undefined>();
  private readonly deadline: number;
  private readonly done: Promise<SessionOutcome>;
  private resolveDone!: (outcome: SessionOutcome) => void;
  private outcome: SessionOutcome | undefined;
  private evaluated = false;
  private exitCode = 0;
  private nextId = 1;

  constructor(options: SessionOptions) {
    this.options = options;
    this.deadline = Date.now() + options.timeoutMs;
    this.prepared = takeIsolate(options.memoryMib, options.config);
    this.isolate = this.prepared.isolate;
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  async run(): Promise<SessionOutcome> {
    const seconds = this.options.timeoutMs / 1000;
    const timer = setTimeout(
      () => this.finish(limitOutcome('time', `time limit of ${seconds}s exceeded`)),
      this.options.timeoutMs,
    );
    const outside = this.options.signal;
    const stop = () => this.finish({ kind: 'aborted', message: String(outside?.reason ?? 'stopped') });
    if (outside?.aborted) stop();
    outside?.addEventListener('abort', stop, { once: true });
    this.boot().then(
      () => {
        this.evaluated = true;
        this.checkIdle();
      },
      (error: unknown) => this.fail(error),
    );
    const outcome = await this.done;
    clearTimeout(timer);
    outside?.removeEventListener('abort', stop);
    return outcome;
  }

  private async boot(): Promise<void> {
    this.prepared.route((op, raw) => this.dispatch(op, raw));
    const loader = new ModuleLoader(this.isolate, this.options.readModule, this.options.stripTypes);
    const entry = await loader.link(this.prepared.context, this.options.entryPath);
    await entry.evaluate();
  }

  private dispatch(op: unknown, raw: unknown): string {
    const name = typeof op === 'string' ? op : '?';
    if (this.outcome) return errorReply(guestError('Error', 'the program has ended'), name);
    if (typeof op !== 'string' || typeof raw !== 'string' || !Object.hasOwn(this.options.ops, op)) {
      return errorReply(guestError('TypeError', `unknown host call ${name}`), name);
    }
    if (raw.length > MAX_PAYLOAD_CHARS)
      return errorReply(guestError('RangeError', `${op}: argument too large`), op);
    try {
      const result = this.options.ops[op]!(JSON.parse(raw), this);
      if (result instanceof AsyncOp) return pendingReply(this.track(result.promise, result.cancel));
      if (result instanceof Promise) return pendingReply(this.track(result, undefined));
      return valueReply(result);
    } catch (error) {
      return errorReply(error, op);
    }
  }

  private track(promise: Promise<unknown>, cancel: (() => void) | undefined): number {
    if (this.pending.size >= this.options.maxPendingOps) {
      cancel?.();
      promise.catch(() => {});
      this.limit('ops', `more than ${this.options.maxPendingOps} operations pending at once`);
      throw guestError('RangeError', 'too many pending operations');
    }
    const id = this.nextId++;
    this.pending.set(id, cancel);
    promise.then(
      (value) => this.deliver(id, () => valueReply(value), 'async'),
      (error: unknown) => this.deliver(id, () => errorReply(error, 'async'), 'async'),
    );
    return id;
  }

  /** Cancels a pending op the guest is allowed to cancel (a timer); unknown ids are ignored. */
  cancel(id: number): void {
    const cancel = this.pending.get(id);
    if (cancel === undefined) return;
    cancel();
    this.pending.delete(id);
  }

  private async deliver(id: number, reply: () => string, _op: string): Promise<void> {
    if (this.outcome || !this.pending.has(id)) return;
    let text: string;
    try {
      text = reply();
    } catch (error) {
      text = errorReply(error, 'async');
    }
    try {
      await this.prepared.settle(id, text);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.pending.delete(id);
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.evaluated && this.pending.size === 0) this.finish({ kind: 'ok', exitCode: this.exitCode });
  }

  private fail(error: unknown): void {
    if (this.outcome) return;
    this.finish(outcomeOfThrown(error, this.isolate.isDisposed, this.options.memoryMib));
  }

  exit(code: number): void {
    this.finish({ kind: 'exit', exitCode: code });
  }

  setExitCode(code: number): void {
    this.exitCode = code;
  }

  limit(kind: 'timers' | 'ops', message: string): void {
    this.finish(limitOutcome(kind, message));
  }

  private finish(outcome: SessionOutcome): void {
    if (this.outcome) return;
    this.outcome = outcome;
    this.options.onEnd?.(outcome);
    this.abort.abort();
    for (const cancel of this.pending.values()) cancel?.();
    this.pending.clear();
    // Not from inside a host call: the isolate's thread is waiting on us there.
    setImmediate(() => {
      releaseIsolate(this.prepared);
      this.resolveDone(outcome);
    });
  }
}
