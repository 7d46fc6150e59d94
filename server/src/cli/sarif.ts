// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for code-scanning tools such as
// GitHub's: every rule with its metadata and its documentation page (as help text and a link),
// each finding with its location, its fix as replacements, and a fingerprint that does not change
// when lines move. Problems in costlint.json are tool configuration notifications.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../core/rules';
import { textHash } from '../core/text';
import type { Finding, Severity } from '../core/types';
import { issueText, type FileReport, type RunInfo } from './report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** The folder file paths are relative to (`%SRCROOT%`). */
  root: string;
  /** Where the rule pages are: the bundled docs folder (`docs/rules/<id>.md` under it). */
  docsDir: string | null;
  /** A web address of the docs (`https://github.com/org/costlint/blob/main`), when the package names its repository. */
  docsUrl: string | null;
}

/** The region of a finding: SARIF's lines and columns are 1-based, its end column exclusive (as ours). */
function region(r: Finding['range']) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/**
 * A file path as a relative URI reference: each segment percent-encoded (`#`, `?`, `%` and spaces
 * too), so `x:3:4.py` is a file, not the scheme `x:`, and `a#b.py` is not a fragment.
 */
export function relativeUri(path: string): string {
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

export function toSarif(reports: FileReport[], info: RunInfo, o: SarifOptions): string {
  const rules = RULES.map((r) => {
    const doc = o.docsDir ? readDoc(join(o.docsDir, `${r.meta.id}.md`)) : null;
    const helpUri = o.docsUrl ? `${o.docsUrl}/${r.meta.docs}` : o.docsDir ? pathToFileURL(join(o.docsDir, `${r.meta.id}.md`)).href : undefined;
    return {
      id: r.meta.id,
      name: r.meta.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: r.meta.description },
      fullDescription: { text: r.meta.description },
      defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
      ...(helpUri ? { helpUri } : {}),
      ...(doc ? { help: { text: doc, markdown: doc } } : {}),
      properties: { tags: ['cost', 'llm'], fixSafety: r.meta.fixSafety ?? 'none' },
    };
  });
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const results = reports.flatMap((rep) =>
    (rep.result?.findings ?? []).map((f) => {
      const location = { physicalLocation: { artifactLocation: { uri: relativeUri(rep.file), uriBaseId: '%SRCROOT%' }, region: region(f.range) } };
      // The same finding keeps its fingerprint when code above it moves: file, rule, message, and the
      // text of the call site's id where one is at the finding's place.
      const site = rep.result!.callSites.find((c) => c.nameRange.start.line === f.range.start.line && c.cell === f.cell);
      return {
        ruleId: f.rule,
        ruleIndex: ruleIndex.get(f.rule) ?? -1,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [f.cell !== undefined ? { ...location, message: { text: `notebook cell ${f.cell}` } } : location],
        partialFingerprints: { 'costlint/v1': textHash(`${rep.file}|${f.rule}|${site?.id ?? f.message}`) },
        ...(f.fix
          ? {
              fixes: [
                {
                  description: { text: `${f.fix.title} (${f.fix.safety})` },
                  artifactChanges: [
                    {
                      artifactLocation: { uri: relativeUri(rep.file), uriBaseId: '%SRCROOT%' },
                      replacements: f.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                    },
                  ],
                },
              ],
            }
          : {}),
      };
    }),
  );
  const notifications = [
    ...(info.configIssues ?? []).map((i) => ({
      level: 'error' as const,
      message: { text: issueText(i) },
      locations: [
        { physicalLocation: { artifactLocation: { uri: relativeUri(i.file), uriBaseId: '%SRCROOT%' }, region: { startLine: i.line, startColumn: i.column } } },
      ],
    })),
    ...info.rateCardIssues.map((i) => ({
      level: 'warning' as const,
      message: { text: `rate card ${i.file}${i.entry ? ` entry ${i.entry}` : ''}: ${i.message} (entry skipped)` },
    })),
  ];
  const skipped = reports.filter((r) => r.skipped).map((r) => ({ level: 'note' as const, message: { text: `${r.file}: ${r.skipped}` } }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'costlint', version: info.version, semanticVersion: info.version, ...(o.docsUrl ? { informationUri: o.docsUrl } : {}), rules },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(o.root.endsWith('/') ? o.root : `${o.root}/`).href } },
        invocations: [
          {
            executionSuccessful: true,
            ...(notifications.length ? { toolConfigurationNotifications: notifications } : {}),
            ...(skipped.length ? { toolExecutionNotifications: skipped } : {}),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function readDoc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
