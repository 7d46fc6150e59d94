// costlint inside a real VS Code: diagnostics, hover and quick fix through the editor's
// own APIs, on the workspace in test/e2e/workspace (copied to a temporary folder).
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

/** Opens a file of the test workspace in an editor, as a user would. */
async function openInEditor(name) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test opens a workspace folder');
  const uri = vscode.Uri.file(path.join(folder.uri.fsPath, name));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return { uri, doc };
}

/** Resolves with the costlint diagnostics of uri once `accept` holds (or rejects after a timeout). */
function costlintDiagnostics(uri, accept, timeoutMs = 45000) {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'costlint');
  return new Promise((resolve, reject) => {
    if (accept(current())) return resolve(current());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for diagnostics on ${uri.fsPath}; last: ${JSON.stringify(current().map((d) => d.message))}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = current();
      if (accept(d)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(d);
      }
    });
  });
}

/** Syntax errors of a text by the language's tree-sitter grammar (the .wasm the server ships), as `line: kind` strings. */
async function syntaxErrors(text, grammar) {
  const { Parser, Language } = require('web-tree-sitter');
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve(`@vscode/tree-sitter-wasm/wasm/tree-sitter-${grammar}.wasm`)));
  const tree = parser.parse(text);
  const out = [];
  const visit = (n) => {
    if (n.isError || n.isMissing) out.push(`${n.startPosition.row + 1}: ${n.isMissing ? `missing ${n.type}` : 'unexpected'}`);
    else if (n.hasError) for (const c of n.children) visit(c);
  };
  visit(tree.rootNode);
  tree.delete();
  return out;
}

