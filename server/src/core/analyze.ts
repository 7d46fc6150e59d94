// The analysis core's entry point: source text in, plain data out. Used by the language
// server, the CLI and the tests alike. Nothing here imports vscode or LSP libraries.
import type ts from 'typescript';
import { Language as TSLanguage, Parser, type Tree } from 'web-tree-sitter';
import { buildCallSite, type BuiltCall, type PackageVersions } from './callsite';
import { buildWithCandidates } from './candidates';
import { promptFileCall } from './promptfile';
import { modelParamsOf, type OperationSpec, type SdkSpec } from './catalogue';
import { mayCallSdk, operationCallsUpTo } from './prefilter';
export { mayCallSdk, mayNameSdk } from './prefilter';
import type { RateCards } from './ratecards';
import type { TreeSitterRecognizer } from './recognizers/modelfile';
import { TREE_SITTER_RECOGNIZERS } from './recognizers';
import { LANGUAGE_IDS, LANGUAGES, TREE_SITTER_LANGUAGES } from './languages';
import { PythonRecognizer } from './recognizers/python';
import { isJsLanguage, tsRecognizer } from './jslanguage';
import type { ImportHost } from './workspace';
import { ModuleLookups, type WholeModuleReader } from './imports';
import { staticString, TooManyCalls, type RawCall } from './recognizers/values';
import { RULES, type Rule, type RuleFinding } from './rules';
import { applySuppressions, findSuppressions, SUPPRESSION_MARKER, type Suppression } from './suppressions';
import { allFindings, holds, prefixJoinOf } from './prefixes';
import { LineIndex, textHash } from './text';
import { staticPrefix } from './rules/uncached-prefix';
import { fixAllEdits, frontMatterCheck, treeSitterCheck, type FixCheck } from './fixcheck';
import { measuredFor } from './measured/apply';
import { applyFixCheck, sharedEdits } from './fixsafety';
import {
  DEFAULT_SETTINGS,
  PROMPT_FILE_LANGUAGES,
  type AnalysisError,
  type AnalysisResult,
  type AnalysisSettings,
  type CallSite,
  type Finding,
  type Language,
  type PartSource,
  type PrefixCandidate,
  type PromptConstant,
  type Range,
} from './types';

export interface AnalyzerOptions {
  rateCards: RateCards;
  /** web-tree-sitter's runtime (web-tree-sitter.wasm) and the Python grammar (tree-sitter-python.wasm). */
  treeSitterWasm: string | Uint8Array;
  pythonGrammarWasm: string | Uint8Array;
  /** Grammars of the other tree-sitter languages (@vscode/tree-sitter-wasm). A language without one is skipped with a message. */
  grammarWasm?: Partial<Record<TreeSitterLanguage, string | Uint8Array>>;
}

export interface SourceInput {
  text: string;
  language: Language;
  /**
   * Dependency versions from the file's nearest package.json (`{ ai: '^5.0.0' }`), when the host
   * knows them: SDKs whose parameters changed between versions are read by the right one.
   */
  packages?: PackageVersions;
  /** The file's path, for resolving its imports of other workspace modules through `host`. */
  path?: string;
  /** Resolves imports to workspace files: clients and constants defined in one module, used in another. */
  host?: ImportHost;
  /**
   * A name for the document this text is a version of (the language server passes its URI): the
   * analyzer keeps its syntax tree, and the next text of the same document is parsed incrementally
   * (only what the edit touched). Trees of the least recently analyzed documents are dropped.
   */
  document?: string;
  /**
   * Leaves the re-parse of the fixes (`fixcheck.ts`) for when they are offered: the result says
   * `fixesUnchecked` and the host calls `checkFixes` first. The language server analyzes on every
   * edit and offers fixes only when asked for code actions; the CLI checks them at once.
   */
  deferFixCheck?: boolean;
  /**
   * The caller found that the file reaches no SDK module through its imports, and has no other way in
   * (the CLI's import graph, host/importgraph.ts), or that it fails the text prefilter (`mayCallSdk`
   * with an import host, as here): it is read as a file naming none, unparsed unless a suppression
   * comment in it has to be checked.
   */
  reachesNoSdk?: boolean;
}

