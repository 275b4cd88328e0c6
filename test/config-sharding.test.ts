/** Which shards a gateway process runs, as its settings say, and the settings a mode ignores. */
import { describe, expect, it } from "vitest";
import { readConfig } from "../src/config.js";

const TOKEN = "fake-token.for-tests.0123456789abcdef";
const gateway = (env: Record<string, string>) => readConfig({ DISCORD_TOKEN: TOKEN, ...env });
const sharding = (env: Record<string, string>) => {
  const { transport } = gateway(env);
  return transport.mode === "gateway" ? transport.sharding : undefined;
};

describe("SHARDS and SHARDS_PER_POD: this process's part of the shards", () => {
  it("reads one id, a range or a list", () => {
    expect(sharding({ SHARDS: "2", SHARD_COUNT: "4" })).toEqual({ role: "slice", shardIds: [2], shardCount: 4 });
    expect(sharding({ SHARDS: "4-7", SHARD_COUNT: "8" })).toEqual({
      role: "slice",
      shardIds: [4, 5, 6, 7],
      shardCount: 8,
    });
    expect(sharding({ SHARDS: "[0, 3]", SHARD_COUNT: "4" })).toEqual({
      role: "slice",
      shardIds: [0, 3],
      shardCount: 4,
    });
  });

  it("derives a StatefulSet pod's shards from the ordinal its hostname ends with", () => {
    expect(sharding({ SHARDS_PER_POD: "2", HOSTNAME: "verbatim-gateway-2", SHARD_COUNT: "6" })).toEqual({
      role: "slice",
      shardIds: [4, 5],
      shardCount: 6,
    });
  });

  it("names what is wrong", () => {
    expect(() => gateway({ SHARDS: "1" })).toThrow(/^SHARDS needs SHARD_COUNT, the number of shards on all machines/);
    expect(() => gateway({ SHARDS: "2-5", SHARD_COUNT: "4" })).toThrow(
      /^SHARDS names shard 4, but SHARD_COUNT is 4 \(ids run from 0 to 3\)/,
    );
    expect(() => gateway({ SHARDS: "3-1", SHARD_COUNT: "4" })).toThrow(/^SHARDS must be a shard id, a range or a list/);
    expect(() => gateway({ SHARDS: "1", SHARDS_PER_POD: "1", SHARD_COUNT: "4" })).toThrow(
      /^SHARDS and SHARDS_PER_POD name this process's shards twice/,
    );
    expect(() => gateway({ SHARDS_PER_POD: "1", HOSTNAME: "laptop", SHARD_COUNT: "2" })).toThrow(
      /^SHARDS_PER_POD needs a StatefulSet pod's hostname, which ends in its ordinal .* \(got "laptop"\)/,
    );
    expect(() => gateway({ SHARDS_PER_POD: "2", HOSTNAME: "verbatim-gateway-2", SHARD_COUNT: "4" })).toThrow(
      /^SHARDS_PER_POD names shard 4, but SHARD_COUNT is 4/,
    );
  });

  it("SHARD_COUNT alone still runs every shard under the ShardingManager", () => {
    expect(sharding({ SHARD_COUNT: "2" })).toEqual({ role: "manager", shardCount: 2 });
  });
});

describe("settings a mode ignores", () => {
  it("are listed, each with what to do instead", () => {
    expect(gateway({ PORT: "8080" }).ignored).toEqual([
      "PORT is ignored in gateway mode: it is MODE=http's port; in gateway mode HTTP_PORT serves /healthz, /metrics and the web pages",
    ]);
    const http = readConfig({ MODE: "http", DISCORD_PUBLIC_KEY: "ab".repeat(32), HTTP_PORT: "9090", SHARDS: "0" });
    expect(http.ignored).toEqual([
      "HTTP_PORT is ignored in http mode: with MODE=http, /healthz, /metrics and the web pages are on PORT",
      "SHARDS is ignored in http mode: there are no shards, run more replicas instead",
    ]);
    expect(gateway({ HTTP_PORT: "9090" }).ignored).toEqual([]);
  });
});
