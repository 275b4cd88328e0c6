// ESLint 9 flat config. `npm run lint` runs it with --max-warnings 0: every rule here is an error or off.
// Formatting is Prettier's job (.prettierrc.json); none of the presets below contains formatting rules.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["dist/", "coverage/", "reports/", ".stryker-tmp/", "bench/out/"]),

  {
    files: ["**/*.ts"],
    extends: [
      js.configs.recommended,
      // Type-aware rules: floating or misused promises, `any` leaking through, awaiting non-promises...
      tseslint.configs.recommendedTypeChecked,
      // ...and the type-aware style rules (prefer `??`, optional chains, `T[]`...).
      tseslint.configs.stylisticTypeChecked,
    ],
    languageOptions: {
      // Types come from the nearest tsconfig.json: the root one, which covers src, commands, test, testkit, bench.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `import type` for type-only imports, so the emitted ESM imports only what runs (matches verbatimModuleSyntax).
      // `typeof import("…")` stays allowed: it is how vitest's `vi.mock(path, importOriginal)` types the original module.
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      // A leading underscore marks a parameter or binding that is unused on purpose (e.g. a handler's unused argument).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
    },
  },

  {
    // vitest's asymmetric matchers (`expect.any(Number)`, `expect.objectContaining(…)`) are typed `any` by design.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },

  {
    // Plain JavaScript (the fault injectors that tests load with `node --import`, this file): no type information.
    files: ["**/*.js", "**/*.mjs"],
    extends: [js.configs.recommended, tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