/** Languages recognized by the tree-sitter recognizers of `scoped.ts`'s family (the registry says which). */
export type TreeSitterLanguage = keyof typeof TREE_SITTER_RECOGNIZERS;
function isTreeSitterLanguage(l: Language): l is TreeSitterLanguage {
  return TREE_SITTER_LANGUAGES.includes(l) && l in TREE_SITTER_RECOGNIZERS;
}
/** Documents whose syntax trees are kept for incremental parsing (see `SourceInput.document`). */
const MAX_KEPT_TREES = 16;
/** The rules whose fix replaces the model id. */
const MODEL_FIXES = new Set(['retired-model', 'unknown-model']);
/**
 * One rule's findings on a call and its candidates: one per message, and one per edited place (the candidates'
 * `max_tokens` limits): the smallest number written there, the limit every candidate takes.
 */
function strictest(found: RuleFinding[]): RuleFinding[] {
  const byMessage = [...new Map(found.map((f) => [f.message, f])).values()];
  const byPlace = new Map<string, RuleFinding>();
  const out: RuleFinding[] = [];
  for (const f of byMessage) {
    const place = f.fix ? f.fix.edits.map((e) => `${e.span.start}:${e.span.end}`).join(',') : undefined;
    if (!place) {
      out.push(f);
      continue;
    }
    const had = byPlace.get(place);
    const n = (x: RuleFinding) => Number(x.fix!.edits[0].newText);
    if (!had) {
      byPlace.set(place, f);
      out.push(f);
    } else if (Number.isFinite(n(f)) && Number.isFinite(n(had)) && n(f) < n(had)) {
      out[out.indexOf(had)] = f;
      byPlace.set(place, f);
    }
  }
  return out;
}
/** The rules that judge the model a call sends: with a model chosen at run time among a few, each candidate is judged (candidates.ts). */
const PER_CANDIDATE = new Set([
  'retired-model',
  'unknown-model',
  'cap-exceeds-model-limit',
  'prompt-exceeds-context',
  'thinking-budget-invalid',
  'unsupported-cap-param',
]);
type KeptTree = { language: Language; text: string } & ({ tree: Tree } | { sf: ts.SourceFile });

/** A file may call operation-named methods this many times per SDK call it may have (`maxCallSites`) before it is skipped unparsed. */
const CANDIDATES_PER_CALL_SITE = 4;

/** The language of a file by its extension, or null when costlint does not analyze it (the registry, languages/). */
export { languageOfPath } from './languages';

/** Every language costlint analyzes. */
export const SUPPORTED_LANGUAGES: readonly Language[] = LANGUAGE_IDS;

/** Why a text should not be analyzed (binary data, too large), or null when it is fine. */
export function unreadableReason(text: string, maxFileSize: number): string | null {
  const probe = text.length > 8192 ? text.slice(0, 8192) : text;
  if (probe.includes('\u0000')) return 'binary file (contains NUL bytes): skipped';
  if (text.length > maxFileSize) {
    return `file is ${(text.length / 1e6).toFixed(1)} MB, above the ${(maxFileSize / 1e6).toFixed(1)} MB analysis limit: skipped`;
  }
  return null;
}

/**
 * Whether the analysis of a file reaching no SDK (`reachesNoSdk`) reads its text: a prompt template is
 * its own call site, and a text may say why it is not analyzed (`unreadableReason`) or hold suppression
 * comments (one left unused is reported). Otherwise its result is the empty one, whatever the text.
 */
export function textMattersWithoutSdk(text: string, language: Language | null, maxFileSize: number): boolean {
  return (language !== null && PROMPT_FILE_LANGUAGES.includes(language)) || text.includes(SUPPRESSION_MARKER) || unreadableReason(text, maxFileSize) !== null;
}

export class Analyzer {
  /** Other modules' exports, as the files analyzed import them. */
  private readonly lookups = new ModuleLookups(
    (language) => this.moduleReader(language),
    (text) => unreadableReason(text, DEFAULT_SETTINGS.maxFileSize) !== null,
  );
  private python: PythonRecognizer | null = null;
  private readonly others: Partial<Record<TreeSitterLanguage, TreeSitterRecognizer>> = {};
  private runtime: Promise<void> | null = null;
  private readonly loading = new Map<string, Promise<void>>();
  private readonly kept = new Map<string, KeptTree>();
  private readonly parsers = new Map<Language, Parser>();

  private constructor(
    readonly rateCards: RateCards,
    private readonly options: AnalyzerOptions,
  ) {}

