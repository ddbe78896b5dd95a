import type { AttachmentStore } from './cdn/attachment-store.js';
import type { SessionInfo } from './gateway/session.js';
import type { SessionRegistry } from './gateway/session-registry.js';
import type { MessageStore } from './message-store.js';

/** Every `POST /interactions` the sandbox received, accepted or not, with when it arrived. */
export interface InteractionRecord {
  /** The interaction id Discord assigned; null when the request was rejected. */
  id: string | null;
  receivedAt: number;
  /** HTTP status answered: 204 when accepted. */
  status: number;
  /** Discord error code, or the `_errors[].code` string of a 50035 (§2.2). */
  errorCode?: number | string;
  userId: string | null;
  type: unknown;
  nonce: unknown;
  /** Command name (type 2) or custom_id (type 3/5). */
  target?: string;
  body: unknown;
}

/** In-memory inspection of the fake Discord, for tests and `GET /_sandbox/state`. */
export class SandboxState {
  readonly interactions: InteractionRecord[] = [];

  constructor(
    readonly messages: MessageStore,
    readonly attachments: AttachmentStore,
    readonly sessions: SessionRegistry,
  ) {}

  /** Forgets messages, files and interactions; connected gateway sessions stay usable. */
  clear(): void {
    this.messages.clear();
    this.attachments.clear();
    this.interactions.length = 0;
    this.sessions.forgetDetached();
  }

  snapshot(): StateSnapshot {
    const all = this.messages.all();
    return {
      sessions: this.sessions.live().map((s) => s.info()),
      messages: { total: all.length, live: all.filter((m) => !m.deleted).length, deleted: all.filter((m) => m.deleted).length },
      interactions: this.interactions.map(({ body: _body, ...record }) => record),
    };
  }
}

export interface StateSnapshot {
  sessions: SessionInfo[];
  messages: { total: number; live: number; deleted: number };
  interactions: Omit<InteractionRecord, 'body'>[];
}
