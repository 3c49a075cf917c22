/** Stage 1: find the button and everything a press of it depends on. */
import type { ButtonSpec } from '../core/spec.ts';
import { loadBatteries } from '../store/batteries-store.ts';
import { readPrompt, readSpec } from '../store/button-store.ts';
import { readSettings, type Settings } from '../store/settings.ts';
import type { Workspace } from '../store/workspace.ts';

export interface Resolved {
  spec: ButtonSpec;
  settings: Settings;
  batteries: Map<string, string>;
  prompt: string | undefined;
}

export async function resolveButton(ws: Workspace, name: string): Promise<Resolved> {
  const spec = await readSpec(ws, name);
  const settings = await readSettings(ws);
  const batteries = new Map([...(await loadBatteries(ws))].map(([key, entry]) => [key, entry.value]));
  const prompt = spec.has_prompt ? readPrompt(ws, name) : undefined;
  return { spec, settings, batteries, prompt };
}