  /**
   * An analyzer with its rate cards. Grammars load when `prepare` is called for a language; with
   * `lazy` false (the default) every grammar is loaded here, as the CLI and the tests want. The
   * language server passes `lazy: true`: a TypeScript-only workspace then never loads WebAssembly.
   */
  static async create(options: AnalyzerOptions, lazy = false): Promise<Analyzer> {
    const a = new Analyzer(options.rateCards, options);
    if (!lazy) await Promise.all(LANGUAGES.filter((l) => l.grammar).map((l) => a.prepare(l.id)));
    return a;
  }

  /** Loads what analyzing `language` needs (its tree-sitter grammar), once; nothing for TS/JS and prompt files. */
  prepare(language: Language): Promise<void> {
    if (language !== 'python' && !isTreeSitterLanguage(language)) return Promise.resolve();
    let p = this.loading.get(language);
    if (!p) {
      p = this.load(language);
      this.loading.set(language, p);
    }
    return p;
  }

  /** True when `language` can be analyzed now (its grammar is loaded, or it needs none). */
  ready(language: Language): boolean {
    if (language === 'python') return this.python !== null;
    if (isTreeSitterLanguage(language)) return this.others[language] !== undefined || !this.options.grammarWasm?.[language];
    return true;
  }

  private async load(language: Language): Promise<void> {
    const runtime = this.options.treeSitterWasm;
    this.runtime ??= Parser.init(typeof runtime === 'string' ? { locateFile: () => runtime } : { wasmBinary: runtime as unknown as ArrayBuffer });
    await this.runtime;
    const parserFor = async (wasm: string | Uint8Array): Promise<Parser> => {
      const parser = new Parser();
      parser.setLanguage(await TSLanguage.load(wasm));
      // The same parser re-parses what a fix makes of a file (fixcheck.ts).
      this.parsers.set(language, parser);
      return parser;
    };
    if (language === 'python') {
      this.python = new PythonRecognizer(await parserFor(this.options.pythonGrammarWasm));
      return;
    }
    const wasm = this.options.grammarWasm?.[language as TreeSitterLanguage];
    if (wasm) this.others[language as TreeSitterLanguage] = TREE_SITTER_RECOGNIZERS[language as TreeSitterLanguage](await parserFor(wasm));
  }

  /** How a module of `language` gives its exports, when it is read whole (not JavaScript or TypeScript) and its grammar is loaded. */
  private moduleReader(language: Language): WholeModuleReader | undefined {
    const python = language === 'python' ? this.python : null;
    if (python) return { exports: (src, ctx) => python.exports(src.text, ctx), member: (src, ctx, name) => python.memberExport(src.text, ctx, name) };
    const other = isTreeSitterLanguage(language) ? this.others[language] : undefined;
    return other && { exports: (src, ctx) => other.exports(src.text, ctx) };
  }

