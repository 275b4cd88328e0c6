// fast-check settings for mutation runs (see vitest.mutation.config.ts): a fixed seed, so a mutant's verdict is
// the same every run, and no shrinking of a failure: a killed mutant needs no minimal counterexample, and
// shrinking would take long enough to turn it into a timeout.
import fc from "fast-check";

fc.configureGlobal({ seed: 1, endOnFailure: true });
