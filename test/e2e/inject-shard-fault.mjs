// Loaded into the sharded bot with `node --import` (discord.js passes it on to every shard process): in
// shard 1 only, a content folder holding a file named FAIL_SHARD_1 cannot be listed, as if its disk
// failed — so a test can make one shard's reload fail while the others succeed.
import { existsSync } from "node:fs";
import fsp from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";

if (process.env.SHARDS === "1") {
  const readdir = fsp.readdir;
  fsp.readdir = function (dir, ...rest) {
    if (existsSync(path.join(String(dir), "FAIL_SHARD_1")))
      return Promise.reject(Object.assign(new Error("injected fault"), { code: "EIO" }));
    return readdir.call(this, dir, ...rest);
  };
  syncBuiltinESMExports();
}
