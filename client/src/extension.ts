// The costlint VS Code extension: starts the bundled language server and shows its log
// in the "costlint" output channel. All analysis happens in the server.
import * as path from 'node:path';
import { window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const LANGUAGES = ['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'ruby', 'go', 'java', 'csharp', 'php', 'prompty', 'dotprompt'];
let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = window.createOutputChannel('costlint', { log: true });
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
    initializationOptions: { trusted: workspace.isTrusted },
    // Clients, constants and prompt files from other files: the server re-analyzes their users when they change on disk.
    synchronize: { configurationSection: 'costlint', fileEvents: workspace.createFileSystemWatcher('**/*.{py,pyi,ts,tsx,mts,cts,js,jsx,mjs,cjs,json,md,txt,prompt,prompty,jinja,j2,hbs,mustache,tmpl,yaml,yml}') },
  };
  client = new LanguageClient('costlint', 'costlint', serverOptions, clientOptions);
  context.subscriptions.push(outputChannel);
  context.subscriptions.push(workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('costlint/trusted')));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
