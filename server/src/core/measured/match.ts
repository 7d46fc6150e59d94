// Which call site a measured model call belongs to. In the order the issue of record set, each
// step taken only when it names one call site, never a guess: the code location the span carries,
// a `costlint.call_site` id on the span or its parent, the function the span or its parent names
// when it holds exactly one call site, and the one call site of the span's provider, kind of
// operation and model. What matches none is reported with the reason and what would match it.
import type { RateCards } from '../ratecards';
import type { ContextSpan, ModelSpan } from './otel';

/** A call site as matching sees it (built from a lint run's reports). */
export interface SiteRef {
  /** As the JSON output lists it: the file relative to the run's folder, `::`, the id in the file. */
  id: string;
  /** Relative to the run's folder, `/` separators. */
  file: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** The rate-card provider (`openai`, `anthropic`, `aws-bedrock`, ...). */
  provider: string;
  api: string;
  /** The models it may call: its model and candidates, as written and as their rate-card ids, lower case. */
  models: string[];
  /** The rate-card model its estimate is priced as: what a measured call naming no model is priced as. */
  pricedAs?: string | null;
  /** An image call's price for its images, when its estimate knows it to the cent (size, quality and count known). */
  imageUsd?: number | null;
}

export type MatchedBy = 'location' | 'call-site-id' | 'function' | 'only-site';

export type Match = { site: SiteRef; by: MatchedBy } | { site: null; reason: string; hint: string };

/** The kind of request: what a span's operation and a call site's API have to agree on. */
export type CallKind = 'generation' | 'embeddings' | 'image' | 'rerank';

export function kindOfApi(api: string): CallKind {
  if (/embed/i.test(api)) return 'embeddings';
  if (/^images?\b/.test(api) || /image/i.test(api)) return 'image';
  if (/rerank/.test(api)) return 'rerank';
  return 'generation';
}

export function kindOfOperation(op: string | null): CallKind {
  const o = (op ?? '').toLowerCase();
  if (o.includes('embed')) return 'embeddings';
  if (o.includes('image')) return 'image';
  if (o.includes('rerank')) return 'rerank';
  return 'generation';
}

/** GenAI `gen_ai.provider.name` / `gen_ai.system` values, and instrumentations' own, as the rate cards name providers. */
const PROVIDERS: Record<string, string> = {
  openai: 'openai',
  'azure.ai.openai': 'openai',
  'az.ai.openai': 'openai',
  azure: 'openai',
  aws: 'aws-bedrock',
  az_openai: 'openai',
  'azure.ai.inference': 'azure',
  anthropic: 'anthropic',
  'aws.bedrock': 'aws-bedrock',
  aws_bedrock: 'aws-bedrock',
  bedrock: 'aws-bedrock',
  'gcp.gemini': 'google',
  'gcp.vertex_ai': 'google',
  'gcp.gen_ai': 'google',
  vertex_ai: 'google',
  vertexai: 'google',
  gemini: 'google',
  google: 'google',
  mistral_ai: 'mistral',
  mistralai: 'mistral',
  mistral: 'mistral',
  cohere: 'cohere',
  groq: 'groq',
  deepseek: 'deepseek',
  x_ai: 'xai',
  xai: 'xai',
  together: 'together',
  together_ai: 'together',
  togetherai: 'together',
  fireworks: 'fireworks',
  fireworks_ai: 'fireworks',
  ollama: 'ollama',
  perplexity: 'perplexity',
  zhipuai: 'zhipu',
  zhipu: 'zhipu',
};

export function providerOf(spanProvider: string | null): string | null {
  if (!spanProvider) return null;
  const p = spanProvider.trim().toLowerCase();
  // The AI SDK names a provider with its API (`openai.chat`, `anthropic.messages`).
  return PROVIDERS[p] ?? PROVIDERS[p.split('.')[0]] ?? p;
}

/** The keys a model id compares by: as written (lower case, without a `models/` prefix) and its rate-card id, also without a date suffix. */
export function modelKeys(cards: RateCards, model: string | null | undefined, provider?: string): string[] {
  if (!model) return [];
  const m = model
    .trim()
    .toLowerCase()
    .replace(/^models\//, '');
  const keys = new Set([m]);
  const undated = m.replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/@\d{8}$/, '');
  keys.add(undated);
  for (const id of [m, undated, m.includes('/') ? m.slice(m.lastIndexOf('/') + 1) : null]) {
    if (!id) continue;
    const card = cards.find(id, provider && cards.hasProvider(provider) ? provider : undefined) ?? cards.find(id);
    if (card) keys.add(card.id.toLowerCase());
  }
  return [...keys];
}

