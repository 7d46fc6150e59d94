#!/usr/bin/env node
// Bundles the client, the server and the CLI with esbuild, and copies the WebAssembly
// files the Python parser needs next to the server bundle. Type-checking is separate (`npm run typecheck`).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
// web-tree-sitter is an ES module that locates itself with import.meta.url, which a CommonJS
// bundle lacks: define it from __filename.
const importMeta = 'const __costlintImportMetaUrl = require("url").pathToFileURL(__filename).href; const __costlintRequire = require;';

// web-tree-sitter finds Node's \`module\` and \`fs/promises\` with dynamic import(). In a CommonJS
// bundle those are require()s; and the CLI bundle runs through vm.Script (its code cache), where
// Node 20 has no loader for import(). The build fails if any other dynamic import is left.
const noDynamicImport = {
  name: 'no-dynamic-import',
  setup(b) {
    b.onLoad({ filter: /web-tree-sitter[\\/]web-tree-sitter\.c?js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replace(/await import\(("(?:module|fs\/promises)")\)/g, '__costlintRequire($1)'), loader: 'js' };
    });
  },
};
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  minifySyntax: true,
  // Whitespace and comments out: the bundle's source stays in memory as long as the process runs
  // (one non-Latin-1 character in a comment made V8 hold all of it as UTF-16: 29 MB). Names are kept.
  minifyWhitespace: true,
  charset: 'ascii',
  legalComments: 'none',
  define: { 'import.meta.url': '__costlintImportMetaUrl' },
  banner: { js: importMeta },
  plugins: [noDynamicImport],
  metafile: true,
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow: bundle its ES build.
  alias: { 'jsonc-parser': require.resolve('jsonc-parser/lib/esm/main.js') },
};

// The CLI loads TypeScript from a file of its own (server/out/typescript.js), through the same code
// cache, when it first analyzes a JavaScript or TypeScript file (core/jslanguage.ts): TypeScript is
// most of the bundle, and a project without such files never reads or compiles it. `require('typescript')`
// in the CLI's bundle is this stub; bin.ts provides the loader (a bundle loaded otherwise requires the file).
const lazyTypeScript = {
  name: 'lazy-typescript',
  setup(b) {
    b.onResolve({ filter: /^typescript$/ }, () => ({ path: 'typescript', namespace: 'costlint-lazy-typescript' }));
    b.onResolve({ filter: /^\.\/typescript\.js$/, namespace: 'costlint-lazy-typescript' }, () => ({ path: './typescript.js', external: true }));
    // An ES module with the API as its default export, which the recognizer's modules import (`import
    // ts from 'typescript'`): as a CommonJS module, each of them copied its 2,000 exports into a
    // namespace object of its own when it loaded (nine copies, 37 ms a thread), and used none of them.
    b.onLoad({ filter: /.*/, namespace: 'costlint-lazy-typescript' }, () => ({
      contents:
        "const loader = globalThis[Symbol.for('costlint.loader')];\nexport default loader ? loader.load('typescript.js') : require('./typescript.js');\n",
      loader: 'js',
    }));
  },
};

const results = await Promise.all([
  build({ ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'client/out/extension.js'), external: ['vscode'] }),
  build({ ...common, entryPoints: [join(root, 'server/src/server.ts')], outfile: join(root, 'server/out/server.js') }),
  // The CLI: costlint.js is the program, cli.js (the \`costlint\` command) loads it through a code cache.
  build({
    ...common,
    entryPoints: [join(root, 'server/src/cli.ts')],
    outfile: join(root, 'server/out/costlint.js'),
    plugins: [...common.plugins, lazyTypeScript],
  }),
  build({ ...common, entryPoints: [require.resolve('typescript')], outfile: join(root, 'server/out/typescript.js') }),
  build({
    ...common,
    entryPoints: [join(root, 'server/src/bin.ts')],
    outfile: join(root, 'server/out/cli.js'),
    banner: { js: `#!/usr/bin/env node\n${importMeta}` },
  }),
]);
for (const r of results) {
  for (const [out, o] of Object.entries(r.metafile.outputs)) {
    const dynamic = o.imports.filter((i) => i.kind === 'dynamic-import');
    if (dynamic.length) throw new Error(`${out}: dynamic import() of ${dynamic.map((i) => i.path).join(', ')}; make it a require() (see noDynamicImport)`);
    // `charset: 'ascii'` escapes strings but not a regular expression literal's characters: one `·` in a
    // regex makes the CLI's 5 MB bundle a two-byte string for V8 (10 MB, decoded and scanned as such, in
    // every thread). Write such a character as `\u00b7`.
    if (!out.endsWith('.js')) continue;
    const text = readFileSync(join(root, out), 'latin1');
    const at = text.search(/[\x80-\xff]/);
    if (at >= 0)
      throw new Error(
        `${out}: a character outside ASCII at offset ${at} (${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}); escape it in the source`,
      );
  }
}

mkdirSync(join(root, 'server/out'), { recursive: true });
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(root, 'server/out/web-tree-sitter.wasm'));
// The grammars the language registry names (server/src/core/languages), read from its source.
const registry = await build({
  entryPoints: [join(root, 'server/src/core/languages/index.ts')],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'cjs',
  logLevel: 'silent',
});
const registryModule = { exports: {} };
new Function('module', 'exports', 'require', registry.outputFiles[0].text)(registryModule, registryModule.exports, require);
for (const lang of registryModule.exports.LANGUAGES) {
  if (lang.grammar) copyFileSync(require.resolve(lang.grammar.module), join(root, 'server/out', lang.grammar.file));
}
