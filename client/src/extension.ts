// The costlint VS Code extension: starts the bundled language server, shows its log in the
// "costlint" output channel, and adds the workspace views the server feeds: the status bar item,
// the "LLM calls" tree, the cost report, and the commands under the "costlint" category.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  RATE_CARD_REQUEST,
  RESCAN_REQUEST,
  SERVER_ENV,
  SERVER_EXEC_ARGV,
  TRUSTED_NOTIFICATION,
  type RateCardEntry,
  type WorkspaceSummary,
} from '../../server/src/protocol';
import { ANALYZED_EXTENSIONS, VSCODE_LANGUAGE_IDS } from '../../server/src/core/languages';
import { Overview } from './overview';
import { ReportPanel } from './report';

/** The documents the server analyzes: the VS Code language ids of the registry (server/src/core/languages). */
const LANGUAGES = VSCODE_LANGUAGE_IDS;
/** Files that are not analyzed themselves but that analyses read: configs, prompts, templates, notebooks. */
const OTHER_WATCHED = ['json', 'md', 'txt', 'jinja', 'j2', 'hbs', 'mustache', 'tmpl', 'yaml', 'yml', 'ipynb'];
let client: LanguageClient | undefined;

/** What the in-editor tests read (the same suite runs in code-server and in desktop VS Code). */
export interface CostlintApi {
  workspace(): Promise<WorkspaceSummary | null>;
  statusBarText(): string | undefined;
  treeRoots(): { label: string; description: string; children: { label: string; description: string; command?: vscode.Command }[] }[];
  reportHtml(): string | undefined;
  /** Milliseconds from activation to the language server answering its first request. */
  activationMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<CostlintApi> {
  const started = Date.now();
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    // The runtime flags and environment the memory figures are measured with (see protocol.ts).
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV, env: SERVER_ENV } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'], env: SERVER_ENV } },
  };
  const outputChannel = vscode.window.createOutputChannel('costlint', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // Python cells of Jupyter notebooks (the server analyzes a notebook's cells as one module).
      { notebook: { notebookType: 'jupyter-notebook' }, language: 'python' },
      // The configuration: its problems are diagnostics at their place in the file.
      { scheme: 'file', pattern: '**/costlint.json' },
    ],
    outputChannel,
    // In an untrusted workspace the server does not read the rate-card files costlint.json names.
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    // Clients, constants and prompt files from other files: the server re-analyzes their users when they change on disk.
    // costlint.usage.json (measured usage) is JSON; CODEOWNERS (cost by owner) has no extension.
    synchronize: {
      configurationSection: 'costlint',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(`**/*.{${[...ANALYZED_EXTENSIONS, ...OTHER_WATCHED].join(',')}}`),
        vscode.workspace.createFileSystemWatcher('**/CODEOWNERS'),
      ],
    },
  };
  client = new LanguageClient('costlint', 'costlint', serverOptions, clientOptions);
  context.subscriptions.push(outputChannel);
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TRUSTED_NOTIFICATION)));
  await client.start();
  const activationMs = Date.now() - started;
  outputChannel.info(`costlint: activated, language server ready in ${activationMs} ms`);

  const overview = new Overview(client);
  const c = client;
  context.subscriptions.push(
    overview,
    vscode.commands.registerCommand('costlint.showReport', () => ReportPanel.show(overview)),
    vscode.commands.registerCommand('costlint.rescan', () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'costlint: scanning the workspace' }, async () => {
        await c.sendRequest(RESCAN_REQUEST);
        await overview.fetch();
      }),
    ),
    vscode.commands.registerCommand('costlint.reveal', async (uri: vscode.Uri, selection: vscode.Range, cell?: number) => {
      if (cell !== undefined) {
        const nb = await vscode.workspace.openNotebookDocument(uri);
        await vscode.window.showNotebookDocument(nb, { selections: [new vscode.NotebookRange(cell, cell + 1)] });
        return;
      }
      await vscode.window.showTextDocument(uri, { selection });
    }),
    vscode.commands.registerCommand('costlint.openRateCard', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const entry = await c.sendRequest<RateCardEntry | null>(RATE_CARD_REQUEST, {
        textDocument: { uri: editor.document.uri.toString() },
        position: editor.selection.active,
      });
      if (!entry) {
        void vscode.window.showInformationMessage('costlint: put the cursor on an LLM call whose model is in a rate card.');
        return;
      }
      const pos = new vscode.Position(entry.line, 0);
      await vscode.window.showTextDocument(vscode.Uri.file(entry.file), { selection: new vscode.Range(pos, pos), preview: true });
    }),
    vscode.commands.registerCommand('costlint.openRuleDocs', async (rule?: string) => {
      const id = typeof rule === 'string' ? rule : ruleAtCursor();
      if (!id) {
        void vscode.window.showInformationMessage('costlint: put the cursor on a costlint finding to open its rule.');
        return;
      }
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${id}.md`))));
    }),
    vscode.commands.registerCommand('costlint.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const doc = editor.document;
      const all = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions =
        (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, all, 'source.fixAll.costlint')) ?? [];
      const fix = actions.find((a) => a.kind?.value === 'source.fixAll.costlint' && a.edit);
      if (!fix) {
        void vscode.window.showInformationMessage('costlint: no safe fix to apply in this file.');
        return;
      }
      await vscode.workspace.applyEdit(fix.edit!);
    }),
  );

  return {
    workspace: () => overview.fetch(),
    statusBarText: () => (overview.activeFile()?.callSites.length ? overview.status.text : undefined),
    treeRoots: () =>
      overview.tree.getChildren().flatMap((n) => {
        const item = overview.tree.getTreeItem(n);
        const children = overview.tree.getChildren(n).map((k) => overview.tree.getTreeItem(k));
        return [
          {
            label: labelText(item.label),
            description: descriptionText(item.description),
            children: children.map((k) => ({ label: labelText(k.label), description: descriptionText(k.description), command: k.command })),
          },
        ];
      }),
    reportHtml: () => ReportPanel.open?.html,
    activationMs,
  };
}

/** The rule of the costlint diagnostic under the cursor, if any. */
function ruleAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const at = editor.selection.active;
  const d = vscode.languages.getDiagnostics(editor.document.uri).find((x) => x.source === 'costlint' && x.range.contains(at));
  const code = d?.code;
  return typeof code === 'string' ? code : typeof code === 'object' ? String(code.value) : undefined;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** A tree item's label as text (a label may be an object with highlights). */
function labelText(label: string | vscode.TreeItemLabel | undefined): string {
  return typeof label === 'object' ? label.label : (label ?? '');
}

/** A tree item's description as text (`true` asks VS Code to derive one; the tree never sets it). */
function descriptionText(description: string | boolean | undefined): string {
  return typeof description === 'string' ? description : '';
}
