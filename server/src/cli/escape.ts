// Text that comes from the linted repository (file names, model ids, expressions, messages quoting
// them) is shown in terminals, CI logs and pull-request comments. There it must stay text: a model
// id such as "x\n::error file=a.py::FORGED" must not forge a workflow command, an escape sequence
// must not drive the terminal, and a comment must not gain HTML, links or @mentions.

/** Control characters (but tab), DEL, C1 controls, and the bidirectional overrides of "Trojan source". */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One line of plain text: newlines and control characters written out (`\n`, `\x1b`), visible and inert. */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * Repository text (or a message quoting it) in Markdown: terminal-safe, with HTML, links, emphasis
 * and @mentions neutralized outside code spans. There `<`, `>`, `&` become entities, `\ * _ [ ] ~`
 * are escaped, `@` is written as an entity (GitHub does not notify `&#64;user`) and `://` is broken
 * so no autolink forms; a code span (between backticks: messages quote code that way) is inert as
 * it is and kept. An unpaired backtick is escaped. A table cell escapes `|` itself.
 */
export function markdownSafe(s: string): string {
  const text = (t: string) =>
    t
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\*_[\]~`])/g, '\\$1')
      .replace(/@/g, '&#64;')
      .replace(/:\/\//g, ':&#47;&#47;');
  const parts = terminalSafe(s).split('`');
  // Even parts are prose, odd ones code spans; with an even count the last backtick is unpaired.
  const paired = parts.length % 2 === 1 ? parts.length : parts.length - 1;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    if (i >= paired) out += `\\\`${text(parts[i])}`;
    else out += i % 2 ? `\`${parts[i]}\`` : text(parts[i]);
  }
  return out;
}

/** A code span: terminal-safe, without backticks (which would end it). */
export function markdownCode(s: string): string {
  return `\`${terminalSafe(s).replace(/`/g, "'")}\``;
}

/** A copy of plain data (objects, arrays) with every string passed through `f` (keys are left alone). */
export function cleanStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => cleanStrings(v, f)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cleanStrings(v, f);
    return out as T;
  }
  return value;
}
