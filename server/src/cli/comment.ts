// Keeps one pull-request comment with the cost diff up to date through GitHub's REST API: the
// comment costlint posted before (found by a hidden marker) is edited in place; a new one is
// posted only when costs change, so pull requests that do not touch LLM calls stay quiet.
import type { CostDiff } from './diff';

/** Hidden in the comment's body: how costlint finds its own comment again. */
export const MARKER = '<!-- costlint:cost-diff -->';

export interface CommentTarget {
  /** `https://api.github.com`, or GitHub Enterprise's API address (`GITHUB_API_URL`). */
  apiUrl: string;
  token: string;
  /** `owner/name` (`GITHUB_REPOSITORY`). */
  repo: string;
  pr: number;
}

export type CommentResult = 'created' | 'updated' | 'unchanged' | 'skipped';

export class GithubError extends Error {}

/** Whether the diff changes anything a reviewer should see. */
export function costsChanged(d: CostDiff): boolean {
  return d.sites.some((s) => s.status !== 'unchanged');
}

async function api(t: CommentTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${t.apiUrl.replace(/\/$/, '')}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${t.token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'costlint',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (!res.ok)
    throw new GithubError(
      `GitHub API ${method} ${path}: ${res.status} ${res.statusText}${res.status === 403 || res.status === 404 ? ' (does the token have pull-requests: write / issues: write?)' : ''}`,
    );
  return res.status === 204 ? null : res.json();
}

/**
 * Posts or edits the cost comment: edits costlint's earlier comment when there is one (even when
 * nothing changed any more: it then says so), posts a new one only when `changed`.
 */
export async function upsertComment(t: CommentTarget, markdown: string, changed: boolean): Promise<{ result: CommentResult; id: number | null }> {
  const body = `${MARKER}\n${markdown}`;
  let existing: { id: number; body: string } | undefined;
  for (let page = 1; page <= 20 && !existing; page++) {
    const list = (await api(t, 'GET', `/repos/${t.repo}/issues/${t.pr}/comments?per_page=100&page=${page}`)) as { id: number; body?: string }[];
    existing = list.find((c) => c.body?.includes(MARKER)) as { id: number; body: string } | undefined;
    if (list.length < 100) break;
  }
  if (existing) {
    if (existing.body === body) return { result: 'unchanged', id: existing.id };
    await api(t, 'PATCH', `/repos/${t.repo}/issues/comments/${existing.id}`, { body });
    return { result: 'updated', id: existing.id };
  }
  if (!changed) return { result: 'skipped', id: null };
  const created = (await api(t, 'POST', `/repos/${t.repo}/issues/${t.pr}/comments`, { body })) as { id: number };
  return { result: 'created', id: created.id };
}

/** The pull request's number from the Actions event payload (`GITHUB_EVENT_PATH`), or null. */
export function prNumberFromEvent(event: unknown): number | null {
  const e = event as { pull_request?: { number?: unknown }; number?: unknown } | null;
  const n = e?.pull_request?.number ?? e?.number;
  return typeof n === 'number' ? n : null;
}