  analyze(input: SourceInput, settings: Partial<AnalysisSettings> = {}): AnalysisResult {
    const s: AnalysisSettings = { ...DEFAULT_SETTINGS, ...settings };
    const result: AnalysisResult = { language: input.language, callSites: [], findings: [], skipped: null, errors: [] };
    const reason = unreadableReason(input.text, s.maxFileSize);
    if (reason) {
      result.skipped = reason;
      return result;
    }
    // Cheap prefilter: a file that never names an SDK module cannot import one.
    // A prompt template file is its own call site, read from its front matter and body.
    if (PROMPT_FILE_LANGUAGES.includes(input.language)) {
      try {
        const call = promptFileCall(input.text);
        if (call && 'error' in call) result.skipped = `${call.error}: skipped`;
        else if (call) this.evaluate([{ ...call.raw, notes: call.notes }], input, s, result, frontMatterCheck(input.text));
      } catch (e) {
        fail(result.errors, 'promptfile', e);
      }
      return result;
    }
    // With a host, a file may use a client imported from another module without naming the SDK:
    // it passes when it calls a method named like an operation.
    if (input.reachesNoSdk || !mayCallSdk(input.text, input.host !== undefined, input.language)) {
      // No calls here, but a suppression comment left behind still has to be reported as unused.
      if (input.text.includes(SUPPRESSION_MARKER)) {
        // Nothing was parsed: the file is, to tell its comments from its strings, and the fixes
        // (removing a stale comment) are checked on that parse.
        const parser = this.parsers.get(input.language);
        const tree = parser?.parse(input.text) ?? null;
        try {
          const sf = !tree && isJsLanguage(input.language) ? tsRecognizer().parseTypeScript(input.text, input.language) : undefined;
          this.evaluate(
            [],
            { ...input, deferFixCheck: true },
            s,
            result,
            undefined,
            tree ? treeSitterComments(tree) : sf ? tsRecognizer().typeScriptComments(sf) : undefined,
          );
        } finally {
          tree?.delete();
        }
        if (!input.deferFixCheck) this.checkFixes(input, result);
      }
      return result;
    }

    // A budget on the work: a file calling operation-named methods many thousand times (generated
    // code, test data) is skipped before it is parsed, saying so; the SDK calls found are bounded below.
    const candidates = operationCallsUpTo(input.text, input.language, s.maxCallSites * CANDIDATES_PER_CALL_SITE);
    if (candidates > s.maxCallSites * CANDIDATES_PER_CALL_SITE) {
      result.skipped = `more than ${(s.maxCallSites * CANDIDATES_PER_CALL_SITE).toLocaleString('en-US')} calls of methods named like SDK operations (\`create(\`, \`invoke(\`...), more than a file may have for analysis (generated code or test data?): skipped`;
      return result;
    }
    let raws: RawCall[] = [];
    const ctx = input.host && input.path ? this.lookups.context(input.host, input.path, input.language, 0) : undefined;
    // The document's previous tree, taken out of the cache: it is reused (and consumed) by this parse.
    const previous = input.document ? this.takeTree(input.document, input.language) : undefined;
    let tree: Tree | null = null;
    let sf: ts.SourceFile | undefined;
    try {
      if (input.language === 'python') {
        if (!this.python) {
          result.skipped = 'the Python grammar is not loaded yet (the host calls prepare): skipped';
          return result;
        }
        let tooMany: number | undefined;
        ({ calls: raws, tree, tooMany } = this.python.recognize(input.text, ctx, previous && 'tree' in previous ? previous : undefined, s.maxCallSites));
        if (tooMany !== undefined) throw new TooManyCalls(tooMany);
      } else if (isTreeSitterLanguage(input.language)) {
        const recognizer = this.others[input.language];
        if (!recognizer) {
          result.skipped = this.options.grammarWasm?.[input.language]
            ? `the ${input.language} grammar is not loaded yet (the host calls prepare): skipped`
            : `no ${input.language} grammar loaded: skipped`;
          return result;
        }
        let tooMany: number | undefined;
        ({ calls: raws, tree, tooMany } = recognizer.recognize(input.text, previous && 'tree' in previous ? previous : undefined, s.maxCallSites, ctx));
        if (tooMany !== undefined) throw new TooManyCalls(tooMany);
      } else if (isJsLanguage(input.language))
        ({ calls: raws, sf } = tsRecognizer().recognizeTypeScript(
          input.text,
          input.language,
          ctx,
          previous && 'sf' in previous ? previous : undefined,
          s.maxCallSites,
        ));
    } catch (e) {
      // Code nested deeper than the stack allows (thousands of brackets, generated data) is not a
      // recognizer failure: the file is skipped, and says why.
      if (e instanceof RangeError && /call stack/i.test(e.message)) result.skipped = 'nesting too deep to analyze (deeper than the call stack allows): skipped';
      // Thousands of calls (generated code, test data): every edit would take seconds.
      else if (e instanceof TooManyCalls) {
        result.skipped = `more than ${e.limit.toLocaleString('en-US')} SDK calls, the most a file may have for analysis (generated code or test data?): skipped`;
        // The tree stays for the next edit's parse.
        if (input.document && tree) this.keepTree(input.document, { language: input.language, text: input.text, tree });
        else tree?.delete();
      } else fail(result.errors, `recognizer:${input.language}`, e);
      return result;
    }
    try {
      const parser = this.parsers.get(input.language);
      const check =
        tree && parser
          ? treeSitterCheck(parser, input.text, tree)
          : sf
            ? tsRecognizer().typeScriptCheck(input.text, sf, input.language.endsWith('react'))
            : undefined;
      this.evaluate(raws, input, s, result, check, tree ? treeSitterComments(tree) : sf ? tsRecognizer().typeScriptComments(sf) : undefined);
    } finally {
      // The fixes have read the tree: it is kept for the document's next parse, or freed.
      if (input.document && (tree || sf))
        this.keepTree(input.document, tree ? { language: input.language, text: input.text, tree } : { language: input.language, text: input.text, sf: sf! });
      else tree?.delete();
    }
    if (ctx?.dependencies.size) result.dependencies = [...ctx.dependencies].sort();
    return result;
  }

