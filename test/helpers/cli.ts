/**
 * Runs the built `cpd-import` bin (dist/src/cli/bin.js, `npm run build`) in a child process as a user would, from the
 * repository's root with colour off, and returns its exit code and output — for the CLI tests in test/cli/.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The repository's root. */
export const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/src/cli/bin.js');
const run = promisify(execFile);

/** The bin's exit code, stdout and stderr for `args`; `first` are put before them (e.g. `['--today', '2026-11-29']`). */
export async function runCli(args: readonly string[], first: readonly string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...first, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
