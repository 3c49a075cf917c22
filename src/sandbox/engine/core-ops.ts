/** Host ops every run has, whatever its grants: timers, the clock, output, exit. */
import { AsyncOp, type OpTable } from './session.ts';

export interface CoreOpsOptions {
  maxTimers: number;
  write(stream: 'stdout' | 'stderr', text: string): void;
}

function record(payload: unknown): Record<string, unknown> {
  return payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
}

export function coreOps(options: CoreOpsOptions): OpTable {
  let timers = 0;
  const started = process.hrtime.bigint();
  return {
    timer(payload, session) {
      if (timers >= options.maxTimers) {
        session.limit('timers', `more than ${options.maxTimers} timers pending at once`);
        throw new RangeError('too many timers');
      }
      const ms = Math.max(0, Math.min(Number(record(payload).ms) || 0, session.remainingMs() + 1000));
      timers++;
      let live = true;
      const release = () => {
        if (live) timers--;
        live = false;
      };
      let handle: NodeJS.Timeout | undefined;
      const promise = new Promise<null>((resolve) => {
        handle = setTimeout(() => {
          release();
          resolve(null);
        }, ms);
      });
      return new AsyncOp(promise, () => {
        release();
        clearTimeout(handle);
      });
    },
    'timer.cancel'(payload, session) {
      session.cancel(Number(record(payload).id));
      return null;
    },
    'time.monotonic'() {
      return Number(process.hrtime.bigint() - started) / 1e6;
    },
    out(payload) {
      const { stream, text } = record(payload);
      options.write(stream === 'stderr' ? 'stderr' : 'stdout', String(text));
      return null;
    },
    exit(payload, session) {
      session.exit(Math.trunc(Number(record(payload).code)) || 0);
      return null;
    },
    exitCode(payload, session) {
      session.setExitCode(Math.trunc(Number(record(payload).code)) || 0);
      return null;
    },
  };
}
