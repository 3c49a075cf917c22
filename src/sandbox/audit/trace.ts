/**
 * The audit trace: one NDJSON line per event — every permission check, tool call, spawn, limit,
 * exception, start and end. Each line is written (synchronously, to a 0600 file) before the decision it
 * records is acted on. Secrets are redacted from every line.
 */
import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';

export interface TraceRecord {
  type: string;
  [field: string]: unknown;
}

export interface Trace {
  write(record: TraceRecord): void;
  /** Lines written so far. */
  readonly count: number;
  /** True once the trace outgrew its bound: nothing more can be audited, so checks must deny. */
  readonly full: boolean;
  readonly path: string | undefined;
  close(): void;
}

export interface TraceOptions {
  runId: string;
  redact?: ((line: string) => string) | undefined;
  maxBytes?: number | undefined;
}

const DEFAULT_MAX_BYTES = 128 * 1024 * 1024;

function lineOf(options: TraceOptions, seq: number, record: TraceRecord): string {
  const line = JSON.stringify({ ts: new Date().toISOString(), seq, run: options.runId, ...record });
  return `${options.redact ? options.redact(line) : line}\n`;
}

/** A trace that appends to `path` (created 0600); with no path it keeps lines in memory. */
export function openTrace(path: string | undefined, options: TraceOptions): Trace & { lines: string[] } {
  const fd = path === undefined ? undefined : openSync(path, 'a', 0o600);
  if (fd !== undefined) fchmodSync(fd, 0o600);
  const lines: string[] = [];
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes = 0;
  let seq = 0;
  let full = false;
  let closed = false;
  return {
    lines,
    path,
    get count() {
      return seq;
    },
    get full() {
      return full;
    },
    write(record) {
      if (full || closed) return;
      const line = lineOf(options, ++seq, record);
      bytes += Buffer.byteLength(line);
      if (bytes > max) {
        full = true;
        return;
      }
      if (fd === undefined) lines.push(line);
      else writeSync(fd, line);
    },
    close() {
      if (closed) return;
      closed = true;
      if (fd !== undefined) closeSync(fd);
    },
  };
}
