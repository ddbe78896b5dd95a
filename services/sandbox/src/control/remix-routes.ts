import { json, type Reply } from '../http/http-io.js';
import { isSnowflake } from '../ids.js';
import type { UserSettings } from '../midjourney/user-settings.js';

/**
 * `POST /_sandbox/remix {"on": true, "userId"?: "…"}`: Remix mode without sending `/prefer remix`
 * (§3.4), for tests of the modal flows; `userId` defaults to the driver. Reset turns it off.
 */
export function remixRoutes(settings: UserSettings, driverId: () => string): Map<string, (body: unknown) => Reply> {
  return new Map([
    [
      'POST /_sandbox/remix',
      (body: unknown) => {
        const input = (typeof body === 'object' && body !== null ? body : {}) as { on?: unknown; userId?: unknown };
        const userId = input.userId ?? driverId();
        if (typeof input.on !== 'boolean' || !isSnowflake(userId)) return json(400, { message: 'Expected {"on": boolean, "userId"?: snowflake}' });
        settings.setRemix(userId, input.on);
        return json(200, { userId, remix: input.on });
      },
    ],
  ]);
}
