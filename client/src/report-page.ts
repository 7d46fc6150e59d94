// The cost report's page (no VS Code API here, so it is tested in Node): every call site of the workspace in a sortable table, and bar
// charts of cost by file, provider and model, per call and per month. Drawn as plain HTML and
// inline SVG by a script in the page: no network, no library, the editor's theme colours, and a
// content security policy that allows only this page's own nonce-tagged script and style.
import { randomBytes } from 'node:crypto';
import type { WorkspaceSummary } from '../../server/src/protocol';

export interface ReportRow {
  file: string;
  uri: string;
  line: number;
  id: string;
  provider: string;
  model: string;
  perCall: number | null;
  expected: number | null;
  monthly: number | null;
  /** Measured per month (costlint.usage.json), when measured and priced. */
  measured: number | null;
  /** Measured, but some of its calls ran a model with no price: no measured monthly figure. */
  measuredUnpriced: boolean;
  feature: string;
  /** Its owners (CODEOWNERS); a call site with two counts for both in the owner chart. */
  owners: string[];
  findings: number;
}

/** What the charts group by: the feature and owner series only when some call site has one. */
export type ChartKey = 'file' | 'provider' | 'model' | 'feature' | 'owner';
export type Measure = 'perCall' | 'monthly' | 'measured';
const NO_FEATURE = '(no feature)';
const NO_OWNER = '(no owner)';

/** The table's rows: one per call site. */
export function reportRows(s: WorkspaceSummary): ReportRow[] {
  return s.files.flatMap((f) =>
    f.callSites.map((c) => ({
      file: f.path,
      uri: f.uri,
      line: c.range.start.line,
      id: c.id,
      provider: c.provider,
      model: c.model ?? '?',
      perCall: c.perCall?.max ?? null,
      expected: c.expected,
      monthly: c.monthly,
      measured: c.measured?.monthly ?? null,
      measuredUnpriced: c.measured !== null && c.measured.monthly === null,
      feature: c.feature ?? NO_FEATURE,
      owners: c.owners.length ? c.owners : [NO_OWNER],
      findings: c.findings.error + c.findings.warning + c.findings.info,
    })),
  );
}

/** Sums of a measure by a key, largest first: what each bar chart draws. */
export function totalsBy(rows: ReportRow[], key: ChartKey, measure: Measure): { label: string; usd: number }[] {
  const m = new Map<string, number>();
  for (const r of rows) {
    const v = r[measure];
    if (v === null) continue;
    for (const label of key === 'owner' ? r.owners : [r[key]]) m.set(label, (m.get(label) ?? 0) + v);
  }
  return [...m].map(([label, usd]) => ({ label, usd })).sort((a, b) => b.usd - a.usd);
}