  private takeTree(document: string, language: Language): KeptTree | undefined {
    const k = this.kept.get(document);
    if (!k) return undefined;
    this.kept.delete(document);
    if (k.language === language) return k;
    if ('tree' in k) k.tree.delete();
    return undefined;
  }

  private keepTree(document: string, k: KeptTree): void {
    this.kept.set(document, k);
    if (this.kept.size > MAX_KEPT_TREES) {
      const [oldest, dropped] = this.kept.entries().next().value!;
      this.kept.delete(oldest);
      if ('tree' in dropped) dropped.tree.delete();
    }
  }

  /** The documents whose syntax trees are kept, least recently analyzed first. */
  keptDocuments(): string[] {
    return [...this.kept.keys()];
  }

  /**
   * Files changed since they were read (edited, or changed on disk): what other modules' exports were
   * computed from them is computed again (`ModuleLookups.changed`). The host says when.
   */
  modulesChanged(paths: readonly string[]): void {
    this.lookups.changed(paths);
  }

  /** Forgets a document's syntax tree (it was closed). */
  forget(document: string): void {
    const k = this.kept.get(document);
    this.kept.delete(document);
    if (k && 'tree' in k) k.tree.delete();
  }

  /**
   * The edits that apply every safe fix of an analysis of `input.text` at once (the editor's
   * `source.fixAll`): deduplicated, without overlaps, and parsed together before anything is
   * applied; a fix that breaks the file in combination is left out.
   */
  fixAll(
    input: Pick<SourceInput, 'text' | 'language' | 'document'>,
    findings: readonly Finding[],
  ): { span: { start: number; end: number }; newText: string }[] {
    const fixes = findings.filter((f) => f.fix?.safety === 'safe').map((f) => f.fix!.edits.map((e) => ({ span: e.span, newText: e.newText })));
    if (!fixes.length) return [];
    return this.withFixCheck(input, (check) => fixAllEdits(fixes, check));
  }

