/** A script that prints one JSON object or array gets it back as structured `output`. */
export function parseJsonOutput(stdout: string): unknown {
  const trimmed = stdout.trim();
  const first = trimmed[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}
