// Playwright steps against code-server's workbench, with the selectors established in
// ../shared/reference/real-vscode-e2e.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './provision.mjs';

const CLI = join(import.meta.dirname, '..', '..', 'server', 'out', 'cli.js');

/** The text after a fix's edits (1-based line/column ranges from the CLI's JSON), applied from the end. */
function applyFix(text, edits) {
  const lines = text.split('\n');
  const offset = (p) => lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)))
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function browser(tmp, name) {
  const dir = join(tmp, `chromium-${name}`);
  mkdirSync(dir, { recursive: true });
  return chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1400, height: 850 } });
}

export async function runUiTest({ url, workspace, artifacts, tmp }) {
  const ctx = await browser(tmp, 'ui');
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`) });
  try {
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'bot.py' }).click({ timeout: 30000 });
    const editor = page.locator('.editor-instance .monaco-editor');
    await editor.locator('.view-lines').waitFor();

    // The warning appears as a squiggle and in the Problems panel.
    const squiggle = editor.locator('.view-overlays .squiggly-warning').first();
    await squiggle.waitFor({ timeout: 60000 });
    const problems = await page.locator('[id="status.problems"]').getAttribute('aria-label');
    if (!/Warnings: 1\b/.test(problems ?? '')) throw new Error(`status bar problems: ${problems}`);
    await editor.locator('textarea').first().focus();
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'no output cap' });
    await row.first().waitFor({ timeout: 15000 });
    await shot('problems-panel');

    // Hover over the squiggle: a cost with a $ figure.
    const box = await squiggle.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'Cost per call' });
    await hover.first().waitFor({ timeout: 15000 });
    const hoverText = await hover.first().innerText();
    if (!/\$\d/.test(hoverText)) throw new Error(`hover has no $ figure: ${hoverText}`);
    if (!/gpt-4o/.test(hoverText)) throw new Error(`hover does not name the model: ${hoverText}`);
    await page.waitForTimeout(400); // let the hover finish fading in for the screenshot
    await shot('hover');

    // Quick fix: Ctrl+. on the squiggle, pick "Add max_tokens", the warning goes away.
    await page.mouse.move(10, 10);
    await page.keyboard.press('Escape');
    // Click where the squiggle is drawn, as a user would (the overlay div itself is not a click target).
    const at = await squiggle.boundingBox();
    await page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Add max_tokens=1024' });
    await action.first().waitFor({ timeout: 15000 });
    await shot('quick-fix-menu');
    // Our fix is the focused row; a mouse click would be intercepted by .context-view-pointerBlock.
    const focused = await action.first().getAttribute('class');
    if (!/\bfocused\b/.test(focused ?? '')) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await editor.locator('.view-lines', { hasText: 'max_tokens=1024' }).waitFor({ timeout: 15000 });
    await editor.locator('.view-overlays .squiggly-warning').first().waitFor({ state: 'detached', timeout: 30000 });
    // The lens follows the fix: the output is now capped.
    await editor.locator('.codelens-decoration', { hasText: '≤ 1,024 out' }).first().waitFor({ timeout: 15000 });
    await shot('after-fix');

    // The status bar: the open file's cost per call.
    const status = page.locator('.statusbar-item', { hasText: '/call' });
    await status.first().waitFor({ timeout: 30000 });
    const statusText = await status.first().innerText();
    if (!/\$[\d.]+\/call/.test(statusText)) throw new Error(`status bar: ${statusText}`);
    await shot('status-bar');

    // The sidebar: the LLM calls tree, files by cost.
    await page.locator('.activitybar .action-item a[aria-label^="costlint"]').first().click({ timeout: 15000 });
    const treeRow = page.locator('.pane-body .monaco-list-row', { hasText: 'bot.py' });
    await treeRow.first().waitFor({ timeout: 60000 });
    await page.locator('.pane-body .monaco-list-row', { hasText: 'chat.completions.create' }).first().waitFor({ timeout: 15000 });
    await shot('calls-tree');

    // The report: its charts drawn in the webview.
    await page.keyboard.press('F1');
    await page.keyboard.type('costlint: Show Cost Report');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Cost Report' }).first().waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
    const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await report.locator('svg rect.bar').first().waitFor({ timeout: 30000 });
    const rows = await report.locator('#table tbody tr').count();
    if (rows < 5) throw new Error(`report table has ${rows} rows`);
    // Sorting: a click on "Model" orders the rows by model name.
    await report.locator('th[data-key="model"]').click();
    const models = await report.locator('#table tbody tr td:nth-child(4)').allInnerTexts();
    if (models.join('|') !== [...models].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('|')) throw new Error(`not sorted by model: ${models.join(', ')}`);
    await page.waitForTimeout(300);
    await shot('cost-report');

    // A broken costlint.json: its error in the Problems panel, at its place.
    await page.keyboard.press('Control+P');
    await page.keyboard.type('broken/costlint.json');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'costlint.json' }).first().waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'uncaped-output' }).waitFor({ timeout: 15000 });
    await page.keyboard.press('Control+Shift+M');
    const configRow = page.locator('.markers-panel .monaco-list-row', { hasText: 'unknown rule' });
    await configRow.first().waitFor({ timeout: 30000 });
    // costlint.json is JSON with comments: VS Code must not flag its comment.
    if (await page.locator('.markers-panel .monaco-list-row', { hasText: 'Comments are not permitted' }).count())
      throw new Error('costlint.json is read as plain JSON: its comment is an error');
    await shot('config-problem');

    // Each fixable rule's quick fix through the editor's own UI: go to the finding (Ctrl+G), open
    // the quick fixes (Ctrl+.), pick the fix, and see the code change. The findings and their
    // fixes come from the CLI's JSON on the same folder; each file is fixed from its last line up.
    const lint = JSON.parse(execFileSync(process.execPath, [CLI, 'lint', '--format', 'json', '--fail-on', 'none'], { cwd: workspace, encoding: 'utf8' }));
    const wanted = ['unsupported-cap-param', 'unknown-model', 'uncached-prefix', 'unused-suppression', 'cap-exceeds-model-limit', 'retired-model'];
    const targets = lint.findings
      .filter((f) => wanted.includes(f.rule) && f.fix)
      .sort((a, b) => a.file.localeCompare(b.file) || b.range.start.line - a.range.start.line);
    const fixedRules = new Set();
    for (const f of targets) {
      if (fixedRules.has(f.rule)) continue;
      await page.keyboard.press('Control+P');
      await page.keyboard.type(f.file);
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: f.file.split('/').pop() })
        .first()
        .waitFor({ timeout: 15000 });
      await page.keyboard.press('Enter');
      const ed = page.locator('.editor-instance .monaco-editor').first();
      await ed.locator('.view-lines').waitFor();
      await page.waitForTimeout(300);
      await page.keyboard.press('Control+G');
      await page.keyboard.type(`${f.range.start.line}:${f.range.start.column}`);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
      const before = readFileSync(join(workspace, f.file), 'utf8');
      const expected = applyFix(before, f.fix.edits);
      await page.keyboard.press('Control+.');
      const row = page.locator('.action-widget .monaco-list-row', { hasText: f.fix.title });
      await row.first().waitFor({ timeout: 20000 });
      for (let i = 0; i < 10 && !/\bfocused\b/.test((await row.first().getAttribute('class')) ?? ''); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      // Saved, the file on disk shows the fix exactly as the CLI described it.
      await page.waitForTimeout(300);
      await page.keyboard.press('Control+S');
      for (let i = 0; i < 50 && readFileSync(join(workspace, f.file), 'utf8') !== expected; i++) await page.waitForTimeout(200);
      if (readFileSync(join(workspace, f.file), 'utf8') !== expected)
        throw new Error(`${f.rule}: the quick fix "${f.fix.title}" did not give the expected text in ${f.file}`);
      fixedRules.add(f.rule);
      await shot(`fix-${f.rule}`);
    }
    const missing = wanted.filter((r) => !fixedRules.has(r));
    if (missing.length) throw new Error(`no finding to fix through the UI for: ${missing.join(', ')}`);
  } catch (e) {
    await shot('failure').catch(() => undefined);
    throw e;
  } finally {
    await ctx.close();
  }
}

export async function runInHostSuite({ url, workspace, extensionPath, suitePath, artifacts, tmp }) {
  const ctx = await browser(tmp, 'suite');
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const output = [];
  page.on('console', (m) => output.push(m.text()));
  try {
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://remote${extensionPath}`],
      ['extensionTestsPath', `vscode-remote://remote${suitePath}`],
    ]);
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    let timer;
    const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), 180000)))]);
    clearTimeout(timer);
    const summary = output.filter((l) => /passing|failing|passed, \d+ failed|✔|✓|[0-9]+\) |costlint activation/.test(l));
    for (const l of summary) console.log(`  ${l}`);
    if (code !== 0) {
      await page.screenshot({ path: join(artifacts, 'in-host-failure.png') }).catch(() => undefined);
      throw new Error(`in-host suite exited with ${code}\n${output.slice(-60).join('\n')}`);
    }
  } finally {
    await ctx.close();
  }
}
