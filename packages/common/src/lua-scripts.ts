import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

/**
 * mjq's Lua scripts, kept as BullMQ keeps its own: one file each under packages/common/lua,
 * named `<name>-<numberOfKeys>.lua` (or `<name>.lua` when the number of keys varies per call),
 * with a header naming every KEY, ARGV and return value; shared helpers under lua/includes.
 * Each is read from disk once per process and defined on a connection with ioredis's
 * `defineCommand`, so calls go by SHA (EVALSHA, falling back to EVAL once after a SCRIPT FLUSH
 * or a failover) and the script text never travels per call. Every key a script touches is
 * passed in KEYS, so the scripts also hold on Redis Cluster (all keys share one hash tag).
 */
export interface LuaScript {
  /** The command name it is defined under (`mjq_<name>` with `-` → `_`). */
  command: string;
  /** Undefined: the keys are counted per call. */
  numberOfKeys?: number;
  lua: string;
}

const LUA_DIR = new URL('../lua/', import.meta.url);
const cache = new Map<string, LuaScript>();

/** Loads `lua/<file>` (e.g. `claim-send-4.lua`) once per process. */
export function luaScript(file: string): LuaScript {
  const cached = cache.get(file);
  if (cached) return cached;
  const match = /^([a-z][a-z0-9-]*?)(?:-(\d+))?\.lua$/.exec(file);
  if (!match) throw new Error(`Lua script file ${file} is not named <name>[-<numberOfKeys>].lua`);
  const script: LuaScript = {
    command: `mjq_${match[1]!.replaceAll('-', '_')}`,
    numberOfKeys: match[2] === undefined ? undefined : Number(match[2]),
    lua: withIncludes(readFileSync(new URL(file, LUA_DIR), 'utf8')),
  };
  cache.set(file, script);
  return script;
}

/**
 * Lua has no modules inside Redis: a line `--- @include "<name>"` (BullMQ's convention) is
 * replaced by `lua/includes/<name>.lua` when the script is loaded, so a helper several scripts
 * need is written once. Includes may include others; each goes in once.
 */
function withIncludes(lua: string, included = new Set<string>()): string {
  return lua.replace(/^--- @include "([a-z][a-z0-9-]*)"$/gm, (_line, name: string) => {
    if (included.has(name)) return '';
    included.add(name);
    return withIncludes(readFileSync(new URL(`includes/${name}.lua`, LUA_DIR), 'utf8').trimEnd(), included);
  });
}

type ScriptCall = (...args: (string | number | Buffer)[]) => Promise<unknown>;

/**
 * Runs a script with its KEYS then ARGV, defining it on this connection first if needed. The
 * number of keys given must match the file's; a mismatch is a programming error and throws.
 */
export async function runScript(redis: Redis, file: string, keys: string[], args: (string | number | Buffer)[]): Promise<unknown> {
  const script = luaScript(file);
  const commands = redis as unknown as Record<string, ScriptCall | undefined>;
  if (typeof commands[script.command] !== 'function') {
    redis.defineCommand(script.command, script.numberOfKeys === undefined ? { lua: script.lua } : { numberOfKeys: script.numberOfKeys, lua: script.lua });
  }
  const call = commands[script.command]!;
  if (script.numberOfKeys === undefined) return call.call(redis, keys.length, ...keys, ...args);
  if (keys.length !== script.numberOfKeys) throw new Error(`${file} takes ${script.numberOfKeys} keys, got ${keys.length}`);
  return call.call(redis, ...keys, ...args);
}
