/** Discord ids: fresh time-based snowflakes, and the shard a guild's events are routed to. */

const DISCORD_EPOCH = 1_420_070_400_000n;
let snowflakeIncrement = 0n;

/** A fresh time-based snowflake (19 digits today). */
export function snowflake(at: number = Date.now()): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  return (
    ((BigInt(at) - DISCORD_EPOCH) << 22n) |
    (1n << 17n) |
    (BigInt(process.pid & 0x1f) << 12n) |
    snowflakeIncrement
  ).toString();
}

/** The shard Discord routes a guild's events to. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(Math.max(1, shardCount)));
}
