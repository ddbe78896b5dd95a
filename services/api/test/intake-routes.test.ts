import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { INTAKE_MAX_BODY, INTAKE_ROUTES, matchIntake } from '../src/intake-routes.js';
import { parseJsonBody } from '../src/intake-server.js';

const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', 'content-length': '20', ...extra });

describe('matchIntake: which requests take the fast path', () => {
  it('takes a POST with a small JSON body to a submit route, with or without a relay mode prefix', () => {
    expect(matchIntake('POST', '/v1/api/trigger/imagine', json())).toMatchObject({ path: '/v1/api/trigger/imagine', mode: undefined, length: 20 });
    expect(matchIntake('POST', '/mj/submit/imagine', json())).toMatchObject({ path: '/mj/submit/imagine', mode: undefined });
    expect(matchIntake('POST', '/mj-relax/mj/submit/action', json())).toMatchObject({ path: '/mj/submit/action', mode: 'relax' });
    expect(matchIntake('POST', '/v1/api/trigger/imagine', json({ 'content-type': 'text/plain' }))).toBeDefined();
    expect(matchIntake('POST', '/v1/api/trigger/imagine', { 'content-length': '20' })).toBeDefined();
    expect(matchIntake('POST', '/v1/api/trigger/imagine', json({ 'content-type': 'application/json; charset=UTF-8', 'content-encoding': 'identity' }))).toBeDefined();
  });

  it('leaves everything else to express: other methods, paths, query strings, prefixes', () => {
    expect(matchIntake('GET', '/v1/api/trigger/imagine', json())).toBeUndefined();
    expect(matchIntake('POST', '/v1/api/trigger/imagine/', json())).toBeUndefined();
    expect(matchIntake('POST', '/V1/api/trigger/imagine', json())).toBeUndefined();
    expect(matchIntake('POST', '/v1/api/trigger/imagine?x=1', json())).toBeUndefined();
    expect(matchIntake('POST', '/v1/api/trigger/upload', json())).toBeUndefined();
    expect(matchIntake('POST', '/mj-slow/mj/submit/imagine', json())).toBeUndefined();
    expect(matchIntake('POST', '/mj-fast/v1/api/trigger/imagine', json())).toBeUndefined();
    expect(matchIntake('POST', undefined, json())).toBeUndefined();
  });

  it('leaves to express the bodies it would read differently: unknown length, large, compressed, multipart, other charsets', () => {
    const url = '/v1/api/trigger/imagine';
    expect(matchIntake('POST', url, { 'content-type': 'application/json' })).toBeUndefined();
    expect(matchIntake('POST', url, json({ 'content-length': '0' }))).toBeUndefined();
    expect(matchIntake('POST', url, json({ 'transfer-encoding': 'chunked' }))).toBeUndefined();
    expect(matchIntake('POST', url, json({ 'content-length': String(INTAKE_MAX_BODY + 1) }))).toBeUndefined();
    expect(matchIntake('POST', url, json({ 'content-length': String(INTAKE_MAX_BODY) }))).toBeDefined();
    expect(matchIntake('POST', url, json({ 'content-encoding': 'gzip' }))).toBeUndefined();
    expect(matchIntake('POST', url, json({ 'content-type': 'multipart/form-data; boundary=x' }))).toBeUndefined();
    expect(matchIntake('POST', url, json({ 'content-type': 'application/json; charset=latin1' }))).toBeUndefined();
    expect(matchIntake('POST', url, json({ 'content-type': 'application/json; charset="utf-16"' }))).toBeUndefined();
  });
});

describe('parseJsonBody: as express.json() in strict mode', () => {
  it('reads objects and arrays, around whitespace and a UTF-8 BOM', () => {
    expect(parseJsonBody(Buffer.from('{"prompt":"a fox"}'))).toEqual({ prompt: 'a fox' });
    expect(parseJsonBody(Buffer.from(' \r\n\t[1,2]'))).toEqual([1, 2]);
    expect(parseJsonBody(Buffer.from('\uFEFF{"a":"é"}'))).toEqual({ a: 'é' });
  });

  it('refuses scalars, empty bodies and broken JSON', () => {
    for (const text of ['"x"', '1', 'null', 'true', '', '   ', '{"prompt":', '{}x', "{'a':1}"]) expect(parseJsonBody(Buffer.from(text)), text).toBeUndefined();
  });
});

describe('the fast routes mirror the published API', () => {
  const spec = JSON.parse(readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8')) as {
    paths: Record<string, Record<string, { security?: unknown; requestBody?: { content?: Record<string, unknown> } }>>;
  };

  it('each is a POST route of the spec, behind the API key, with a JSON body', () => {
    for (const { path } of INTAKE_ROUTES) {
      const post = spec.paths[path]?.post;
      expect(post, path).toBeDefined();
      expect(post!.security, path).toEqual([{ api: [] }]);
      expect(Object.keys(post!.requestBody?.content ?? {}), path).toEqual(['application/json']);
    }
  });
});
