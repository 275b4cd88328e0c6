/**
 * Real PostgreSQL for tests: a throwaway cluster (initdb into a temporary folder, `pg_ctl start` on a free
 * port of 127.0.0.1) from Debian's `postgresql` package, and a fresh database in it per test file. As root
 * (CI), the cluster runs as the package's `postgres` user, since PostgreSQL refuses to run as root.
 */
import { execFile as execFileCallback, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const execFile = promisify(execFileCallback);

const HOW_TO_GET_POSTGRES =
  "The statistics tests need PostgreSQL: install it (`apt-get install -y postgresql`, which .ci/run does) so that " +
  "the test run starts a throwaway cluster itself, or point TEST_POSTGRES_URL at a server you may create databases on " +
  "(e.g. postgres://postgres@127.0.0.1:5432/postgres).";

/** The newest PostgreSQL's programs that Debian's packages installed, or undefined. */
function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(path.join(root, version, "bin", "initdb")))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest === undefined ? undefined : path.join(root, newest, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** The `postgres` user that Debian's package creates. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string): number => Number(execFileSync("id", [flag, "postgres"]).toString());
  return { uid: id("-u"), gid: id("-g") };
}

export interface PostgresCluster {
  /** The server's `postgres` database, as its superuser `verbatim` (trust authentication, 127.0.0.1 only). */
  readonly url: string;
  /** Kills the server at once, as a crash would (`pg_ctl stop -m immediate`); its data stays. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

/** A new cluster of its own, started: for the test run, or for a test that stops its database. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (bin === undefined) throw new Error("PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb");
  const folder = await mkdtemp(path.join(tmpdir(), "verbatim-postgres-"));
  const data = path.join(folder, "data");
  // PostgreSQL will not run as root: as root, hand the folder to the package's own user.
  const asUser = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (asUser !== undefined) await chown(folder, asUser.uid, asUser.gid);
  const run = (program: string, args: readonly string[]) =>
    execFile(path.join(bin, program), args, {
      ...asUser,
      cwd: folder,
      env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8" },
    });
  await run("initdb", ["-D", data, "-U", "verbatim", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${folder} -c fsync=off -c full_page_writes=off`;
  const start = async (): Promise<void> => {
    await run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(folder, "server.log"), "-w", "-t", "30", "start"]);
  };
  const stop = async (mode: "immediate" | "fast"): Promise<void> => {
    await run("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]).catch(() => undefined);
  };
  await start();
  return {
    url: `postgres://verbatim@127.0.0.1:${port}/postgres`,
    kill: () => stop("immediate"),
    start,
    async destroy() {
      await stop("fast");
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * The server the tests use: TEST_POSTGRES_URL, or the run's own cluster (`provided` by test/global-setup.ts).
 * Without either, the test fails and says why — it is never skipped.
 */
export function testPostgresUrl(provided: string, problem: string): string {
  const fromEnv = process.env.TEST_POSTGRES_URL ?? "";
  const url = fromEnv !== "" ? fromEnv : provided;
  if (url === "")
    throw new Error(`No PostgreSQL for the tests${problem ? ` (${problem})` : ""}. ${HOW_TO_GET_POSTGRES}`);
  return url;
}

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the server at `serverUrl`, dropped by `drop()`. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `verbatim_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
