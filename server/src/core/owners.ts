// CODEOWNERS: who owns a file, for cost by owner. GitHub's rules: one pattern and its owners per
// line, patterns as in .gitignore (matched with the `ignore` package the file walk uses), and the
// last line that matches a file wins; a matching line with no owners leaves the file unowned.
import ignore, { type Ignore } from 'ignore';

/** Where GitHub looks for the file, in its order: the first that exists applies. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

export class CodeOwners {
  /** `direct`: a pattern ending in `/*` owns the files of that folder, not of its subfolders (GitHub's `docs/*`). */
  private readonly rules: { match: Ignore; owners: string[]; direct: boolean }[] = [];

  constructor(text: string) {
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.replace(/(^|\s)#.*$/, '').trim();
      if (!line) continue;
      const [pattern, ...owners] = line.split(/\s+/);
      // Negation and escaped leading characters are not CODEOWNERS syntax: such a line is left out.
      if (pattern.startsWith('!')) continue;
      try {
        this.rules.push({ match: ignore().add(pattern), owners, direct: pattern.endsWith('/*') });
      } catch {
        // A pattern `ignore` refuses matches nothing, as GitHub skips an invalid line.
      }
    }
  }

  /** The owners of a file (a path relative to the CODEOWNERS root, `/` separators); empty when none. */
  ownersOf(file: string): string[] {
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : null;
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const r = this.rules[i];
      // gitignore semantics match a file under a matched folder; `docs/*` matches the folder `docs/build`, not its files.
      if (r.match.ignores(file) && !(r.direct && folder && r.match.ignores(folder))) return r.owners;
    }
    return [];
  }
}
