// Gateway intent bits (§1.7).
export const Intents = {
  Guilds: 1 << 0,
  GuildMessages: 1 << 9,
  MessageContent: 1 << 15,
} as const;

/** Every intent bit Discord defines (discord-api-types GatewayIntentBits); others close with 4013. */
const DEFINED_INTENTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20, 21, 24, 25].reduce(
  (mask, bit) => mask | (1 << bit),
  0,
);
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

export type IntentsCheck = { ok: true; intents: number } | { ok: false; code: 4013 | 4014; reason: string };

export function checkIntents(value: unknown, allowedPrivileged: number): IntentsCheck {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || (value & ~DEFINED_INTENTS) !== 0) {
    return { ok: false, code: 4013, reason: 'Invalid intent(s).' };
  }
  if ((value & PRIVILEGED_INTENTS & ~allowedPrivileged) !== 0) {
    return { ok: false, code: 4014, reason: 'Disallowed intent(s).' };
  }
  return { ok: true, intents: value };
}

/** READY's `application.flags` for the privileged intents the app may use (§1.7). */
export function applicationFlags(allowedPrivileged: number): number {
  let flags = 0;
  if (allowedPrivileged & (1 << 8)) flags |= 1 << 12; // GATEWAY_PRESENCE
  if (allowedPrivileged & (1 << 1)) flags |= 1 << 14; // GATEWAY_GUILD_MEMBERS
  if (allowedPrivileged & (1 << 15)) flags |= 1 << 18; // GATEWAY_MESSAGE_CONTENT
  return flags;
}
