import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ms } from './compiled';
import { medians, type Row } from './measure';

const run = promisify(execFile);
const path = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const root = path('');

/**
 * Start-up: `tensorloom run` on a three-value graph against a plain Node script doing the same with
 * tfjs, both as whole processes, so what is timed is mostly loading code. Both are started with
 * `node`: `npx` adds npm's own start-up to any command it runs (shown beside, not in the ratio).
 */
export async function cliStart(): Promise<Row> {
  // The runner as `npm ci` builds it, from the sources as they are now.
  await run('npm', ['run', '--silent', 'build:cli'], { cwd: root });
  const example = path('public/examples/sin-times-two.json');
  const cli = () => run(process.execPath, [path('bin/tensorloom.js'), 'run', example]);
  const plain = () => run(process.execPath, [path('bench/cli-peer.js')]);
  const npx = () => run('npx', ['tensorloom', 'run', example], { cwd: root });

  // Both compute the same, and the runner is the built one (from the sources it notes so on stderr).
  const [c, p] = await Promise.all([cli(), plain()]);
  if (!c.stdout.includes('[1.682942, 1.818595, 0.28224]') || c.stderr || !p.stdout.includes('1.6829419'))
    throw new Error(`unexpected output: ${c.stdout}${c.stderr}${p.stdout}`);

  const t = await medians({ cli, plain, npx }, { rounds: 11, warmup: 1 });
  const ratio = t['cli']! / t['plain']!;
  return {
    name: 'CLI start, sin-times-two: tensorloom run / plain Node tfjs script',
    figure: ratio,
    target: '≤ 1.5',
    met: ratio <= 1.5,
    detail: `${ms(t['cli']!)} vs ${ms(t['plain']!)}; through npx ${ms(t['npx']!)}`,
  };
}
