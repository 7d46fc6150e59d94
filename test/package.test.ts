// What the extension's package.json promises exists: the icon, the walkthrough's pages, the
// commands' category, the settings' descriptions, and a changelog.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { imageSize } from 'image-size';

const ROOT = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('package.json contributions', () => {
  it('the icon is a 128x128 PNG, and the activity-bar icon an SVG', () => {
    const size = imageSize(readFileSync(join(ROOT, pkg.icon)));
    assert.deepEqual([size.type, size.width, size.height], ['png', 128, 128]);
    for (const c of pkg.contributes.viewsContainers.activitybar) assert.match(readFileSync(join(ROOT, c.icon), 'utf8'), /^<svg /);
  });

  it('the walkthrough: every step has its page and a way to complete it', () => {
    const [w] = pkg.contributes.walkthroughs;
    assert.ok(w.steps.length >= 3);
    for (const s of w.steps) {
      assert.ok(existsSync(join(ROOT, s.media.markdown)), s.media.markdown);
      assert.ok(s.completionEvents.length > 0, s.id);
    }
  });

  it('every command is in the costlint category, every setting is described, and the VSIX ships what they need', () => {
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'costlint', c.command);
    for (const [k, v] of Object.entries<{ description?: string; markdownDescription?: string }>(pkg.contributes.configuration.properties))
      assert.ok((v.description ?? v.markdownDescription ?? '').length > 20, k);
    const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8');
    for (const needed of ['!images/*.png', '!images/*.svg', '!walkthrough/**', '!CHANGELOG.md', '!docs/**']) assert.ok(ignore.includes(needed), needed);
  });

  it('the changelog has an Unreleased section on top', () => {
    assert.match(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), /^# Changelog\n[\s\S]*?\n## \[Unreleased\]\n/);
  });
});
