#!/usr/bin/env node
/**
 * Entry point of the `cpd-import` command (package.json "bin"). See `main.ts` for the behaviour and exit codes.
 */
import { main } from './main.js';

const color = process.stdout.isTTY === true && process.env.NO_COLOR === undefined && process.env.FORCE_COLOR !== '0';
const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stderr.isTTY === true,
  color: color || process.env.FORCE_COLOR === '1',
  env: process.env,
});
process.exitCode = code;
