// "costlint: Show Cost Report": the webview panel showing the report page (report-page.ts),
// redrawn when the workspace summary changes; a click on a row opens the call site.
import * as vscode from 'vscode';
import type { Overview } from './overview';
import { reportHtml } from './report-page';

/** The report panel: one at a time, redrawn when the workspace summary changes. */
export class ReportPanel {
  private static current: ReportPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(overview: Overview): ReportPanel {
    if (ReportPanel.current) {
      ReportPanel.current.panel.reveal();
      return ReportPanel.current;
    }
    const panel = vscode.window.createWebviewPanel('costlint.report', 'costlint: Cost Report', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
    });
    ReportPanel.current = new ReportPanel(panel, overview);
    return ReportPanel.current;
  }

  static get open(): ReportPanel | undefined {
    return ReportPanel.current;
  }

  html = '';

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly overview: Overview,
  ) {
    this.render();
    this.disposables.push(
      overview.onChange(() => this.render()),
      panel.webview.onDidReceiveMessage((m: { type: string; uri: string; line: number }) => {
        if (m.type !== 'open') return;
        const pos = new vscode.Position(m.line, 0);
        void vscode.window.showTextDocument(vscode.Uri.parse(m.uri), { selection: new vscode.Range(pos, pos) });
      }),
      panel.onDidDispose(() => {
        ReportPanel.current = undefined;
        for (const d of this.disposables) d.dispose();
      }),
    );
  }

  private render(): void {
    const s = this.overview.summary ?? { roots: [], files: [], scanning: true, scannedFiles: 0, rateCardsAsOf: null };
    this.html = reportHtml(s, this.panel.webview.cspSource);
    this.panel.webview.html = this.html;
  }
}
