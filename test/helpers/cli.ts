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

/**
 * The bin's exit code, stdout and stderr for `args`; `first` are put before them (e.g. `['--today', '2026-11-29']`);
 * `env` is added to the environment, from which the machine's own `DEFAULT_BODY` is left out.
 */
export async function runCli(args: readonly string[], first: readonly string[] = [], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { DEFAULT_BODY: _unset, ...inherited } = process.env;
    const { stdout, stderr } = await run(process.execPath, [BIN, ...first, ...args], { cwd: ROOT, env: { ...inherited, NO_COLOR: '1', ...env }, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
