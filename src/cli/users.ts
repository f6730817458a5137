/**
 * `cpd-import users add --role member|staff|reviewer|admin [--member ID] [--name TEXT]` (docs/DESIGN.md §2 CLI, issue 4
 * §4): creates an API key for the service and prints it once. The key is the only line on stdout (so
 * `KEY=$(npx cpd-import users add …)` works); what was created goes to stderr. Exit 0 on success, 1 when the
 * database cannot be opened, 2 for usage errors.
 *
 * The database is the service's: `DATABASE_URL`, else the embedded PGlite in `DATA_DIR` (default `./data`), which
 * one process at a time may open — with `npm start` running on it, create keys through `POST /users` instead.
 */
import { Command, Option } from 'commander';
import { MEMBER_ID_PATTERN, ROLES, type Role } from '../domain/roles.js';
import type { CliIo } from './main.js';

interface AddOptions {
  role: Role;
  member?: string;
  name?: string;
}

/**
 * Adds the `users` command group to the program.
 * @param setCode receives the exit code (0 created, 1 database error, 2 usage error)
 */
export function addUsersCommand(program: Command, io: CliIo, setCode: (n: number) => void): void {
  const users = program.command('users').description('manage API keys of the import service');
  users
    .command('add')
    .description('create an API key and print it once')
    .addOption(new Option('--role <role>', 'what the key may do').choices([...ROLES]).makeOptionMandatory())
    .option('--member <id>', 'the member whose records a member key reaches (required for --role member)')
    .option('--name <text>', 'who the key is for (shown in GET /users)')
    .action(async (opts: AddOptions) => {
      setCode(await addUser(opts, io));
    });
}

async function addUser(opts: AddOptions, io: CliIo): Promise<number> {
  if (opts.role === 'member' && opts.member === undefined) {
    io.stderr('cpd-import: users add --role member needs --member ID (the member whose records the key reaches)\n');
    return 2;
  }
  if (opts.role !== 'member' && opts.member !== undefined) {
    io.stderr(`cpd-import: a ${opts.role} key is not tied to a member: leave out --member\n`);
    return 2;
  }
  if (opts.member !== undefined && !MEMBER_ID_PATTERN.test(opts.member)) {
    io.stderr('cpd-import: --member: a member id is 1–64 letters, digits, ".", "_" or "-"\n');
    return 2;
  }
  const { ConfigError, loadConfig } = await import('../config.js');
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    io.stderr(`cpd-import: ${e instanceof ConfigError ? e.message : String(e)}\n`);
    return 2;
  }
  const [{ openStore }, { createUser }] = await Promise.all([import('../store/store.js'), import('../services/users.js')]);
  process.umask(0o077); // the embedded database's files: for this user only
  let store;
  try {
    store = await openStore({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  } catch (e) {
    io.stderr(`cpd-import: cannot open the database: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    const { user, key } = await createUser(store, { role: opts.role, memberId: opts.member ?? null, name: opts.name ?? null });
    io.stdout(`${key}\n`);
    const where = config.databaseUrl !== undefined ? 'DATABASE_URL' : config.dataDir;
    io.stderr(`Created ${user.role} key ${user.id}${user.memberId ? ` for member ${user.memberId}` : ''} in ${where}. The key above is shown only this once.\n`);
    return 0;
  } catch (e) {
    io.stderr(`cpd-import: cannot create the key: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
