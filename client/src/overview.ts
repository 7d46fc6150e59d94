// The workspace's call sites in the editor: the "LLM calls" tree (files, then call sites, sorted
// by cost) and the status bar item (the active file's worst case per call). Both read the server's
// workspace summary and refresh when it says it changed.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { fileCost, WORKSPACE_CHANGED, WORKSPACE_REQUEST, type FileSummary, type SiteSummary, type WorkspaceSummary } from '../../server/src/protocol';
import { formatUsd } from '../../server/src/core/format';

type Node = { kind: 'file'; file: FileSummary } | { kind: 'site'; file: FileSummary; site: SiteSummary } | { kind: 'scanning' };

const count = (f: Record<'error' | 'warning' | 'info', number>) => f.error + f.warning + f.info;
const usd = (n: number | null | undefined) => (n === null || n === undefined ? 'cost unknown' : formatUsd(n));

export function siteLabel(s: SiteSummary): string {
  return `${s.model ?? '?'} · ${s.operation}`;
}

export function siteDescription(s: SiteSummary): string {
  const parts = [`${usd(s.perCall?.max)}/call`];
  if (s.iterations !== null) parts.push(`×${s.iterations} in a loop`);
  else if (s.inLoop) parts.push('in a loop');
  if (s.monthly !== null) parts.push(`${formatUsd(s.monthly)}/month`);
  if (s.measured)
    parts.push(
      `measured ${s.measured.monthly !== null ? `${formatUsd(s.measured.monthly)}/month` : `${Math.round(s.measured.callsPerMonth).toLocaleString('en-US')} calls/month`}${s.measured.stale ? ' (stale)' : ''}`,
    );
  const n = count(s.findings);
  if (n) parts.push(`${n} finding${n === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

export function fileDescription(f: FileSummary): string {
  const n = count(f.findings);
  return `${formatUsd(fileCost(f))}/call · ${f.callSites.length} call${f.callSites.length === 1 ? '' : 's'}${n ? ` · ${n} finding${n === 1 ? '' : 's'}` : ''}`;
}

/** Where a call site opens: its file (or notebook cell) at the method name. */
function openCommand(file: FileSummary, site?: SiteSummary): vscode.Command {
  const uri = vscode.Uri.parse(file.uri);
  if (!site) return { title: 'Open', command: 'vscode.open', arguments: [uri] };
  const r = site.range;
  const selection = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  return { title: 'Open', command: 'costlint.reveal', arguments: [uri, selection, site.cell] };
}

export class CallsTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly overview: Overview) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    const s = this.overview.summary;
    if (!s) return [];
    if (!node) {
      const files = s.files.filter((f) => f.callSites.length).map((file): Node => ({ kind: 'file', file }));
      return s.scanning ? [{ kind: 'scanning' }, ...files] : files;
    }
    return node.kind === 'file' ? node.file.callSites.map((site): Node => ({ kind: 'site', file: node.file, site })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'scanning') {
      const item = new vscode.TreeItem('Scanning the workspace…');
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      return item;
    }
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.file.path, vscode.TreeItemCollapsibleState.Expanded);
      item.resourceUri = vscode.Uri.parse(node.file.uri);
      item.description = fileDescription(node.file);
      item.contextValue = 'costlint.file';
      item.id = node.file.uri;
      return item;
    }
    const s = node.site;
    const item = new vscode.TreeItem(siteLabel(s));
    item.description = siteDescription(s);
    item.id = `${node.file.uri}::${s.id}`;
    item.iconPath = new vscode.ThemeIcon(s.findings.error ? 'error' : s.findings.warning ? 'warning' : s.findings.info ? 'info' : 'symbol-method');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${s.id}**\n\n`);
    md.appendMarkdown(`- worst case: ${s.perCall ? `${formatUsd(s.perCall.min)} – ${formatUsd(s.perCall.max)}` : 'unknown'} per call\n`);
    if (s.expected !== null) md.appendMarkdown(`- expected: ${formatUsd(s.expected)} per call\n`);
    if (s.monthly !== null)
      md.appendMarkdown(`- per month: ${formatUsd(s.monthly)} (${s.callsPerMonth?.toLocaleString('en-US')} calls${s.measured ? ', measured' : ''})\n`);
    if (s.measured)
      md.appendMarkdown(
        `- measured: ${s.measured.monthly !== null ? `${formatUsd(s.measured.monthly)} per month` : 'not priced'}${s.measured.stale ? ' (stale import)' : ''}\n`,
      );
    if (s.feature) md.appendMarkdown(`- feature: ${s.feature}\n`);
    if (s.owners.length) md.appendMarkdown(`- owners: ${s.owners.join(', ')}\n`);
    item.tooltip = md;
    item.command = openCommand(node.file, s);
    item.contextValue = 'costlint.site';
    return item;
  }
}

