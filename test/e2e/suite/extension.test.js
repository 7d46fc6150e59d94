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
    assert.deepEqual(vscode.languages.getDiagnostics(nb.cellAt(0).document.uri).filter((x) => x.source === 'costlint'), []);
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
});
