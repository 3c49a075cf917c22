/**
 * ES modules for the isolate: the host resolves every specifier and reads every file (through the
 * program's read policy); `buttons:*`/`bua:*` are built in; anything else (`node:fs`, bare names) is refused.
 */
import { dirname, extname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type ivm from 'isolated-vm';
import { builtinName, builtinSource } from './builtin-modules.ts';
import { guestError } from './replies.ts';
import { isTypeScript, stripTypes } from './typescript.ts';

/** Reads a module file by absolute path; undefined when there is no such file. Throws when refused. */
export type ReadModule = (path: string) => string | undefined;

/** Turns TypeScript into JavaScript (a run may cache it); the default strips types every time. */
export type StripTypes = (code: string) => string;

/** Tried, in order, for a specifier without an extension. */
const CANDIDATE_SUFFIXES = ['.ts', '.js', '.mts', '.mjs', '/index.ts', '/index.js'];

const SYNC_COMPILE_CHARS = 64 * 1024;

export class ModuleLoader {
  private readonly isolate: ivm.Isolate;
  private readonly read: ReadModule;
  private readonly strip: StripTypes;
  private readonly byPath = new Map<string, Promise<ivm.Module>>();
  private readonly pathOf = new WeakMap<ivm.Module, string>();

  constructor(isolate: ivm.Isolate, read: ReadModule, strip: StripTypes = stripTypes) {
    this.isolate = isolate;
    this.read = read;
    this.strip = strip;
  }

  /**
   * Compiles the entry and its whole import graph, resolving every import first; then instantiates it
   * in one synchronous step whose resolver only looks up what was already resolved (it cannot throw, so
   * nothing is left half-linked, and no thread hand-off is paid per module).
   */
  async link(context: ivm.Context, entryPath: string): Promise<ivm.Module> {
    const entry = await this.load(entryPath, entryPath);
    const imports = new Map<ivm.Module, Map<string, ivm.Module>>();
    const queue = [entry];
    for (let module = queue.pop(); module; module = queue.pop()) {
      if (imports.has(module)) continue;
      const resolved = new Map<string, ivm.Module>();
      imports.set(module, resolved);
      for (const specifier of module.dependencySpecifiers) {
        const target = await this.resolve(specifier, module);
        resolved.set(specifier, target);
        queue.push(target);
      }
    }
    entry.instantiateSync(context, (specifier, referrer) => {
      const target = imports.get(referrer)?.get(specifier);
      if (!target) throw new Error(`unresolved import "${specifier}"`);
      return target;
    });
    return entry;
  }

  private async resolve(specifier: string, referrer: ivm.Module): Promise<ivm.Module> {
    const builtin = builtinName(specifier);
    if (builtin !== undefined)
      return this.cached(`buttons:${builtin}`, () =>
        this.compile(`buttons:${builtin}`, builtinSource(builtin)),
      );
    const from = this.pathOf.get(referrer) ?? '/';
    if (specifier.startsWith('file://')) return this.load(fileURLToPath(specifier), specifier);
    if (specifier.startsWith('./') || specifier.startsWith('../') || isAbsolute(specifier)) {
      return this.load(isAbsolute(specifier) ? specifier : join(dirname(from), specifier), specifier);
    }
    const hint = /^(node:)?(fs|path|child_process|os|net|http|https|process)(\/|$)/.test(specifier)
      ? ' (use buttons:fs, buttons:run, buttons:env or fetch instead)'
      : '';
    throw guestError(
      'Error',
      `cannot import "${specifier}": only relative paths and buttons:* modules load in the sandbox${hint}`,
      'MODULE_NOT_FOUND',
    );
  }

  private async load(path: string, specifier: string): Promise<ivm.Module> {
    for (const suffix of extname(path) === '' ? CANDIDATE_SUFFIXES : ['']) {
      const candidate = path + suffix;
      const cached = this.byPath.get(candidate);
      if (cached) return cached;
      const code = this.read(candidate);
      if (code !== undefined)
        return this.cached(candidate, async () => this.compile(candidate, this.moduleCode(candidate, code)));
    }
    throw guestError('Error', `cannot find module "${specifier}"`, 'MODULE_NOT_FOUND');
  }

  private cached(key: string, make: () => Promise<ivm.Module>): Promise<ivm.Module> {
    let module = this.byPath.get(key);
    if (!module) {
      module = make();
      this.byPath.set(key, module);
    }
    return module;
  }

  private moduleCode(path: string, text: string): string {
    if (extname(path).toLowerCase() === '.json') return jsonModule(text);
    return isTypeScript(path) ? this.strip(text) : text;
  }

  private async compile(path: string, code: string): Promise<ivm.Module> {
    // Small modules compile right here, sparing a hand-off to the isolate's thread; big ones compile
    // there, so a warm host keeps serving other runs meanwhile.
    const module =
      code.length <= SYNC_COMPILE_CHARS
        ? this.isolate.compileModuleSync(code, { filename: path })
        : await this.isolate.compileModule(code, { filename: path });
    this.pathOf.set(module, path);
    return module;
  }
}

function jsonModule(text: string): string {
  return `export default JSON.parse(${JSON.stringify(text)});`;
}