/** The workspace summary, kept up to date from the server; the tree and the status bar follow it. */
export class Overview implements vscode.Disposable {
  summary: WorkspaceSummary | null = null;
  readonly tree: CallsTree;
  readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly client: LanguageClient) {
    this.tree = new CallsTree(this);
    this.status = vscode.window.createStatusBarItem('costlint.cost', vscode.StatusBarAlignment.Right, 100);
    this.status.name = 'costlint: cost of this file';
    this.status.command = 'costlint.showReport';
    this.disposables.push(
      this.status,
      vscode.window.registerTreeDataProvider('costlintCalls', this.tree),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
      vscode.window.onDidChangeActiveNotebookEditor(() => this.updateStatus()),
    );
    client.onNotification(WORKSPACE_CHANGED, () => void this.fetch());
    void this.fetch();
  }

  onChange(f: () => void): vscode.Disposable {
    this.listeners.add(f);
    return { dispose: () => this.listeners.delete(f) };
  }

  async fetch(): Promise<WorkspaceSummary | null> {
    try {
      this.summary = await this.client.sendRequest<WorkspaceSummary>(WORKSPACE_REQUEST);
    } catch {
      return this.summary;
    }
    this.tree.refresh();
    this.updateStatus();
    for (const f of this.listeners) f();
    return this.summary;
  }

  /** The summary of the file in the active editor (a notebook's cells count as the notebook). */
  activeFile(): FileSummary | undefined {
    const uri = vscode.window.activeNotebookEditor?.notebook.uri ?? vscode.window.activeTextEditor?.document.uri;
    return uri ? this.summary?.files.find((f) => f.uri === uri.toString()) : undefined;
  }

  updateStatus(): void {
    const f = this.activeFile();
    if (!f || !f.callSites.length) {
      this.status.hide();
      return;
    }
    const monthly = f.callSites.some((c) => c.monthly !== null) ? f.callSites.reduce((n, c) => n + (c.monthly ?? 0), 0) : null;
    const measured = f.callSites.some((c) => c.measured?.monthly != null) ? f.callSites.reduce((n, c) => n + (c.measured?.monthly ?? 0), 0) : null;
    // Some measured calls not priced: the sum is of the others, and says so.
    const unpriced = f.callSites.some((c) => c.measured && c.measured.monthly === null);
    this.status.text = `$(pulse) ${formatUsd(fileCost(f))}/call${monthly !== null ? ` · ${formatUsd(monthly)}/mo` : ''}${measured !== null ? ` · measured ${formatUsd(measured)}/mo${unpriced ? '+' : ''}` : unpriced ? ' · measured (not priced)' : ''}`;
    const md = new vscode.MarkdownString(
      `**costlint**: ${f.callSites.length} LLM call${f.callSites.length === 1 ? '' : 's'} in this file, worst case for one call of each\n\n`,
    );
    for (const s of f.callSites) md.appendMarkdown(`- ${s.model ?? '?'} \`${s.operation}\` line ${s.range.start.line + 1}: ${usd(s.perCall?.max)}\n`);
    md.appendMarkdown('\nClick for the workspace report.');
    this.status.tooltip = md;
    this.status.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