  /**
   * Call sites, findings and fixes from a recognizer's calls. `check` re-parses what each fix
   * would make of the file: a fix that adds syntax errors is dropped, and the analysis says so.
   */
  private evaluate(
    raws: RawCall[],
    input: SourceInput,
    s: AnalysisSettings,
    result: AnalysisResult,
    check?: FixCheck,
    comments?: (offset: number) => boolean,
  ): void {
    const lines = new LineIndex(input.text);
    const today = s.today ?? new Date().toISOString().slice(0, 10);
    const built: BuiltCall[] = [];
    for (const raw of raws) {
      const { sdk, op } = raw;
      // Free calls (messages.count_tokens) and reads of existing output are not call sites.
      if (!op.billed || op.notBilledWith?.some((p) => raw.args.props.has(p))) continue;
      // A test double's model (`new MockLanguageModelV2()`) sends nothing.
      if (isMockModel(raw, sdk, op)) continue;
      try {
        built.push(
          buildWithCandidates(raw, (r) => buildCallSite(r, r.sdk, r.op, input.language, s.rateCards ?? this.rateCards, lines, today, input.packages, s)),
        );
      } catch (e) {
        fail(result.errors, 'estimate', e);
      }
    }
    result.callSites = built.map((b) => b.site);
    // The n-th call of an operation in one function is told apart by its ordinal.
    const seen = new Map<string, number>();
    for (const site of result.callSites) {
      const n = (seen.get(site.id) ?? 0) + 1;
      seen.set(site.id, n);
      if (n > 1) site.id = `${site.id}[${n}]`;
    }
    for (const site of result.callSites) {
      const feature = s.featureById?.[site.id] ?? s.feature;
      if (feature) site.feature = feature;
      if (s.owners?.length) site.owners = s.owners;
      const m = s.measuredById?.[site.id];
      if (m) {
        site.measured = measuredFor(m, site, today);
        site.usage = { callsPerMonth: site.measured.callsPerMonth, key: m.file, source: 'measured' };
        continue;
      }
      const u = s.callsPerMonthById?.[site.id] ?? s.callsPerMonth;
      if (u) site.usage = { callsPerMonth: u.calls, key: u.key };
    }
    // Cacheable static prefixes, keyed for comparison across the workspace's files.
    for (const b of built) {
      const min = b.model?.minCacheableTokens;
      const prefix = min ? staticPrefix(b) : null;
      if (prefix && prefix.tokens >= min!) b.site.cacheablePrefix = { key: `${b.model!.id}:${textHash(prefix.text)}`, tokens: prefix.tokens };
    }
    const constants = promptConstantsOf(result.callSites);
    if (constants.length) result.promptConstants = constants;

    const toFinding = (ruleId: string, severity: Finding['severity'], f: RuleFinding): Finding => ({
      rule: ruleId,
      severity,
      message: f.message,
      span: f.span,
      range: lines.range(f.span),
      fix: f.fix && {
        title: f.fix.title,
        safety: f.fix.safety,
        edits: f.fix.edits.map((e) => ({ span: e.span, range: lines.range(e.span), newText: e.newText })),
      },
    });
    const findings: Finding[] = [];
    /** Findings that hold by what other files send: this file's view now, the host's join later (prefixes.ts). */
    const candidates: PrefixCandidate[] = [];
    /** The call each fix was made for: a fix that edits what other calls read too is not safe. */
    const fixOf = new Map<Finding, BuiltCall>();
    for (const rule of RULES) {
      const configured = s.ruleSeverity?.[rule.meta.id] ?? null;
      if (configured === 'off' || !rule.check) continue;
      const options = ruleOptions(rule, s);
      for (const call of built) {
        try {
          // A model chosen at run time among a few: the rules judging a model judge each (`PER_CANDIDATE`), said once.
          const judged = call.candidates && PER_CANDIDATE.has(rule.meta.id) ? [call, ...call.candidates] : [call];
          const found = judged.flatMap((c) => rule.check!({ call: c, settings: s, calls: built, options }));
          for (const f of judged.length > 1 ? strictest(found) : found) {
            // A candidate's literal is edited only where the call writes it (`"a" if x else "b"` in its arguments),
            // never in a map or a function other code may read (`MODELS[tier]`, `pick(tier)`), nor when the id
            // is written more than once (one edit would leave the others).
            const outside = f.fix?.edits.some((e) => e.span.start < call.raw.span.start || e.span.end > call.raw.span.end);
            if (call.choice && PER_CANDIDATE.has(rule.meta.id) && (outside || (call.choice === 'duplicated' && MODEL_FIXES.has(rule.meta.id)))) f.fix = null;
            const finding = toFinding(rule.meta.id, configured ?? f.severity, f);
            if (finding.fix) fixOf.set(finding, call);
            if (f.prefix) {
              const c: PrefixCandidate = { ...f.prefix, finding, suppressed: false };
              candidates.push(c);
              if (!holds(c)) continue;
            }
            findings.push(finding);
          }
        } catch (e) {
          fail(result.errors, `rule:${rule.meta.id}`, e);
        }
      }
    }
    sharedEdits(fixOf, built, lines);
    // Suppression comments, then the rules about the file as a whole (unused suppressions).
    const suppressions = findSuppressions(input.text, input.language, lines, comments);
    result.findings.push(...applySuppressions(findings, suppressions));
    const fileFindings = (sups: Suppression[]): Finding[] => {
      const out: Finding[] = [];
      for (const rule of RULES) {
        const configured = s.ruleSeverity?.[rule.meta.id] ?? null;
        if (configured === 'off' || !rule.checkFile) continue;
        try {
          for (const f of rule.checkFile({
            text: input.text,
            suppressions: sups,
            ruleIds: RULES.map((r) => r.meta.id),
            settings: s,
            options: ruleOptions(rule, s),
          }))
            out.push(toFinding(rule.meta.id, configured ?? f.severity, f));
        } catch (e) {
          fail(result.errors, `rule:${rule.meta.id}`, e);
        }
      }
      return out;
    };
    const fileLevel = fileFindings(suppressions);
    result.findings.push(...fileLevel);
    if (candidates.length) result.prefixJoin = prefixJoinOf(candidates, suppressions, fileLevel, fileFindings);
    if (input.deferFixCheck) {
      if (allFindings(result).some((f) => f.fix)) result.fixesUnchecked = true;
    } else applyFixCheck(result, check);
  }

