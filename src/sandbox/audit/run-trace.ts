/** A sandboxed run's audit trace as `buttons logs` shows it: the records, and one readable line each. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../../core/run-record.ts';

const MAX_TRACE_BYTES = 16 * 1024 * 1024;

export function runTrace(pressedDir: string, record: RunRecord): Record<string, unknown>[] | undefined {
  const file = record.files?.find((f) => f === `${record.run_id}.trace.ndjson`);
  if (file === undefined) return undefined;
  try {
    const text = readFileSync(join(pressedDir, file), 'utf8').slice(0, MAX_TRACE_BYTES);
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

export function renderTrace(records: readonly Record<string, unknown>[]): string {
  const lines = records.map((r) => {
    const { ts: _ts, run: _run, seq, type, agent, ...rest } = r;
    const detail =
      type === 'check'
        ? `${rest.decision} ${rest.cap}${rest.access ? `:${rest.access}` : ''} ${rest.resource} (gen ${rest.gen})${rest.reason ? ` ${rest.reason}` : ''}`
        : JSON.stringify(rest);
    return `${String(seq).padStart(4)} ${String(type).padEnd(11)} ${agent ?? ''} ${detail}`;
  });
  return `--- trace ---\n${lines.join('\n')}\n`;
}
