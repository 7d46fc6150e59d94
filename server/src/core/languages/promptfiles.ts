// Prompt template files: the file is the call site (promptfile.ts). Their findings sit in the
// front matter, where a YAML `#` comment suppresses them; template comments count too.
import type { LanguageSpec } from './types';

export const prompty: LanguageSpec = {
  id: 'prompty',
  name: 'Prompty file',
  extensions: ['.prompty'],
  vscode: ['prompty'],
  comments: { openers: '#|\\{#', line: '#' },
  frontEnd: 'prompt-file',
};

export const dotprompt: LanguageSpec = {
  id: 'dotprompt',
  name: 'Dotprompt file',
  extensions: ['.prompt'],
  vscode: ['dotprompt'],
  comments: { openers: '#|\\{\\{!--|\\{\\{!', line: '#' },
  frontEnd: 'prompt-file',
};
