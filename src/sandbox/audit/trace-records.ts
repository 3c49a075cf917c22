/** The trace records that say how an agent's run ended: the limit or exception (with its text), then `end`. */

import type { SessionOutcome } from '../engine/outcome.ts';
import type { TraceRecord } from './trace.ts';

export function endRecords(outcome: SessionOutcome, agent: string, durationMs: number): TraceRecord[] {
  const records: TraceRecord[] = [];
  if (outcome.kind === 'limit')
    records.push({ type: 'limit', agent, limit: outcome.limit, message: outcome.message });
  if (outcome.kind === 'error') {
    records.push({
      type: 'exception',
      agent,
      name: outcome.name,
      message: outcome.message,
      stack: outcome.stack,
    });
  }
  const exitCode = outcome.kind === 'ok' || outcome.kind === 'exit' ? outcome.exitCode : null;
  records.push({ type: 'end', agent, outcome: outcome.kind, exit_code: exitCode, duration_ms: durationMs });
  return records;
}
