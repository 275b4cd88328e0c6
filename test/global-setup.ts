/**
 * Once per test run: builds the bot, as `npm start` does, so end-to-end tests run the real compiled entry
 * point; and, unless TEST_POSTGRES_URL names one, starts a throwaway PostgreSQL for the statistics tests
 * (stopped when the run ends). Tests get it through `testPostgresUrl(inject(…))`; when it cannot start,
 * those tests fail saying why, and the others run.
 */
import type { TestProject } from "vitest/node";
import { buildBot } from "../testkit/bot-process.js";
import { startPostgresCluster } from "../testkit/postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's own PostgreSQL server; "" when TEST_POSTGRES_URL is set or none could start. */
    postgresUrl: string;
    /** Why no PostgreSQL could start ("" when one did, or TEST_POSTGRES_URL is set). */
    postgresProblem: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildBot();
  project.provide("postgresUrl", "");
  project.provide("postgresProblem", "");
  if (process.env.TEST_POSTGRES_URL) return () => Promise.resolve();
  try {
    const cluster = await startPostgresCluster();
    project.provide("postgresUrl", cluster.url);
    return () => cluster.destroy();
  } catch (error) {
    project.provide("postgresProblem", error instanceof Error ? error.message : String(error));
    return () => Promise.resolve();
  }
}
