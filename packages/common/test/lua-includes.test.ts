import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { luaScript } from '../src/lua-scripts.js';

const count = (text: string, what: string) => text.split(what).length - 1;

describe('Lua includes', () => {
  it('expands includes of includes, each once, in every script', () => {
    const settle = luaScript('callback-settle-4.lua').lua;
    // hand-on includes pending-head: both there, once.
    expect(count(settle, 'local function handOn(')).toBe(1);
    expect(count(settle, 'local function pendingHead(')).toBe(1);
    for (const file of readdirSync(new URL('../lua/', import.meta.url)).filter((f) => f.endsWith('.lua'))) {
      expect(luaScript(file).lua, file).not.toMatch(/^--- @include/m);
    }
  });
});