  /**
   * Parses again what each fix of `result` (an analysis of `input.text` made with `deferFixCheck`)
   * makes of the file, and drops the fixes that break it, as `analyze` does without the option.
   * With the document's kept tree (same text), tree-sitter re-parses only what the fixes touch.
   */
  checkFixes(input: Pick<SourceInput, 'text' | 'language' | 'document'>, result: AnalysisResult): void {
    if (!result.fixesUnchecked) return;
    delete result.fixesUnchecked;
    this.withFixCheck(input, (check) => applyFixCheck(result, check));
  }

  /**
   * Runs `f` with the re-parse check of `input.text` in its language: on the document's kept
   * syntax tree when it is of the same text (tree-sitter then re-parses only what fixes touch),
   * else on a fresh parse, freed after.
   */
  private withFixCheck<T>(input: Pick<SourceInput, 'text' | 'language' | 'document'>, f: (check: FixCheck | undefined) => T): T {
    if (PROMPT_FILE_LANGUAGES.includes(input.language)) return f(frontMatterCheck(input.text));
    const k = input.document ? this.kept.get(input.document) : undefined;
    const same = k && k.text === input.text ? k : undefined;
    if (isJsLanguage(input.language)) {
      const sf = same && 'sf' in same ? same.sf : tsRecognizer().parseTypeScript(input.text, input.language);
      return f(tsRecognizer().typeScriptCheck(input.text, sf, input.language.endsWith('react')));
    }
    const parser = this.parsers.get(input.language);
    if (!parser) return f(undefined);
    const kept = same && 'tree' in same ? same.tree : null;
    const tree = kept ?? parser.parse(input.text);
    try {
      return f(tree ? treeSitterCheck(parser, input.text, tree) : undefined);
    } finally {
      if (tree && tree !== kept) tree.delete();
    }
  }
}

/** Whether an offset is in a comment, by a tree-sitter tree (every grammar names its comment nodes `*comment`). */
function treeSitterComments(tree: Tree): (offset: number) => boolean {
  return (offset) => /comment/.test(tree.rootNode.descendantForIndex(offset)?.type ?? '');
}

/** A rule's options from the settings, its defaults filled in (invalid ones were dropped when the config was read). */
function ruleOptions(rule: Rule, s: AnalysisSettings): Record<string, unknown> {
  if (!rule.meta.options) return {};
  const r = rule.meta.options.safeParse(s.ruleOptions?.[rule.meta.id] ?? {});
  return r.success ? r.data : rule.meta.options.parse({});
}

/** The file's own prompt constants that its call sites send, each with its token counts and users. */
function promptConstantsOf(sites: CallSite[]): PromptConstant[] {
  const byDecl = new Map<string, PromptConstant>();
  sites.forEach((site, i) => {
    // A constant may be several parts of one request (a messages array): its tokens are their sum.
    const here = new Map<string, { source: PartSource & { range: Range }; tokens: number }>();
    for (const p of site.prompt.parts) {
      const src = p.source;
      if (!src?.range || src.path) continue;
      const key = `${src.name}@${src.span.start}`;
      const h = here.get(key);
      if (h) h.tokens += p.tokens ?? 0;
      else here.set(key, { source: src as PartSource & { range: Range }, tokens: p.tokens ?? 0 });
    }
    for (const [key, { source, tokens: n }] of here) {
      const c = byDecl.get(key);
      if (!c) byDecl.set(key, { name: source.name, span: source.span, range: source.range, tokens: { min: n, max: n }, usedBy: [i] });
      else {
        c.tokens = { min: Math.min(c.tokens.min, n), max: Math.max(c.tokens.max, n) };
        c.usedBy.push(i);
      }
    }
  });
  return [...byDecl.values()].sort((a, b) => a.span.start - b.span.start);
}

function isMockModel(raw: RawCall, sdk: SdkSpec, op: OperationSpec): boolean {
  for (const p of modelParamsOf(sdk, op)) {
    const v = raw.args.props.get(p) ?? raw.bound?.props.get(p);
    // A test double's model object, or a model id that names one (pydantic-ai's `Agent('test')`).
    if (v) return (v.kind === 'unknown' && v.mock === true) || (v.kind === 'str' && !!sdk.mockModelIds?.includes(staticString(v) ?? ''));
  }
  return false;
}

/** A file the host reads for a recognizer: a throw becomes the error it reports; a file read is a dependency. */
/** Records an isolated failure of one component; the rest of the analysis goes on. */
function fail(errors: AnalysisError[], component: string, e: unknown): void {
  const message = e instanceof Error ? `${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}` : String(e);
  errors.push({ component, message });
}
