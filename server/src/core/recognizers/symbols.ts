// What an expression is, as far as SDK detection cares: an SDK module, a client class,
// or a client (or a resource below it, e.g. `client.chat.completions`). Both recognizers
// resolve expressions to these through imports and bindings, then ask the catalogue
// whether the method path is an operation.
import type { SdkSpec } from '../catalogue';
import { CATALOGUE } from '../catalogue';
import { staticString, type ObjVal } from './values';

/** Where a client sends requests, from its constructor's base URL option. */
export interface ClientEndpoint {
  /** The URL, or null when it is only known at run time. */
  url: string | null;
  expression: string;
  /** True when url is the default of a run-time value (`process.env.BASE_URL ?? '...'`). */
  fromDefault?: boolean;
}

export type Sym =
  | { kind: 'module'; sdk: SdkSpec; classes: readonly string[]; defaultClass?: string; defaultIsClient?: boolean; moduleIsClient: boolean }
  | { kind: 'class'; sdk: SdkSpec; name: string }
  | { kind: 'client'; sdk: SdkSpec; path: readonly string[]; cls?: string; endpoint?: ClientEndpoint };

/**
 * The SDK package, or one of its submodules (`openai.lib.azure`, `openai._client`), which export
 * the same classes. `exact` matches the package only (`from google import genai`).
 */
export function pythonModule(moduleName: string, exact = false): Sym | undefined {
  for (const sdk of CATALOGUE) {
    const pkg = sdk.python.find((p) => p.module === moduleName || (!exact && moduleName.startsWith(`${p.module}.`)));
    // Only the package itself doubles as a client (`openai.chat.completions.create`).
    if (pkg) return { kind: 'module', sdk, classes: pkg.classes, moduleIsClient: pkg.moduleIsClient === true && pkg.module === moduleName };
  }
  return undefined;
}

/** The SDK package or one of its subpaths (`openai/index`), which re-export the client. */
export function jsModule(moduleName: string): Sym | undefined {
  for (const sdk of CATALOGUE) {
    const pkg = sdk.js.find((p) => p.module === moduleName || moduleName.startsWith(`${p.module}/`));
    if (pkg) return { kind: 'module', sdk, classes: pkg.classes, defaultClass: pkg.defaultExport, defaultIsClient: pkg.defaultIsClient, moduleIsClient: false };
  }
  return undefined;
}

/** `import X from 'openai'` / `const X = require('openai')`: the default export. */
export function defaultExport(mod: Sym | undefined): Sym | undefined {
  if (mod?.kind === 'module' && mod.defaultIsClient) return { kind: 'client', sdk: mod.sdk, path: [] };
  if (mod?.kind !== 'module' || !mod.defaultClass) return undefined;
  return { kind: 'class', sdk: mod.sdk, name: mod.defaultClass };
}

/** `sym.name` */
export function member(sym: Sym | undefined, name: string): Sym | undefined {
  if (!sym) return undefined;
  switch (sym.kind) {
    case 'module':
      if (sym.classes.includes(name)) return { kind: 'class', sdk: sym.sdk, name };
      if (name === 'default' && sym.defaultClass) return { kind: 'class', sdk: sym.sdk, name: sym.defaultClass };
      return sym.moduleIsClient ? { kind: 'client', sdk: sym.sdk, path: [name] } : undefined;
    case 'class': {
      // The JS default export also carries the named classes (`OpenAI.AzureOpenAI`, `OpenAI.default`).
      const all = [...sym.sdk.js.flatMap((p) => p.classes), ...sym.sdk.python.flatMap((p) => p.classes)];
      if (all.includes(name)) return { kind: 'class', sdk: sym.sdk, name };
      if (name === 'default') return sym;
      return undefined;
    }
    case 'client':
      if (sym.sdk.deriveProperties.includes(name)) return sym;
      return { ...sym, path: [...sym.path, name] };
  }
}

/** The client a call is made on: a client, or a module that doubles as one (`litellm.completion`). */
export function asClient(sym: Sym | undefined): Extract<Sym, { kind: 'client' }> | undefined {
  if (sym?.kind === 'client') return sym;
  if (sym?.kind === 'module' && sym.moduleIsClient) return { kind: 'client', sdk: sym.sdk, path: [] };
  return undefined;
}

/** `new Sym(...)` or `Sym(...)`; `endpoint` when the constructor sets a base URL. */
export function construct(sym: Sym | undefined, endpoint?: ClientEndpoint): Sym | undefined {
  if (sym?.kind !== 'class') return undefined;
  return { kind: 'client', sdk: sym.sdk, path: [], cls: sym.name, ...(endpoint ? { endpoint } : {}) };
}

/** The endpoint a client's constructor options give: a base URL option, or spread options that may hold one. */
export function endpointFromOptions(sdk: SdkSpec, options: ObjVal | undefined): ClientEndpoint | undefined {
  if (!options) return undefined;
  for (const name of sdk.baseUrlOptions) {
    const v = options.props.get(name);
    if (!v || v.kind === 'null') continue;
    const url = staticString(v);
    if (url !== undefined) return { url, expression: v.text };
    const fallback = v.kind === 'unknown' && v.default ? staticString(v.default) : undefined;
    return fallback !== undefined ? { url: fallback, expression: v.text, fromDefault: true } : { url: null, expression: v.text };
  }
  return options.open.length ? { url: null, expression: options.open.join(', ') } : undefined;
}

/** `receiver.method(...)` where the method returns the same client (`with_options`). */
export function deriveCall(receiver: Sym | undefined, method: string): Sym | undefined {
  if (receiver?.kind === 'client' && receiver.sdk.deriveMethods.includes(method)) return receiver;
  return undefined;
}
