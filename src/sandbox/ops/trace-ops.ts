/** `buttons:trace` on the host: the program's own log lines and checkpoints, in the same audit trace. */
import type { Trace } from '../audit/trace.ts';
import type { OpTable } from '../engine/session.ts';
import { record } from './op-args.ts';

const LEVELS = new Set(['debug', 'info', 'warn', 'error']);
const MAX_TEXT = 64 * 1024;

function bounded(value: unknown): unknown {
  const json = JSON.stringify(value ?? null);
  return json.length <= MAX_TEXT ? value : { truncated: true, preview: json.slice(0, 1024) };
}

export function traceOps(trace: Trace, agent: string): OpTable {
  return {
    'trace.log'(payload) {
      const p = record(payload);
      const level = LEVELS.has(String(p.level)) ? String(p.level) : 'info';
      trace.write({
        type: 'log',
        agent,
        level,
        message: String(p.message ?? '').slice(0, MAX_TEXT),
        data: bounded(p.data),
      });
      return null;
    },
    'trace.checkpoint'(payload) {
      const p = record(payload);
      trace.write({
        type: 'checkpoint',
        agent,
        name: String(p.name ?? '').slice(0, 256),
        data: bounded(p.data),
      });
      return null;
    },
  };
}
