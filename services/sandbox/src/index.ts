export { startSandbox, type Sandbox } from './sandbox.js';
export type { RuntimeConfig, SandboxOptions, Speed } from './config.js';
export type { SandboxState, InteractionRecord, StateSnapshot } from './state.js';
export type { StoredMessage } from './message-store.js';
export type { SessionInfo } from './gateway/session.js';
export type { Attachment, DiscordMessage, DiscordUser } from './discord-types.js';
