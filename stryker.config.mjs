// Mutation testing (`npm run test:mutation`; not in CI: it takes long). Stryker changes the code one small
// way at a time (a `<` into `<=`, a condition into `true`...) and reruns the tests that cover that spot;
// a mutant the tests don't notice ("survived") marks behaviour no test pins down.
// One file: `npx stryker run --mutate src/search/ranges.ts`. Runs are incremental; from scratch: add `--force`.
// Reports: reports/mutation/index.html (git-ignored).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // The pure core: where behaviour is decided and the tests are fast.
  mutate: ["src/search/**/*.ts", "src/content/parse.ts", "src/content/load.ts", "src/render/**/*.ts"],
  testRunner: "vitest",
  // Fast unit tests only, with fixed seeds (see that file).
  vitest: { configFile: "vitest.mutation.config.ts" },
  // Mutants that don't compile are dropped before any test runs, instead of counting as killed.
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  // Remember each mutant's verdict; the next run retests only mutants in changed code or under changed tests.
  incremental: true,
  incrementalFile: "reports/mutation/incremental.json",
  // The sandbox Stryker copies the project into (git-ignored; deleted after a successful run).
  tempDirName: ".stryker-tmp",
  // One test process: the machine has two cores, and the type checker needs the other.
  concurrency: 1,
  // A mutant whose tests run 5 s over their normal time counts as a timeout (an infinite loop, usually).
  timeoutMS: 5000,
};
