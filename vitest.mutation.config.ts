// The test run that StrykerJS repeats for every mutant (`npm run test:mutation`): only the fast unit tests of the
// pure core and the commands built on it, with fixed random seeds so that a mutant's verdict does not change
// from one run to the next. The full suite stays `npm test` (vitest.config.ts).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [
      // These start the compiled bot as a child process: seconds per test, and no use for mutating the core.
      "test/e2e/**",
      // A real Chromium against the compiled bot: the browser test checks pages, not the core's decisions.
      "test/browser/**",
      // Worker threads, shard processes and transports: they exercise serving/transport code, which is not mutated.
      "test/content-worker.test.ts",
      "test/shard-reload.test.ts",
      "test/http-verify.test.ts",
      "test/fuzz/transport.test.ts",
      // check-content as a child process, and /reload through the worker thread: they exercise the CLI and serving.
      "test/check-content-cli.test.ts",
      "test/reload-warnings.test.ts",
      // Every command on generated content: seconds per run, and it covers nearly every mutant, so each surviving
      // mutant would pay for it. Mutation testing asks whether the focused tests pin the behaviour down.
      "test/fuzz/commands.test.ts",
    ],
    // The 5 MB parse-timing test measures wall time: seconds per run, and flaky under mutation on a busy machine.
    testNamePattern: /^(?!.*roughly linear time)/,
    // Fewer fuzz cases, from a fixed seed: the fuzz suites read FUZZ_RUNS and FUZZ_SEED.
    env: { FUZZ_RUNS: "10", FUZZ_SEED: "1" },
    // fast-check: a fixed seed for the property tests that choose none, and no shrinking (see that file).
    setupFiles: ["./vitest.mutation.setup.ts"],
  },
});