const segments = (name: string) => name.split(/[.:#/\\]+|::/).filter(Boolean);

/** The named functions and classes around a call site, from its id (`file::A.b::op`). */
function scopeOf(site: SiteRef): string[] {
  const local = site.id.slice(site.id.indexOf('::') + 2);
  const parts = local.split('::');
  return parts.length > 1 ? segments(parts.slice(0, -1).join('.')) : [];
}

/** Normalized span path: `/` separators, no `./`. */
const normPath = (p: string) =>
  p
    .split('\\')
    .join('/')
    .replace(/^(\.\/)+/, '');

/** True when `spanPath` names `file` (equal, or `file` with a deployment's prefix: `/srv/app/` + `app/bot.py`). */
function pathNames(spanPath: string, file: string): boolean {
  const s = normPath(spanPath);
  return s === file || s.endsWith(`/${file}`);
}

export class SiteMatcher {
  private readonly byFile = new Map<string, SiteRef[]>();
  private readonly scopes = new Map<SiteRef, string[]>();

  constructor(
    readonly sites: SiteRef[],
    private readonly cards: RateCards,
    /** Every file of the project (relative, `/`), with call sites or not: a location in none of them is another service's. */
    private readonly files?: string[],
  ) {
    for (const s of sites) {
      let list = this.byFile.get(s.file);
      if (!list) this.byFile.set(s.file, (list = []));
      list.push(s);
      this.scopes.set(s, scopeOf(s));
    }
  }

  /** The workspace file a span's path names: the longest that it ends with. */
  private fileOf(spanPath: string): string | undefined {
    let best: string | undefined;
    for (const f of this.byFile.keys()) if (pathNames(spanPath, f) && (!best || f.length > best.length)) best = f;
    return best;
  }

  private byLocation(file: string, line: number): SiteRef | undefined {
    const holding = (this.byFile.get(file) ?? []).filter((s) => s.startLine <= line && line <= s.endLine);
    // Calls nested in another's arguments: the innermost holds the line most tightly.
    return holding.sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine))[0];
  }

  private byId(id: string): SiteRef | undefined {
    const exact = this.sites.find((s) => s.id === id);
    if (exact) return exact;
    const at = id.indexOf('::');
    if (at < 0) return undefined;
    const [path, local] = [id.slice(0, at), id.slice(at)];
    const found = this.sites.filter(
      (s) => s.id.endsWith(local) && s.id.length - local.length === s.file.length && (pathNames(path, s.file) || pathNames(s.file, normPath(path))),
    );
    return found.length === 1 ? found[0] : undefined;
  }

  /** The call sites in a function of this name; `elsewhere` when the name's module path excludes every one of them. */
  private byFunction(name: string): SiteRef[] & { elsewhere?: boolean } {
    const fn = segments(name);
    if (!fn.length) return [];
    const found = this.sites.filter((s) => {
      const scope = this.scopes.get(s)!;
      if (!scope.length) return false;
      const k = Math.min(scope.length, fn.length);
      for (let i = 1; i <= k; i++) if (scope[scope.length - i] !== fn[fn.length - i]) return false;
      return true;
    });
    // A qualified name (`app.bot.ChatService.reply`, `com.acme.Svc.reply`) holds only in the module
    // it names: its file (Python, Ruby, JS) or its folder (Java, C#, where the file is the class).
    const inModule: SiteRef[] & { elsewhere?: boolean } = found.filter((s) => {
      const scope = this.scopes.get(s)!;
      const modulePath = fn.slice(0, Math.max(0, fn.length - scope.length));
      if (!modulePath.length) return true;
      const fileSegs = segments(s.file.replace(/\.[^./]+$/, ''));
      const endsWith = (segs: string[]) => segs.length >= modulePath.length && modulePath.every((seg, i) => segs[segs.length - modulePath.length + i] === seg);
      return endsWith(fileSegs) || endsWith(fileSegs.slice(0, -1));
    });
    if (found.length && !inModule.length) inModule.elsewhere = true;
    return inModule;
  }

  /** The call sites that may have made a call of this provider, kind and model. */
  candidates(span: ModelSpan): SiteRef[] {
    const keys = this.keysOf(span);
    return this.sites.filter((s) => this.compatible(span, s) && s.models.some((m) => keys.has(m)));
  }

  private keysOf(span: ModelSpan): Set<string> {
    const provider = providerOf(span.provider) ?? undefined;
    return new Set([...modelKeys(this.cards, span.requestModel, provider), ...modelKeys(this.cards, span.responseModel, provider)]);
  }

  /**
   * Could this call site have made the span's call: the same provider (when the span names one),
   * the same kind of request, and, when both name models, one in common.
   */
  compatible(span: ModelSpan, site: SiteRef): boolean {
    const provider = providerOf(span.provider);
    if (provider !== null && site.provider !== provider) return false;
    if (kindOfApi(site.api) !== kindOfOperation(span.operation)) return false;
    const keys = this.keysOf(span);
    return !keys.size || !site.models.length || site.models.some((m) => keys.has(m));
  }

  /** Which call site the span belongs to; `parent` is its parent span when that carries a function or call-site id. */
  match(span: ModelSpan, parent: ContextSpan | undefined): Match {
    const tried: string[] = [];
    if (span.file) {
      const file = this.fileOf(span.file);
      // A location in no file of this project is another service's call: never given to a call site here.
      if (!file && this.files && !this.files.some((f) => pathNames(span.file!, f))) {
        return {
          site: null,
          reason: `its code location ${span.file} is not a file of this project`,
          hint: "another service made them: import its spans in its repository (or, if the path is this project's, check it)",
        };
      }
      if (!file) tried.push(`its code location ${span.file} holds no call site`);
      else if (span.line === null) tried.push(`its code location ${file} has no line`);
      else {
        const site = this.byLocation(file, span.line);
        if (site) return { site, by: 'location' };
        tried.push(`no call site of ${file} holds line ${span.line}`);
      }
    }
    // The span's own call-site id is the team's word for it; a parent's may be around other calls
    // too (an embedding before the chat call), so it names the call only when the two agree.
    for (const [id, own] of [
      [span.callSite, true],
      [parent?.callSite, false],
    ] as const) {
      if (!id) continue;
      const site = this.byId(id);
      if (site && (own || this.compatible(span, site))) return { site, by: 'call-site-id' };
      tried.push(
        site
          ? `costlint.call_site \`${id}\` on its parent is a ${site.provider} ${kindOfApi(site.api)} call, not this one`
          : `costlint.call_site \`${id}\` names no call site here`,
      );
    }
    for (const name of [span.function, parent?.function]) {
      if (!name) continue;
      const inFunction = this.byFunction(name);
      // `billing.invoices.summarize` where this project's `summarize` is app/bot.py's: another service's call.
      if (inFunction.elsewhere)
        return {
          site: null,
          reason: `function \`${name}\` is in a module this project does not have`,
          hint: 'another service made them: import its spans in its repository',
        };
      const found = inFunction.filter((s) => this.compatible(span, s));
      if (found.length === 1) return { site: found[0], by: 'function' };
      tried.push(
        found.length
          ? `function \`${name}\` holds ${found.length} call sites of this kind`
          : inFunction.length
            ? `function \`${name}\` holds no call of this provider, kind and model`
            : `no call site is in a function \`${name}\``,
      );
    }
    const model = span.requestModel ?? span.responseModel ?? 'an unnamed model';
    const what = `${model} ${kindOfOperation(span.operation) === 'generation' ? (span.operation ?? 'chat') : kindOfOperation(span.operation)}`;
    const candidates = this.candidates(span);
    if (candidates.length === 1) return { site: candidates[0], by: 'only-site' };
    const before = tried.length ? `${tried.join('; ')}; ` : '';
    if (!candidates.length) {
      const located = span.file !== null;
      return {
        site: null,
        reason: `${before}no call site here calls ${what}${span.provider ? ` (${span.provider})` : ''}`,
        hint: located
          ? 'their code location is not a call site costlint finds here: run the import in the repository of the service that made them, or, if it is this one, check the path (a deployment prefix is fine) and the line'
          : 'if this code makes them (a model chosen at run time, a client costlint does not follow), add code.* attributes or costlint.call_site to the spans; if another service does, import its spans in its repository',
      };
    }
    return {
      site: null,
      reason: `${before}${candidates.length} call sites call ${what}`,
      hint: `add code.* attributes (code.file.path, code.line.number) to the spans, or costlint.call_site with the call site's id (${candidates
        .slice(0, 3)
        .map((c) => c.id)
        .join(', ')}${candidates.length > 3 ? ', ...' : ''})`,
    };
  }
}
