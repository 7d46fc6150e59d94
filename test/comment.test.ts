// The pull-request comment the GitHub Action keeps up to date, against a local stub of GitHub's
// REST API on loopback: found again by its marker across pages, edited in place, posted only when
// costs change, errors said plainly. Then `costlint diff --comment` end to end, and the action file.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { GithubError, MARKER, upsertComment, type CommentTarget } from '../server/src/cli/comment';

interface Seen {
  method: string;
  url: string;
  auth: string | undefined;
  body: unknown;
}

/** A stub of the three endpoints the comment uses, over an in-memory list of comments. */
class GithubStub {
  comments: { id: number; body: string }[] = [];
  seen: Seen[] = [];
  failWith: number | null = null;
  private server: Server | undefined;
  private nextId = 1000;
  url = '';

  async start(): Promise<void> {
    this.server = createServer(
      (req, res) => void this.handle(req).then(([status, body]) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))),
    );
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): void {
    this.server?.close();
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw ? JSON.parse(raw) : undefined;
    this.seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
    if (this.failWith) return [this.failWith, { message: 'Resource not accessible by integration' }];
    const u = new URL(req.url!, this.url);
    let m = /^\/repos\/acme\/shop\/issues\/7\/comments$/.exec(u.pathname);
    if (m && req.method === 'GET') {
      const page = Number(u.searchParams.get('page') ?? 1);
      const per = Number(u.searchParams.get('per_page') ?? 30);
      return [200, this.comments.slice((page - 1) * per, page * per)];
    }
    if (m && req.method === 'POST') {
      const c = { id: this.nextId++, body: (body as { body: string }).body };
      this.comments.push(c);
      return [201, c];
    }
    m = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(u.pathname);
    if (m && req.method === 'PATCH') {
      const c = this.comments.find((x) => x.id === Number(m[1]));
      if (!c) return [404, { message: 'Not Found' }];
      c.body = (body as { body: string }).body;
      return [200, c];
    }
    return [404, { message: 'Not Found' }];
  }
}

describe('pull-request comment', () => {
  const stub = new GithubStub();
  let target: CommentTarget;
  before(async () => {
    await stub.start();
    target = { apiUrl: stub.url, token: 'ghs_test', repo: 'acme/shop', pr: 7 };
  });
  after(() => stub.stop());
  beforeEach(() => {
    stub.comments = [];
    stub.seen = [];
    stub.failWith = null;
  });

  it('no earlier comment and no cost change: nothing is posted', async () => {
    assert.deepEqual(await upsertComment(target, 'No call site changed.', false), { result: 'skipped', id: null });
    assert.deepEqual(
      stub.seen.map((s) => s.method),
      ['GET'],
    );
    assert.equal(stub.seen[0].auth, 'Bearer ghs_test');
  });

  it('a cost change with no earlier comment posts one, marked to be found again', async () => {
    const r = await upsertComment(target, '## costlint: LLM cost change', true);
    assert.equal(r.result, 'created');
    assert.deepEqual(stub.comments, [{ id: r.id, body: `${MARKER}\n## costlint: LLM cost change` }]);
  });

  it("the earlier comment is edited in place, found past other people's comments on later pages", async () => {
    stub.comments = Array.from({ length: 130 }, (_, i) => ({ id: i + 1, body: `review comment ${i}` }));
    stub.comments.push({ id: 500, body: `${MARKER}\nold figures` });
    const r = await upsertComment(target, 'new figures', true);
    assert.deepEqual(r, { result: 'updated', id: 500 });
    assert.equal(stub.comments.length, 131, 'no second comment');
    assert.equal(stub.comments.at(-1)!.body, `${MARKER}\nnew figures`);
    assert.deepEqual(
      stub.seen.map((s) => `${s.method} ${s.url}`),
      [
        'GET /repos/acme/shop/issues/7/comments?per_page=100&page=1',
        'GET /repos/acme/shop/issues/7/comments?per_page=100&page=2',
        'PATCH /repos/acme/shop/issues/comments/500',
      ],
    );
  });

  it('costs back to unchanged: the earlier comment is edited to say so (not left stale); the same text again is not re-sent', async () => {
    stub.comments = [{ id: 9, body: `${MARKER}\n+$40/month` }];
    assert.equal((await upsertComment(target, 'No call site changed.', false)).result, 'updated');
    stub.seen = [];
    assert.equal((await upsertComment(target, 'No call site changed.', false)).result, 'unchanged');
    assert.deepEqual(
      stub.seen.map((s) => s.method),
      ['GET'],
    );
  });

  it('a refused token is an error that says which permission is missing', async () => {
    stub.failWith = 403;
    await assert.rejects(upsertComment(target, 'x', true), (e: Error) => e instanceof GithubError && /403 .*pull-requests: write/.test(e.message));
  });

  it('costlint diff --comment: posts the Markdown diff to the pull request of the Actions event, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'costlint-action-'));
    const git = (...a: string[]) =>
      assert.equal(
        spawnSync('git', a, {
          cwd: dir,
          env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
        }).status,
        0,
      );
    const code = (model: string) =>
      `from openai import OpenAI\n\n\ndef ask(q):\n    return OpenAI().chat.completions.create(model="${model}", max_tokens=300, messages=[{"role": "user", "content": q}])\n`;
    git('init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'ask.py'), code('gpt-4o-mini'));
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    writeFileSync(join(dir, 'ask.py'), code('gpt-4o'));
    const event = join(dir, '..', `event-${Date.now()}.json`);
    writeFileSync(event, JSON.stringify({ action: 'synchronize', pull_request: { number: 7 } }));
    const run = () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        // Asynchronous: the stub answers in this same process.
        const p = spawn(process.execPath, [join(__dirname, '..', 'server', 'out', 'cli.js'), 'diff', 'HEAD', '--format', 'markdown', '--comment'], {
          cwd: dir,
          env: { ...process.env, GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'acme/shop', GITHUB_API_URL: stub.url, GITHUB_EVENT_PATH: event },
        });
        let stdout = '';
        let stderr = '';
        p.stdout.on('data', (d) => (stdout += d));
        p.stderr.on('data', (d) => (stderr += d));
        p.on('close', (c) => resolve({ code: c, stdout, stderr }));
      });
    const first = await run();
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /^costlint: pull request #7: comment created \((\d+)\)$/m);
    assert.equal(stub.comments.length, 1);
    assert.equal(stub.comments[0].body, `${MARKER}\n${first.stdout}`);
    assert.match(stub.comments[0].body, /\| `ask\.py::ask::chat\.completions\.create` \| model gpt-4o-mini → gpt-4o \|/);
    const again = await run();
    assert.match(again.stderr, new RegExp(`comment unchanged \\(${stub.comments[0].id}\\)`));
    assert.equal(stub.comments.length, 1);
  });

  it('action.yml runs the diff with --comment against the pull request base, and fails the step with the CLI', () => {
    const action = parseYaml(readFileSync(join(__dirname, '..', 'action.yml'), 'utf8'));
    assert.equal(action.runs.using, 'composite');
    assert.equal(action.inputs.base.default, '${{ github.event.pull_request.base.sha }}');
    const step = action.runs.steps.find((s: { name: string }) => s.name === 'Cost diff');
    assert.match(step.run, /args=\(diff "\$COSTLINT_BASE" --format markdown\)/);
    assert.match(step.run, /args\+=\(--comment\)/);
    assert.match(step.run, /exit "\$\{PIPESTATUS\[0\]\}"/);
    assert.equal(step.env.GITHUB_TOKEN, '${{ inputs.token }}');
  });
});
