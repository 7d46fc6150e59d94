// The language registry: every language costlint analyzes, and what derives from the set.
import type { Language } from '../types';
import { csharp } from './csharp';
import { go } from './go';
import { java } from './java';
import { javascript, javascriptreact, typescript, typescriptreact } from './javascript';
import { php } from './php';
import { dotprompt, prompty } from './promptfiles';
import { python } from './python';
import { ruby } from './ruby';
import type { LanguageSpec } from './types';

export type { FrontEnd, LanguageSpec } from './types';

/** Every language, in the order docs list them. A new language is a module here and an entry in this list (ARCHITECTURE.md, "Add a language"). */
export const LANGUAGES: readonly LanguageSpec[] = [
  python,
  typescript,
  typescriptreact,
  javascript,
  javascriptreact,
  ruby,
  go,
  java,
  csharp,
  php,
  prompty,
  dotprompt,
];

const BY_ID = new Map<Language, LanguageSpec>(LANGUAGES.map((l) => [l.id, l]));
const BY_EXTENSION = new Map<string, Language>(LANGUAGES.flatMap((l) => l.extensions.map((e) => [e, l.id] as const)));

/** The spec of a language id (every `Language` has one: test/languages.test.ts). */
export function languageSpec(id: Language): LanguageSpec {
  return BY_ID.get(id)!;
}

/** The language of a file by its extension, or null when costlint does not analyze it. */
export function languageOfPath(path: string): Language | null {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return null;
  return BY_EXTENSION.get(path.slice(dot).toLowerCase()) ?? null;
}

/** Every language id. */
export const LANGUAGE_IDS: readonly Language[] = LANGUAGES.map((l) => l.id);

/** The VS Code language ids the extension analyzes. */
export const VSCODE_LANGUAGE_IDS: readonly string[] = [...new Set(LANGUAGES.flatMap((l) => l.vscode))];

/** Every extension costlint analyzes, without the dot (for file watchers). */
export const ANALYZED_EXTENSIONS: readonly string[] = LANGUAGES.flatMap((l) => l.extensions.map((e) => e.slice(1)));

/** Languages parsed with a tree-sitter grammar of the shared first pass. */
export const TREE_SITTER_LANGUAGES: readonly Language[] = LANGUAGES.filter((l) => l.frontEnd === 'tree-sitter').map((l) => l.id);

/** Languages whose file is itself a call site. */
export const PROMPT_FILE_LANGUAGE_IDS: readonly Language[] = LANGUAGES.filter((l) => l.frontEnd === 'prompt-file').map((l) => l.id);
