import type { SandboxUser } from './accounts.js';
import type { AttachmentStore } from './cdn/attachment-store.js';
import { UploadStore } from './cdn/upload-store.js';
import type { SessionInfo } from './gateway/session.js';
import type { SessionRegistry } from './gateway/session-registry.js';
import type { FaultSnapshot } from './faults/fault-injector.js';
import { JobMeter, type JobStats } from './measurements/job-meter.js';
import { RequestLog, type RateLimitViolation, type RequestRecord } from './measurements/request-log.js';
import type { MessageStore } from './message-store.js';
import { ModalRegistry } from './modal-registry.js';

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
  /** Accepted: whether its `session_id` named a live (connected or resumable) session of its user. */
  sessionLive?: boolean;
  /** Accepted, but its answer was replaced by a 5xx or a cut connection (fault acceptedThenFailed). */
  answerLost?: '5xx' | 'cut';
  body: unknown;
}

/** In-memory inspection of the fake Discord, for tests and `GET /_sandbox/state`. */
export class SandboxState {
  readonly interactions: InteractionRecord[] = [];
  /** Upload slots and their bytes (§2.4). */
  readonly uploads = new UploadStore();
  /** Modals users have open, awaiting a type 5 submit (§3.4). */
  readonly modals = new ModalRegistry();
  /** Midjourney jobs in flight per account, now and at most (scheduling tests). */
  readonly jobs = new JobMeter();
  /** Every REST request with token, route, time and status; 429s disregarded (`violations`). */
  readonly requests = new RequestLog();

  constructor(
    readonly messages: MessageStore,
    readonly attachments: AttachmentStore,
    readonly sessions: SessionRegistry,
    /** The accounts and faults in force, for the snapshot. */
    private readonly scenario?: { users(): SandboxUser[]; faults(): FaultSnapshot },
  ) {}

  /** Forgets messages, files, uploads, open modals, interactions and measurements; connected gateway sessions stay usable. */
  clear(): void {
    this.messages.clear();
    this.attachments.clear();
    this.uploads.clear();
    this.modals.clear();
    this.interactions.length = 0;
    this.jobs.clear();
    this.requests.clear();
    this.sessions.forgetDetached();
  }

  snapshot(): StateSnapshot {
    const all = this.messages.all();
    return {
      sessions: this.sessions.live().map((s) => s.info()),
      messages: { total: all.length, live: all.filter((m) => !m.deleted).length, deleted: all.filter((m) => m.deleted).length },
      interactions: this.interactions.map(({ body: _body, ...record }) => record),
      jobs: this.jobs.snapshot(),
      requests: { total: this.requests.total, list: [...this.requests.requests] },
      rateLimitViolations: { count: this.requests.violations.length, list: [...this.requests.violations] },
      ...(this.scenario ? { users: this.scenario.users(), faults: this.scenario.faults() } : {}),
    };
  }
}

export interface StateSnapshot {
  sessions: SessionInfo[];
  messages: { total: number; live: number; deleted: number };
  interactions: Omit<InteractionRecord, 'body'>[];
  jobs: JobStats;
  requests: { total: number; list: RequestRecord[] };
  rateLimitViolations: { count: number; list: RateLimitViolation[] };
  users?: SandboxUser[];
  faults?: FaultSnapshot;
}
