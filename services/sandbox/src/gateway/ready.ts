import type { World } from '../world.js';
import type { GatewaySession } from './session.js';

export interface ReadyContext {
  world: World;
  version: number;
  resumeGatewayUrl: string;
  shard: [number, number];
  applicationFlags: number;
}

/**
 * READY as discord.js v14 needs it (§1.6): `guilds` an array of unavailable guilds (it then waits
 * for one GUILD_CREATE each), `application` an object with `id`, `session_id` and
 * `resume_gateway_url` for RESUME. Users get their guilds inline, as real user READYs do, and the
 * fields user clients read (`user.id`, `user.global_name`).
 */
export function readyPayload(session: GatewaySession, ctx: ReadyContext): Record<string, unknown> {
  const { identity } = session;
  const user = { ...identity.user, verified: true, mfa_enabled: false, flags: 0 };
  const common = {
    v: ctx.version,
    user,
    session_id: session.id,
    session_type: 'normal',
    resume_gateway_url: ctx.resumeGatewayUrl,
    private_channels: [],
    relationships: [],
    user_settings: {},
  };
  if (identity.kind === 'user') {
    return { ...common, guilds: [ctx.world.guildCreate()], sessions: [] };
  }
  return {
    ...common,
    guilds: [{ id: ctx.world.guildId, unavailable: true }],
    shard: ctx.shard,
    application: { id: identity.user.id, flags: ctx.applicationFlags },
    presences: [],
    guild_join_requests: [],
  };
}
