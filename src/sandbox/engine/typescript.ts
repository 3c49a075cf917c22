/** TypeScript to JavaScript by Node's own type stripping; enums and namespaces fall back to its transform mode. */
import module from 'node:module';

const TS_FILE = /\.(ts|mts|cts)$/i;

export function isTypeScript(path: string): boolean {
  return TS_FILE.test(path);
}

/** Node warns that the API is experimental; that notice is for developers of this tool, not its users. */
function quietly<T>(fn: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = (warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (!text.includes('stripTypeScriptTypes'))
      (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  };
  try {
    return fn();
  } finally {
    process.emitWarning = emit;
  }
}

export function stripTypes(code: string): string {
  return quietly(() => {
    try {
      return module.stripTypeScriptTypes(code, { mode: 'strip' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') throw error;
      return module.stripTypeScriptTypes(code, { mode: 'transform' });
    }
  });
}
