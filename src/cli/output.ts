/** The only place that writes to the terminal: the JSON envelope for agents, readable text for people. */
import { type ErrorCode, type ErrorData, EXIT_CODES } from '../core/errors.ts';

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdinIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  readStdin(): Promise<string>;
  confirm(question: string): Promise<boolean>;
}

export interface OutputMode {
  json: boolean;
  color: boolean;
}

export function outputMode(io: Io, jsonFlag: boolean): OutputMode {
  const json = jsonFlag || !io.stdout.isTTY;
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return { json, color: !json && Boolean(io.stdout.isTTY) && !noColor && io.env.TERM !== 'dumb' };
}

export function successEnvelope(data: unknown): string {
  return `${JSON.stringify({ ok: true, data })}\n`;
}

export function errorEnvelope(error: ErrorData, data?: unknown): string {
  const body: Record<string, unknown> = { ok: false, error };
  if (data !== undefined) body.data = data;
  return `${JSON.stringify(body)}\n`;
}

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_CODES[code];
}

const PAINT = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

export function paint(mode: OutputMode, style: keyof typeof PAINT, text: string): string {
  return mode.color ? `\u001b[${PAINT[style]}m${text}\u001b[0m` : text;
}

export function renderErrorText(mode: OutputMode, error: ErrorData): string {
  const head = `${paint(mode, 'red', 'error')} ${paint(mode, 'bold', error.code)}: ${error.message}\n`;
  return error.hint ? `${head}${paint(mode, 'dim', `hint: ${error.hint}`)}\n` : head;
}

/** A plain text table; columns sized to their widest cell. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(headers), ...rows.map(line)].join('\n')}\n`;
}