describe('costlint in VS Code', function () {
  before(async function () {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'costlint');
    assert.ok(ext, 'the costlint extension is installed');
  });

  afterEach(async function () {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('warns about an uncapped OpenAI call in Python and fixes it', async function () {
    const { uri, doc } = await openInEditor('bot.py');
    const [d] = await costlintDiagnostics(uri, (ds) => ds.length === 1);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(typeof d.code === 'object' ? d.code.value : d.code, 'uncapped-output');
    assert.equal(doc.getText(d.range), 'create');

    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, d.range.start);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /costlint/);
    assert.match(text, /Cost per call\*\* \| \*\*\$/);
    assert.match(text, /gpt-4o/);

    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range);
    const fix = actions.find((a) => /Add max_tokens=1024/.test(a.title));
    assert.ok(fix, `a quick fix is offered (got ${actions.map((a) => a.title).join(', ')})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /\n {8}max_tokens=1024,\n {4}\)/);
    await costlintDiagnostics(uri, (ds) => ds.length === 0);
  });

  it('reports a missing Anthropic max_tokens in TypeScript as an error', async function () {
    const { uri } = await openInEditor('summarize.ts');
    const [d] = await costlintDiagnostics(uri, (ds) => ds.length === 1);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /max_tokens is required/);
  });

  it('analyzes a Jupyter notebook: a client from one cell is known in a later one', async function () {
    const folder = vscode.workspace.workspaceFolders[0];
    const nb = await vscode.workspace.openNotebookDocument(vscode.Uri.file(path.join(folder.uri.fsPath, 'analysis.ipynb')));
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.cellAt(2).document;
    const [d] = await costlintDiagnostics(cell.uri, (ds) => ds.length === 1);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(cell.getText(d.range), 'create');
    assert.deepEqual(
      vscode.languages.getDiagnostics(nb.cellAt(0).document.uri).filter((x) => x.source === 'costlint'),
      [],
    );
  });

  it('follows a client imported from another file of the workspace', async function () {
    const { uri, doc } = await openInEditor('uses_clients.py');
    const [d] = await costlintDiagnostics(uri, (ds) => ds.length === 1);
    assert.equal(doc.getText(d.range), 'create');
    assert.match(d.message, /no output cap/);
  });

  for (const [file, severity] of [
    ['summarize.go', 'Error'],
    ['Summarize.java', 'Warning'],
    ['summarize.rb', 'Warning'],
    ['Summarize.cs', 'Warning'],
    ['summarize.php', 'Warning'],
    ['reply.prompty', 'Warning'],
  ]) {
    it(`reports the uncapped call in ${file} and offers its quick fix`, async function () {
      const { uri, doc } = await openInEditor(file);
      const [d] = await costlintDiagnostics(uri, (ds) => ds.length === 1);
      assert.equal(d.severity, vscode.DiagnosticSeverity[severity]);
      assert.equal(typeof d.code === 'object' ? d.code.value : d.code, 'uncapped-output');
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range);
      const fix = actions.find((a) => /costlint: uncapped-output/.test(a.title));
      assert.ok(fix, `a quick fix is offered in ${doc.languageId} (got ${actions.map((a) => a.title).join(', ')})`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await costlintDiagnostics(uri, (ds) => ds.length === 0);
    });
  }

  it('shows code lenses: the cost over each call (with the costlint.json size) and the tokens of a shared prompt constant', async function () {
    const { uri, doc } = await openInEditor('support.py');
    let titles = [];
    for (let i = 0; i < 90 && titles.length < 3; i++) {
      const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) ?? [];
      titles = lenses.filter((l) => l.command?.title).map((l) => [l.range.start.line, l.command.title]);
      if (titles.length < 3) await new Promise((r) => setTimeout(r, 500));
    }
    const constant = titles.find(([, t]) => t.startsWith('prompt '));
    assert.ok(constant, `a lens on the prompt constant (got ${JSON.stringify(titles)})`);
    assert.equal(doc.lineAt(constant[0]).text.startsWith('SUPPORT_PROMPT = '), true);
    assert.match(constant[1], /^prompt SUPPORT_PROMPT · \d+ tokens · sent by 2 calls$/);
    const calls = titles.filter(([, t]) => t.includes('/call'));
    assert.equal(calls.length, 2);
    for (const [, t] of calls) assert.match(t, /in \+ 250 assumed · ≤ \d+ out$/, 'the ticket size from costlint.json is priced');
  });

  it('gives prompt files their own languages', async function () {
    const { doc } = await openInEditor('reply.prompty');
    assert.equal(doc.languageId, 'prompty');
  });

  it('a nested costlint.json turns retired-model on for its folder: the error, and its fix to the replacement', async function () {
    const { uri, doc } = await openInEditor(path.join('lifecycle', 'old_model.py'));
    const [d] = await costlintDiagnostics(uri, (ds) => ds.length === 1);
    assert.equal(typeof d.code === 'object' ? d.code.value : d.code, 'retired-model');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /claude-3-haiku-20240307 was shut down on 2026-04-20/);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range);
    const fix = actions.find((a) => /Use 'claude-haiku-4-5-20251001'/.test(a.title));
    assert.ok(fix, `the replacement is offered (got ${actions.map((a) => a.title).join(', ')})`);
    assert.ok(actions.some((a) => a.title === 'Ignore retired-model here (costlint)'));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /model="claude-haiku-4-5-20251001"/);
    await costlintDiagnostics(uri, (ds) => ds.length === 0);
  });

  describe('the workspace overview and the commands', function () {
    let api;
    before(async function () {
      const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'costlint');
      api = ext.isActive ? ext.exports : await ext.activate();
      // The start-up scan reads every file of the workspace.
      for (let i = 0; i < 120; i++) {
        const s = await api.workspace();
        if (s && !s.scanning && s.scannedFiles > 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
    });

    it('the LLM calls tree lists the files by cost, each with its call sites; files not opened are in it too', async function () {
      const roots = api.treeRoots();
      const files = roots.map((r) => r.label);
      for (const f of ['bot.py', 'summarize.ts', 'summarize.go', 'Summarize.java', 'limits.py', 'reply.prompty'])
        assert.ok(files.includes(f), `${f} in ${JSON.stringify(files)}`);
      const costs = roots.map((r) => Number(/^\$([\d.,]+)\/call/.exec(r.description)?.[1].replace(/,/g, '') ?? 'NaN'));
      for (let i = 1; i < costs.length; i++)
        assert.ok(costs[i - 1] >= costs[i], `sorted by cost: ${JSON.stringify(roots.map((r) => [r.label, r.description]))}`);
      const bot = roots.find((r) => r.label === 'bot.py');
      assert.deepEqual(
        bot.children.map((c) => c.label),
        ['gpt-4o · chat.completions.create'],
      );
      assert.match(bot.children[0].description, /^\$[\d.]+\/call · 1 finding$/);
    });

    it('a click on a call site in the tree opens its file at the call', async function () {
      const site = api.treeRoots().find((r) => r.label === 'limits.py').children[0];
      await vscode.commands.executeCommand(site.command.command, ...site.command.arguments);
      const editor = vscode.window.activeTextEditor;
      assert.match(editor.document.uri.fsPath, /limits\.py$/);
      assert.equal(editor.document.getText(editor.selection), 'create');
    });

    it('Rescan Workspace scans again and the overview stays complete', async function () {
      await vscode.commands.executeCommand('costlint.rescan');
      const s = await api.workspace();
      assert.equal(s.scanning, false);
      assert.ok(s.files.some((f) => f.path === 'bot.py'));
    });

    it("the status bar shows the open file's cost per call", async function () {
      await openInEditor('bot.py');
      let text;
      for (let i = 0; i < 40 && !text; i++) {
        text = api.statusBarText();
        if (!text) await new Promise((r) => setTimeout(r, 250));
      }
      assert.match(text ?? '', /^\$\(pulse\) \$0\.16\/call$/);
    });

    it('activates with its language server ready within seconds (the time is printed for the record)', function () {
      console.log(`costlint activation: language server ready in ${api.activationMs} ms`);
      assert.ok(api.activationMs > 0 && api.activationMs < 15000, `${api.activationMs} ms`);
    });

    it('the commands are in the palette under the costlint category', async function () {
      const all = await vscode.commands.getCommands(true);
      const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'costlint');
      for (const c of ext.packageJSON.contributes.commands) {
        assert.ok(all.includes(c.command), `${c.command} is registered`);
        assert.equal(c.category, 'costlint');
      }
    });

    it('Show Cost Report opens the report with every call site of the workspace', async function () {
      await vscode.commands.executeCommand('costlint.showReport');
      const html = api.reportHtml();
      assert.ok(html, 'the report panel is open');
      const data = JSON.parse(/<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(html)[1]);
      assert.ok(data.rows.some((r) => r.file === 'bot.py' && r.model === 'gpt-4o'));
      assert.ok(data.charts.perCall.provider.some((p) => p.label === 'anthropic'));
    });

    it('measured usage (costlint.usage.json) shows beside the estimate: a measured row and drift in the hover, the status bar, a measured column in the report', async function () {
      const { uri, doc } = await openInEditor('measured/support.py');
      const at = doc.positionAt(doc.getText().indexOf('create('));
      let text = '';
      for (let i = 0; i < 60 && !/\*\*Measured\*\*/.test(text); i++) {
        const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, at);
        text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        if (!/\*\*Measured\*\*/.test(text)) await new Promise((r) => setTimeout(r, 250));
      }
      assert.match(
        text,
        /\| \*\*Measured\*\* \| \*\*\$[\d.]+\/month\*\* · 900 calls in 30 days \(901\/month\) · in p50 1,396 \/ p95 2,289 · out p50 77 \/ p95 116 tokens/,
      );
      assert.match(
        text,
        /\| Drift \| measured p95 input is 2,289 tokens, [\d.]+x the estimate's [\d,]+: the dynamic parts \(`ticket`\) are bigger than assumed \|/,
      );
      assert.match(text, /\| \*\*Per month\*\* \| .* × 901 calls, measured calls/);
      let status;
      for (let i = 0; i < 40 && !/measured/.test(status ?? ''); i++) {
        status = api.statusBarText();
        if (!/measured/.test(status ?? '')) await new Promise((r) => setTimeout(r, 250));
      }
      assert.match(status ?? '', /^\$\(pulse\) \$[\d.]+\/call · \$[\d.]+\/mo · measured \$[\d.]+\/mo$/);
      await vscode.commands.executeCommand('costlint.showReport');
      const html = api.reportHtml();
      assert.match(html, /<th data-key="measured" class="num">Measured \/ month<\/th>/);
      const data = JSON.parse(/<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(html)[1]);
      const row = data.rows.find((r) => r.file === 'measured/support.py');
      assert.ok(row && row.measured > 0, JSON.stringify(row));
      assert.deepEqual(data.charts.measured.file, [{ label: 'measured/support.py', usd: row.measured }]);
    });

    it('Open Rate Card Entry opens the entry of the model of the call at the cursor', async function () {
      const { doc } = await openInEditor('bot.py');
      const at = doc.positionAt(doc.getText().indexOf('create('));
      vscode.window.activeTextEditor.selection = new vscode.Selection(at, at);
      await vscode.commands.executeCommand('costlint.openRateCard');
      const editor = vscode.window.activeTextEditor;
      assert.match(editor.document.uri.fsPath, /ratecards[\\/]openai\.json$/);
      assert.match(editor.document.lineAt(editor.selection.active.line).text, /"id": "gpt-4o"/);
    });

    it('Open Rule Documentation opens the page of the finding at the cursor', async function () {
      const { uri } = await openInEditor('bot.py');
      const [d] = await costlintDiagnostics(uri, (ds) => ds.length === 1);
      vscode.window.activeTextEditor.selection = new vscode.Selection(d.range.start, d.range.start);
      await vscode.commands.executeCommand('costlint.openRuleDocs');
      let tab;
      for (let i = 0; i < 40 && !tab; i++) {
        tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /uncapped-output/.test(t.label));
        if (!tab) await new Promise((r) => setTimeout(r, 250));
      }
      assert.ok(
        tab,
        `a tab for the rule page (tabs: ${vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .map((t) => t.label)
          .join(', ')})`,
      );
    });

    it('Apply All Safe Fixes applies the safe fix of the file', async function () {
      const { uri, doc } = await openInEditor('limits.py');
      await costlintDiagnostics(uri, (ds) => ds.some((d) => (d.code?.value ?? d.code) === 'cap-exceeds-model-limit'));
      await vscode.commands.executeCommand('costlint.fixAll');
      assert.match(doc.getText(), /max_tokens=64000/);
      await costlintDiagnostics(uri, (ds) => !ds.some((d) => (d.code?.value ?? d.code) === 'cap-exceeds-model-limit'));
    });
  });

  it('fixes a Java, a C# and a PHP file on save (source.fixAll.costlint): each still parses, in its own SDK idiom', async function () {
    const editor = vscode.workspace.getConfiguration('editor');
    await editor.update('codeActionsOnSave', { 'source.fixAll.costlint': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      for (const [file, grammar, idioms] of [
        [
          'fixall/Agent.java',
          'java',
          [
            /\.maxTokens\(1024L\)/,
            /\.systemOfTextBlockParams\(List\.of\(TextBlockParam\.builder\(\)\.text\(POLICY\)\.cacheControl\(CacheControlEphemeral\.builder\(\)\.build\(\)\)\.build\(\)\)\)/,
            /^import java\.util\.List;$/m,
          ],
        ],
        [
          'fixall/Agent.cs',
          'c-sharp',
          [
            /MaxTokens = 1024,/,
            /System = new List<TextBlockParam> \{ new TextBlockParam \{ Text = Policy, CacheControl = new CacheControlEphemeral\(\) \} \}/,
            /^using System\.Collections\.Generic;$/m,
          ],
        ],
        ['fixall/agent.php', 'php', [/maxTokens: 1024,/, /system: \[\['type' => 'text', 'text' => POLICY, 'cacheControl' => \['type' => 'ephemeral'\]\]\]/]],
      ]) {
        const { uri, doc } = await openInEditor(file);
        const code = (d) => (typeof d.code === 'object' ? d.code.value : d.code);
        await costlintDiagnostics(uri, (ds) => ds.some((d) => code(d) === 'uncached-prefix') && ds.some((d) => code(d) === 'uncapped-output'));
        assert.deepEqual(await syntaxErrors(doc.getText(), grammar), [], `${file} parses before`);
        // A user's edit, then a save: the editor runs the fix-all code action before writing.
        await vscode.window.activeTextEditor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), '\n'));
        await vscode.commands.executeCommand('workbench.action.files.save');
        for (let i = 0; i < 40 && !idioms.every((re) => re.test(doc.getText())); i++) await new Promise((r) => setTimeout(r, 250));
        for (const re of idioms) assert.match(doc.getText(), re, `${file}: the fix in the SDK's idiom`);
        assert.equal(doc.isDirty, false, `${file} was saved`);
        assert.deepEqual(await syntaxErrors(doc.getText(), grammar), [], `${file} still parses after fix-all on save`);
        await costlintDiagnostics(uri, (ds) => !ds.some((d) => code(d) === 'uncached-prefix' || code(d) === 'uncapped-output'));
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
    } finally {
      await editor.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('recognizes each provider SDK: a priced code lens over every call, and the hover names the SDK', async function () {
    for (const [file, sdks] of [
      ['providers.py', ['Google Gen AI', 'Amazon Bedrock', 'Mistral', 'Cohere', 'LiteLLM', 'Ollama', 'LangChain']],
      ['providers.ts', ['AI SDK', 'Google Gen AI']],
    ]) {
      const { uri } = await openInEditor(file);
      let lenses = [];
      for (let i = 0; i < 90 && lenses.length < sdks.length; i++) {
        lenses = ((await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) ?? []).filter((l) => l.command?.title);
        if (lenses.length < sdks.length) await new Promise((r) => setTimeout(r, 500));
      }
      assert.equal(lenses.length, sdks.length, `${file}: ${JSON.stringify(lenses.map((l) => l.command.title))}`);
      for (const l of lenses) assert.match(l.command.title, /^(≈ )?\$[\d.]+\/call|^\$0 \(local\)/, `${file}: ${l.command.title}`);
      const names = [];
      for (const l of lenses) {
        const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, l.range.start);
        // Other extensions' hovers may come first (TypeScript's): ours starts with "**costlint** · <SDK>".
        const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        names.push(/\*\*costlint\*\* · [^\n]*/.exec(text)?.[0] ?? text);
      }
      for (const sdk of sdks)
        assert.ok(
          names.some((n) => n.includes(sdk)),
          `${file}: a hover for ${sdk} in ${JSON.stringify(names)}`,
        );
    }
  });

  for (const [rule, title] of [
    ['unsupported-cap-param', /^Rename max_tokens to max_completion_tokens/],
    ['unknown-model', /^Use 'gpt-4o'/],
    ['uncached-prefix', /^Cache the system prompt/],
    ['unused-suppression', /^Remove the suppression comment/],
  ]) {
    it(`applies the ${rule} fix through the editor's code actions, and the finding goes away`, async function () {
      const { uri } = await openInEditor('fixable.py');
      const code = (d) => (typeof d.code === 'object' ? d.code.value : d.code);
      const [d] = (await costlintDiagnostics(uri, (ds) => ds.some((x) => code(x) === rule))).filter((x) => code(x) === rule);
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range);
      const fix = actions.find((a) => title.test(a.title));
      assert.ok(fix, `a fix for ${rule} (got ${actions.map((a) => a.title).join(', ')})`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await costlintDiagnostics(uri, (ds) => !ds.some((x) => code(x) === rule));
    });
  }
});
