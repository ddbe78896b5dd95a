import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** §6: signed CDN links expire about a day after they are issued. */
const LIFETIME_S = 24 * 60 * 60;

/**
 * Discord-style signed attachment links: `?ex=<hex expiry>&is=<hex issue time>&hm=<hex hmac>&`
 * (note the trailing `&`, §6). Clients that strip or mangle the query get the 404 real Discord gives.
 */
export class UrlSigner {
  private readonly secret = randomBytes(32);

  query(path: string, nowMs = Date.now()): string {
    const issued = Math.floor(nowMs / 1000);
    const ex = (issued + LIFETIME_S).toString(16);
    const is = issued.toString(16);
    return `?ex=${ex}&is=${is}&hm=${this.mac(path, ex, is)}&`;
  }

  verify(path: string, params: URLSearchParams, nowMs = Date.now()): boolean {
    const ex = params.get('ex');
    const is = params.get('is');
    const hm = params.get('hm');
    if (!ex || !is || !hm || !/^[0-9a-f]{64}$/.test(hm)) return false;
    const expected = Buffer.from(this.mac(path, ex, is), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(hm, 'hex'))) return false;
    return Number.parseInt(ex, 16) * 1000 > nowMs;
  }

  private mac(path: string, ex: string, is: string): string {
    return createHmac('sha256', this.secret).update(`${path}\n${ex}\n${is}`).digest('hex');
  }
}
