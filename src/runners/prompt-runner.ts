/** Prompt buttons run nothing: their instructions go back to the calling agent as data. */
import type { Runner } from './runner.ts';

export const promptRunner: Runner = {
  async run() {
    return { status: 'ok', stdout: '', stderr: '', truncated: { stdout: false, stderr: false } };
  },
  plan() {
    return { action: 'return the prompt to the caller' };
  },
};
