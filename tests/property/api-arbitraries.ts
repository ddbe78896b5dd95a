import fc from 'fast-check';

/** Bad input, as an attacker or a broken client sends it: wrong types, huge and odd strings. */

const sizes = [0, 1, 101, 4_001, 70_000, 1_100_000];
/** Long enough to pass every length check, and past the 1 MB body limit. */
export const hugeString = fc.constantFrom(...sizes.slice(2)).chain((n) => fc.constantFrom('x', '🦊', '\u0000', 'a b').map((c) => c.repeat(Math.ceil(n / c.length))));

export const oddString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '\ud800',
      '\u202eevil',
      '\ufeff',
      '<#1#>',
      '--ar 999:1',
      '../../etc/passwd',
      '%2e%2e%2f',
      '__proto__',
      'constructor',
      'null',
      '1e400',
      '-0',
      'NaN',
      '0x10',
      '12345678901234567890123',
      'https://169.254.169.254/latest/meta-data',
      'http://127.0.0.1:9/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'MJ::JOB::upsample::1::00000000-0000-0000-0000-000000000000',
      'data:image/png;base64,AAAA',
    ),
  },
  { weight: 1, arbitrary: hugeString },
);

export const jsonish = fc.jsonValue({ maxDepth: 3 });

export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1, 4, 5, 50, 75, 2 ** 53, -(2 ** 31), 1.5, 1e308) },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(jsonish, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(oddString, { maxLength: 30 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), jsonish, { maxKeys: 4 }) },
);

/** A JSON body over the route's own field names (plus odd ones), each with a wrong or odd value; some real ids. */
export function bodyFor(fields: string[], known: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const names = fc.constantFrom(...fields, '__proto__', 'constructor', 'prompt', 'extra');
  const value = (name: string) => (known[name] ? fc.oneof(known[name], wrongValue) : wrongValue);
  const nearValid = fc.record(Object.fromEntries(fields.map((f) => [f, value(f)])), { requiredKeys: [] });
  return fc.oneof(
    { weight: 1, arbitrary: jsonish },
    { weight: 2, arbitrary: fields.length ? nearValid : jsonish },
    { weight: 2, arbitrary: fc.dictionary(names, wrongValue, { maxKeys: 6 }) },
  );
}

/** The bytes on the wire: JSON of the body, or something that only looks like it. */
export function rawBody(body: fc.Arbitrary<unknown>): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    { weight: 6, arbitrary: body.map((b) => JSON.stringify(b) ?? 'null') },
    { weight: 1, arbitrary: body.chain((b) => { const text = JSON.stringify(b) ?? 'null'; return fc.nat(text.length).map((n) => text.slice(0, n)); }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: 1, arbitrary: fc.constantFrom('[', '{"prompt":', '{"__proto__":{"polluted":1}}', '[['.repeat(6000), '{"a":'.repeat(3000), '"\\ud800"', '\ufeff{"prompt":"a"}') },
  );
}

export const contentType = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/json; charset=bogus',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'multipart/form-data; boundary=xyz',
      'image/png',
      '*/*',
      ';;;',
    ),
    fc.stringMatching(/^[\x21-\x7e]{0,40}$/),
  ),
  { nil: undefined },
);

const reserved = new Set(['content-length', 'host', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'content-type']);
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter((n) => !reserved.has(n));
const headerValue = fc.oneof(fc.stringMatching(/^[\x20-\x7e]{0,80}$/), fc.constantFrom('x'.repeat(9000), 'Bearer ', 'Bearer', '\t', '0'));

/** Random headers, some of them the ones the API reads. */
export const randomHeaders = fc.dictionary(
  fc.oneof(headerName, fc.constantFrom('x-api-key', 'authorization', 'mj-api-secret', 'x-admin-key', 'last-event-id', 'accept', 'accept-encoding', 'if-none-match', 'x-forwarded-for', 'range')),
  headerValue,
  { maxKeys: 5 },
);

/** Any string as one URL path segment, lone surrogates included (as their UTF-8 replacement). */
export function pathSegment(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');
}

export const queryString = fc
  .dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('lastEventId', 'id', 'key', '__proto__')), oddString.filter((s) => s.length < 10_000), { maxKeys: 4 })
  .map((q) => new URLSearchParams(q).toString());
