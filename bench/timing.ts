// Timing helpers of the bench's parts that run commands (real.ts, tokentoll.ts).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * A command run to its end, timed from outside, and what it printed; one that fails throws, unless
 * `o.anyExit` (`git grep -l` exits 1 when nothing matches).
 */
export function timed(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  o: { anyExit?: boolean } = {},
): { ms: number; stdout: string } {
  const start = performance.now();
  const p = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  if (p.status !== 0 && !o.anyExit) throw new Error(`${cmd} ${args.join(' ')}: ${p.stderr}`);
  return { ms: performance.now() - start, stdout: p.stdout };
}
