/** The settings as documented: README's table, .env.example and src/config.ts name the same ones. */
import { describe, expect, it } from "vitest";
import { CONFIG_SETTINGS, readRepoFile } from "./deploy-files.js";

/** Read by config.ts but set by others: discord.js's ShardingManager, the container runtime. */
const NOT_USER_SETTINGS = new Set(["SHARDING_MANAGER", "HOSTNAME"]);

function readmeSettings(): string[] {
  const readme = readRepoFile("README.md");
  const start = readme.indexOf("\n### Settings\n");
  expect(start, "README has a ### Settings section").toBeGreaterThan(0);
  const section = readme.slice(start + 1, readme.indexOf("\n#", start + 2));
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1] ?? "");
}

describe("settings documentation", () => {
  const documented = readmeSettings();
  const example = readRepoFile(".env.example");

  it("README's settings table names at least the settings every install needs", () => {
    expect(documented).toEqual(expect.arrayContaining(["DISCORD_TOKEN", "MODE", "CONTENT_DIR", "HTTP_PORT"]));
  });

  it(".env.example lists every setting in README's table (set, or commented out with an example)", () => {
    const missing = documented.filter((name) => !new RegExp(`^(# )?${name}=`, "m").test(example));
    expect(missing).toEqual([]);
  });

  it("README's table documents every setting src/config.ts reads, and only those", () => {
    const read = [...CONFIG_SETTINGS].filter((name) => !NOT_USER_SETTINGS.has(name));
    expect(read.filter((name) => !documented.includes(name))).toEqual([]);
    expect(documented.filter((name) => !CONFIG_SETTINGS.has(name))).toEqual([]);
  });
});
