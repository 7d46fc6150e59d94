import { Parser, Language } from 'web-tree-sitter';
import { readFileSync } from 'node:fs';
await Parser.init();
const lang = await Language.load(`node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-${process.argv[2]}.wasm`);
const p = new Parser(); p.setLanguage(lang);
console.log(p.parse(readFileSync(process.argv[3], 'utf8')).rootNode.toString());
