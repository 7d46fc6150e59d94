// Reading files a repository names (configs, rate cards, prompt files, imports) without letting
// it block costlint. Node-only, like node.ts and importhost.ts.
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';

/**
 * A file's text, only when it is a regular file: a FIFO, a socket or a device named where a config,
 * a rate card or a prompt is expected would block the read forever (a repository can contain one).
 * The file is opened without blocking and checked on the open descriptor, so nothing can be swapped
 * in between. Throws with code ENOTREG otherwise.
 */
export function readRegularFile(path: string): string {
  const fd = openSync(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTREG' });
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** A path's stats (of a link itself, with `link`), or null when there are none to read (missing, no permission). */
export function statOrNull(path: string, link = false): Stats | null {
  try {
    // Missing is the usual answer (a costlint.json looked for in every folder): said without an
    // exception, which costs several times the stat.
    return (link ? lstatSync(path, { throwIfNoEntry: false }) : statSync(path, { throwIfNoEntry: false })) ?? null;
  } catch {
    return null;
  }
}
