// The layering, checked by `npm run deps` (and `npm run lint`). Bottom to top:
//   core (src/content, src/search, src/render) → src/serving, src/stats → src/interactions → commands/
//   → transports (src/discord, src/http, src/cli), operations (src/ops) and the web pages (src/web) → src/main.ts
// src/config.ts, src/log.ts and src/memo.ts are leaf utilities. Dev code: test/, bench/, testkit/ shared by both, and scripts/.
const CORE = "^src/(content|search|render)/";
const TRANSPORTS = "^src/(discord|http|cli)/";
const TEST_CODE = "^(test|testkit|bench|scripts)/";
// The network and Discord's client library: what only transports and operations talk to.
const NETWORK = ["^(node:)?(http|https|net)$", "^node_modules/(discord\\.js|@discordjs/)"];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A cycle makes load order matter and keeps the modules in it from being understood or tested alone.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to no file fails at run time; catch it before then.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-non-package-json",
      comment: "A package that package.json does not list is there by accident (another package's dependency).",
      severity: "error",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
    {
      name: "core-is-pure",
      comment:
        "Content, search and render are pure: testable without a network, Discord, a server or the file watcher.",
      severity: "error",
      from: { path: CORE },
      to: {
        path: [...NETWORK, "^src/(ops|web|discord|http|serving|interactions|cli)/", "^commands/", "^src/main\\.ts$"],
      },
    },
    {
      name: "serving-below-interactions",
      comment:
        "Serving (content store, watcher, reload worker) knows nothing of who asks: no transport, ops or commands.",
      severity: "error",
      from: { path: "^src/serving/" },
      to: { path: ["^src/(ops|web|discord|http|interactions|cli)/", "^commands/", "^src/main\\.ts$"] },
    },
    {
      name: "stats-below-interactions",
      comment:
        "The usage statistics (store, recorder) know nothing of who asks: handlers note what they showed, main wires the recorder.",
      severity: "error",
      from: { path: "^src/stats/" },
      to: {
        path: [
          "^src/(ops|discord|http|serving|interactions|cli|render|search|content)/",
          "^commands/",
          "^src/main\\.ts$",
        ],
      },
    },
    {
      name: "interactions-transport-free",
      comment:
        "The interaction pipeline works on plain objects so every transport shares it; the command registry is injected.",
      severity: "error",
      from: { path: "^src/interactions/" },
      to: { path: ["^src/(discord|http|ops|web|cli)/", "^commands/", "^src/main\\.ts$"] },
    },
    {
      name: "commands-transport-free",
      comment: "A command answers a plain interaction object, the same over the gateway, HTTP or the CLI.",
      severity: "error",
      from: { path: "^commands/" },
      to: { path: [TRANSPORTS, ...NETWORK, "^src/(ops|web)/", "^src/main\\.ts$"] },
    },
    {
      name: "web-reads-content",
      comment:
        "The web pages show the content being served and search it; they know nothing of Discord or the commands.",
      severity: "error",
      from: { path: "^src/web/" },
      to: { path: ["^src/(discord|interactions|cli)/", "^commands/", "^node_modules/(discord\\.js|@discordjs/)"] },
    },
    {
      name: "leaf-utilities",
      comment: "config.ts, log.ts and memo.ts are imported from every layer, so they import nothing of the project.",
      severity: "error",
      from: { path: "^src/(config|log|memo)\\.ts$" },
      to: { path: ["^src/", "^commands/"], pathNot: "^src/(config|log|memo)\\.ts$" },
    },
    {
      name: "nothing-imports-main",
      comment: "main.ts is the top: it starts the process, so importing it from anywhere would start the bot.",
      severity: "error",
      from: {},
      to: { path: "^src/main\\.ts$" },
    },
    {
      name: "production-not-to-dev-deps",
      comment:
        "The bot runs after `npm ci --omit=dev`: a devDependency imported by src/ or commands/ would be missing.",
      severity: "error",
      from: { path: "^(src|commands)/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "production-not-to-test-code",
      comment: "Test helpers, fixtures and benchmarks are not shipped and must not steer the bot's behaviour.",
      severity: "error",
      from: { path: "^(src|commands)/" },
      to: { path: TEST_CODE },
    },
    {
      name: "tests-not-to-bench",
      comment: "What tests and benchmarks share lives in testkit/, so neither depends on the other.",
      severity: "error",
      from: { path: "^test/" },
      to: { path: "^bench/" },
    },
    {
      name: "bench-not-to-tests",
      comment: "What tests and benchmarks share lives in testkit/, so neither depends on the other.",
      severity: "error",
      from: { path: "^bench/" },
      to: { path: "^test/" },
    },
    {
      name: "testkit-is-shared",
      comment: "testkit/ is shared by tests and benchmarks, so it imports neither.",
      severity: "error",
      from: { path: "^testkit/" },
      to: { path: "^(test|bench)/" },
    },
  ],
  options: {
    // A package is one node: its own imports are not ours to check.
    doNotFollow: { path: "node_modules" },
    // Type-only imports are real dependencies between our modules (a layer must not even know an upper one's types).
    tsPreCompilationDeps: true,
    // Resolves the `.js`-suffixed ESM imports to the `.ts` files, as TypeScript's NodeNext resolution does.
    tsConfig: { fileName: "tsconfig.json" },
    // Node's resolution for ESM: package.json "exports" with the "import" condition.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    // Build output and tool reports are not source.
    exclude: { path: ["^dist/", "^coverage/", "^reports/", "^\\.stryker-tmp/"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
