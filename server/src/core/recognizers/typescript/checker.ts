// The checkers the recognizer asks about a file's symbols. Each is a program's: of the one file (the
// editor's, an imported module's), or of files the CLI is about to analyze together
// (`prepareTypeScript`). A program and its checker cost about 0.8 ms and 180 KB that outlive the
// young generation, whatever the size of the file: one per file was a quarter of the analysis of
// a TypeScript file on the bench (issue 22).
//
// Files checked together give the answers each gives alone only when none of them adds to the
// global scope: each is a module (a script's declarations are global: an ES module, or a CommonJS one
// in JavaScript), declares no global or ambient module (`declare global`, `declare module 'x'`,
// `export as namespace`), and, in JavaScript, assigns to no property of an undeclared name at its top
// (`ns.client = ...` declares `ns` globally). No program resolves an import, so no file sees another's
// exports. The others are checked alone.
import ts from 'typescript';
import { COMPILER_OPTIONS, parseTypeScript, type JsLanguage } from './syntax';

/** The checker of a program of `files` alone: no lib, and no import resolved. */
function checkerOfFiles(files: readonly ts.SourceFile[]): ts.TypeChecker {
  const byName = new Map(files.map((f) => [f.fileName, f]));
  const host: ts.CompilerHost = {
    // TypeScript's own resolution would look for each import in node_modules folders that are not
    // there (a quarter of a checker's cost), and './file' would be the file itself.
    resolveModuleNameLiterals: (literals) => literals.map(() => ({ resolvedModule: undefined })),
    getSourceFile: (name) => byName.get(name),
    getDefaultLibFileName: () => '/costlint/lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/costlint',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => byName.has(f),
    readFile: () => undefined,
  };
  return ts.createProgram({ rootNames: [...byName.keys()], options: COMPILER_OPTIONS, host }).getTypeChecker();
}

/** A checker of the one file: its program reads nothing else. */
export function checkerOf(sf: ts.SourceFile): ts.TypeChecker {
  return checkerOfFiles([sf]);
}

/** Whether a file may share a program with others and be answered as alone (see the top of this file). */
export function checkedTogether(sf: ts.SourceFile, language: JsLanguage): boolean {
  if (sf.statements.some((s) => ts.isModuleDeclaration(s) || ts.isNamespaceExportDeclaration(s))) return false;
  if (language === 'typescript' || language === 'typescriptreact') return ts.isExternalModule(sf);
  // JavaScript: a CommonJS module is one too, and `ns.client = ...` at the top of a file declares
  // `ns` globally: both are known once the file is bound (as its checker would bind it anyway).
  if (!jsBindingReadable()) return false;
  binder().bindSourceFile(sf, COMPILER_OPTIONS);
  return binder().isExternalOrCommonJsModule(sf) && !(sf as JsBound).jsGlobalAugmentations;
}

/** What binding leaves on a JavaScript file: the names its top-level assignments declare globally. Not TypeScript's public API. */
type JsBound = ts.SourceFile & { jsGlobalAugmentations?: ReadonlyMap<string, unknown> };

/** TypeScript's binder, and what it says of a file, which its public API leaves out. */
interface Binder {
  bindSourceFile(sf: ts.SourceFile, options: ts.CompilerOptions): void;
  isExternalOrCommonJsModule(sf: ts.SourceFile): boolean;
}
function binder(): Binder {
  return ts as unknown as Binder;
}

let jsBinding: boolean | undefined;
/**
 * Whether this TypeScript binds as `checkedTogether` reads it: its binder is there, and says what a
 * file declares globally where this code looks. Asked of a probe once; a TypeScript that does
 * otherwise has each JavaScript file checked alone, as before.
 */
function jsBindingReadable(): boolean {
  if (jsBinding === undefined) {
    try {
      const probe = parseTypeScript('probeNs.client = 1;\nmodule.exports = {};\n', 'javascript', '/costlint/probe');
      binder().bindSourceFile(probe, COMPILER_OPTIONS);
      jsBinding = binder().isExternalOrCommonJsModule(probe) && !!(probe as JsBound).jsGlobalAugmentations?.has('probeNs');
    } catch {
      jsBinding = false;
    }
  }
  return jsBinding === true;
}

/** The files prepared, by text: each tree, and the checker that answers for it. */
const prepared = new Map<string, { language: JsLanguage; sf: ts.SourceFile; checker: () => ts.TypeChecker }>();

/**
 * Parses files the caller is about to analyze (the CLI's next few), so that those that may be checked
 * together (`checkedTogether`) share one program, made when the first of them needs a checker. The
 * analysis of a text takes its tree (`takePrepared`); what was prepared before is dropped.
 */
export function prepareTypeScript(files: readonly { text: string; language: JsLanguage }[]): void {
  prepared.clear();
  const together: ts.SourceFile[] = [];
  let shared: ts.TypeChecker | undefined;
  const sharedChecker = () => (shared ??= checkerOfFiles(together));
  files.forEach(({ text, language }, i) => {
    if (prepared.has(text)) return;
    // A folder each: the program's files need names of their own.
    const sf = parseTypeScript(text, language, `/costlint/${i}`);
    const withOthers = checkedTogether(sf, language);
    if (withOthers) together.push(sf);
    prepared.set(text, { language, sf, checker: withOthers ? sharedChecker : () => checkerOf(sf) });
  });
}

/** The prepared tree and checker of a text in `language`, taken (each is used once); undefined when it was not prepared. */
export function takePrepared(text: string, language: JsLanguage): { sf: ts.SourceFile; checker: () => ts.TypeChecker } | undefined {
  const p = prepared.get(text);
  if (!p || p.language !== language) return undefined;
  prepared.delete(text);
  return p;
}

/** Drops what is prepared and was not analyzed (its files were excluded, or failed before parsing). */
export function dropPreparedTypeScript(): void {
  prepared.clear();
}
