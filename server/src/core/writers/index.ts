// The writer of each language a fix can land in (see writer.ts). Prompt files (YAML front
// matter) are edited by promptfile.ts, which writes YAML through the `yaml` library.
import type { Language } from '../types';
import { CSharpWriter } from './csharp';
import { GoWriter } from './go';
import { JavaWriter } from './java';
import { PhpWriter } from './php';
import { PythonWriter } from './python';
import { RubyWriter } from './ruby';
import { TypeScriptWriter } from './typescript';
import type { LanguageWriter } from './writer';
import { languageSpec } from '../languages';

export type { Edit, Lit, WriteTarget } from './lit';
export { code, eolAt, list, num, obj, str } from './lit';
export { LanguageWriter, type WriteContext } from './writer';
export { CSharpWriter, GoWriter, JavaWriter, PhpWriter, PythonWriter, RubyWriter, TypeScriptWriter };

/** The writer for a file of `language`, or undefined for languages no fix writes code in. */
export function writerFor(language: Language, text: string): LanguageWriter | undefined {
  const W = languageSpec(language).writer;
  return W ? new W(text) : undefined;
}