/** The page. Data goes in as JSON in a script element (escaped for HTML), drawn by the nonce'd script. */
export function reportHtml(s: WorkspaceSummary, cspSource: string, nonce = randomBytes(16).toString('base64')): string {
  const rows = reportRows(s);
  // The charts' series are computed here (tested), the page only draws them: top 10 of each.
  const keys: ChartKey[] = ['file', 'provider', 'model'];
  if (rows.some((r) => r.feature !== NO_FEATURE)) keys.push('feature');
  if (rows.some((r) => r.owners[0] !== NO_OWNER)) keys.push('owner');
  const charts = Object.fromEntries(
    (['perCall', 'monthly', 'measured'] as const).map((m) => [m, Object.fromEntries(keys.map((k) => [k, totalsBy(rows, k, m).slice(0, 10)]))]),
  );
  const data = JSON.stringify({ rows, charts, keys, scanning: s.scanning, asOf: s.rateCardsAsOf }).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>costlint: cost report</title>
<style nonce="${nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 24px; }
  h1 { font-size: 1.3em; font-weight: 600; }
  h2 { font-size: 1.05em; font-weight: 600; margin: 0 0 6px; }
  .summary { color: var(--vscode-descriptionForeground); margin-bottom: 16px; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; margin-bottom: 20px; }
  .chart { border: 1px solid var(--vscode-panel-border); padding: 10px; border-radius: 4px; }
  .chart svg { width: 100%; display: block; }
  .chart text { fill: var(--vscode-foreground); font-size: 11px; }
  .chart rect.bar { fill: var(--vscode-charts-blue); }
  .chart.monthly rect.bar { fill: var(--vscode-charts-orange); }
  .chart.measured rect.bar { fill: var(--vscode-charts-green); }
  .empty { color: var(--vscode-descriptionForeground); font-style: italic; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border); }
  th { cursor: pointer; user-select: none; white-space: nowrap; }
  th[aria-sort="ascending"]::after { content: " ▲"; }
  th[aria-sort="descending"]::after { content: " ▼"; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  a { color: var(--vscode-textLink-foreground); cursor: pointer; }
  .toggle { margin-bottom: 12px; }
  .toggle button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 4px 10px; cursor: pointer; }
  .toggle button[aria-pressed="true"] { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
</style>
</head>
<body>
<h1>LLM cost report</h1>
<div class="summary" id="summary"></div>
<div class="toggle" role="group" aria-label="Measure">
  <button id="perCall" aria-pressed="true">Per call (worst case)</button>
  <button id="monthly" aria-pressed="false">Per month (usage)</button>
  <button id="measured" aria-pressed="false">Measured per month</button>
</div>
<div class="charts" id="charts"></div>
<table id="table" aria-label="Call sites">
  <thead><tr>
    <th data-key="file">File</th><th data-key="id">Call site</th><th data-key="provider">Provider</th><th data-key="model">Model</th>
    <th data-key="perCall" class="num">Per call</th><th data-key="expected" class="num">Expected</th><th data-key="monthly" class="num">Per month</th><th data-key="measured" class="num">Measured / month</th><th data-key="findings" class="num">Findings</th>
  </tr></thead>
  <tbody></tbody>
</table>
<script type="application/json" id="data">${data}</script>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const { rows, charts, keys, scanning, asOf } = JSON.parse(document.getElementById('data').textContent);
  const usd = (n) => {
    if (n === null || n === undefined) return '–';
    if (n === 0) return '$0';
    if (n >= 1) return '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const p = Number(n.toPrecision(2));
    const d = Math.max(2, -Math.floor(Math.log10(p)) + 1);
    return '$' + p.toFixed(d).replace(/(\\.\\d\\d\\d*?)0+$/, '$1');
  };
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  let measure = 'perCall';
  let sortKey = 'perCall';
  let sortDir = -1;

  const priced = rows.filter((r) => r.perCall !== null);
  const withUsage = rows.filter((r) => r.monthly !== null);
  const measured = rows.filter((r) => r.measured !== null);
  const sum = (xs, k) => xs.reduce((n, r) => n + r[k], 0);
  document.getElementById('summary').textContent =
    rows.length + ' call sites · ' + usd(sum(priced, 'perCall')) + ' for one call of each (worst case)' +
    (withUsage.length ? ' · ' + usd(sum(withUsage, 'monthly')) + ' per month for the ' + withUsage.length + ' with usage' : ' · no usage in costlint.json: figures are per call') +
    (measured.length ? ' · ' + usd(sum(measured, 'measured')) + ' per month measured at ' + measured.length + ' call site' + (measured.length === 1 ? '' : 's') : '') +
    (rows.some((r) => r.measuredUnpriced) ? ' (' + rows.filter((r) => r.measuredUnpriced).length + ' more measured, not priced: not in that sum)' : '') +
    (scanning ? ' · still scanning…' : '') + ' · rate cards as of ' + (asOf || 'unknown');

  function chart(title, key) {
    const data = charts[measure][key].map((d) => ({ label: d.label, v: d.usd }));
    if (!data.length) return '<div class="chart"><h2>' + esc(title) + '</h2><div class="empty">' + (measure === 'monthly' ? 'No usage in costlint.json' : measure === 'measured' ? 'Nothing measured: costlint usage import --write' : 'Nothing priced') + '</div></div>';
    const max = data[0].v || 1, bar = 18, gap = 6, labelW = 150, valueW = 70, width = 460;
    const h = data.length * (bar + gap);
    const bars = data.map((d, i) => {
      const y = i * (bar + gap);
      const w = Math.max(1, (d.v / max) * (width - labelW - valueW));
      const label = d.label.length > 24 ? '…' + d.label.slice(-23) : d.label;
      return '<g><title>' + esc(d.label) + ': ' + usd(d.v) + '</title>' +
        '<text x="0" y="' + (y + 13) + '">' + esc(label) + '</text>' +
        '<rect class="bar" x="' + labelW + '" y="' + y + '" width="' + w.toFixed(1) + '" height="' + bar + '" rx="2"></rect>' +
        '<text x="' + (labelW + w + 6).toFixed(1) + '" y="' + (y + 13) + '">' + usd(d.v) + '</text></g>';
    }).join('');
    return '<div class="chart ' + measure + '"><h2>' + esc(title) + '</h2><svg viewBox="0 0 ' + width + ' ' + h + '" role="img" aria-label="' + esc(title) + '">' + bars + '</svg></div>';
  }
  function drawCharts() {
    const unit = measure === 'monthly' ? ' per month' : measure === 'measured' ? ' per month, measured' : ' per call';
    document.getElementById('charts').innerHTML = keys.map((k) => chart('By ' + k + unit, k)).join('');
  }
  function drawTable() {
    const sorted = [...rows].sort((a, b) => {
      const x = a[sortKey], y = b[sortKey];
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sortDir;
    });
    document.querySelector('#table tbody').innerHTML = sorted.map((r, i) =>
      '<tr><td><a data-i="' + rows.indexOf(r) + '">' + esc(r.file) + ':' + (r.line + 1) + '</a></td><td>' + esc(r.id) + '</td><td>' + esc(r.provider) + '</td><td>' + esc(r.model) + '</td>' +
      '<td class="num">' + usd(r.perCall) + '</td><td class="num">' + usd(r.expected) + '</td><td class="num">' + usd(r.monthly) + '</td><td class="num">' + usd(r.measured) + '</td><td class="num">' + r.findings + '</td></tr>').join('');
    for (const th of document.querySelectorAll('th')) th.setAttribute('aria-sort', th.dataset.key === sortKey ? (sortDir > 0 ? 'ascending' : 'descending') : 'none');
  }
  document.querySelector('#table thead').addEventListener('click', (e) => {
    const key = e.target.dataset && e.target.dataset.key;
    if (!key) return;
    sortDir = key === sortKey ? -sortDir : (['file', 'id', 'provider', 'model'].includes(key) ? 1 : -1);
    sortKey = key;
    drawTable();
  });
  document.querySelector('#table tbody').addEventListener('click', (e) => {
    const i = e.target.dataset && e.target.dataset.i;
    if (i !== undefined) vscode.postMessage({ type: 'open', uri: rows[i].uri, line: rows[i].line });
  });
  for (const m of ['perCall', 'monthly', 'measured']) document.getElementById(m).addEventListener('click', () => {
    measure = m;
    for (const b of ['perCall', 'monthly', 'measured']) document.getElementById(b).setAttribute('aria-pressed', String(b === m));
    drawCharts();
  });
  drawCharts();
  drawTable();
})();
</script>
</body>
</html>`;
}
