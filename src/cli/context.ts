/** What every command gets: the terminal, the output mode, the workspace (opened on first use). */
import type { ErrorData } from '../core/errors.ts';
import type { GrantInput } from '../core/grants.ts';
import { Workspace } from '../store/workspace.ts';
import type { Io, OutputMode } from './output.ts';

export interface CommandContext {
  io: Io;
  mode: OutputMode;
  cwd: string;
  /** Capability flags pulled from argv (see grant-flags.ts). */
  grants: GrantInput[];
  workspace(): Workspace;
}

/** A command's answer: `data` for the envelope, `text` for a person; an error keeps its data too. */
export interface CommandResult {
  data: unknown;
  text?: string | undefined;
  error?: ErrorData | undefined;
}

export function makeContext(io: Io, mode: OutputMode, cwd: string, grants: GrantInput[]): CommandContext {
  let ws: Workspace | undefined;
  return {
    io,
    mode,
    cwd,
    grants,
    workspace() {
      ws ??= new Workspace();
      return ws;
    },
  };
}
