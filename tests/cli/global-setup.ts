/**
 * Global setup of the unit project: builds the runner once, as `npm ci` builds it, from these
 * sources, so that the tests run what users run. Once for the whole run: test files run in
 * parallel, and one rebuilding it while another starts it would start a half-written file.
 */
import { execFileSync } from 'node:child_process';

export default function buildCli(): void {
  execFileSync('npm', ['run', '--silent', 'build:cli'], {
    cwd: new URL('../..', import.meta.url).pathname,
    stdio: 'inherit',
  });
}
