import type { Accounts } from '../accounts.js';
import type { AcceptedInteraction } from '../interaction.js';
import type { JobMeter, JobOutcome } from '../measurements/job-meter.js';
import type { ActionContext } from './action.js';
import { isMjErrorKind, mjErrorMessage, type MjErrorKind } from './mj-errors.js';
import { moderatedAfterStart } from './moderated-job.js';
import { boldPrompt, promptMode, sandboxKeyword, unknownParameters, type JobMode } from './prompt-flags.js';

/** Jobs one account may have waiting for a slot; one more is refused with "Queue full" (§5.1). */
export const MAX_QUEUED_PER_USER = 10;
/** Slash commands that are Midjourney jobs (the rest — /info, /settings, /fast, … — answer at once). */
const JOB_COMMANDS = new Set(['imagine', 'blend', 'describe']);
/** Clicks that are no job: settings, appeals, cancel, favourite, and buttons that only open a modal or the editor (its submit is the job). */
const NOT_A_JOB = /^MJ::(?:Settings|Prompts::Appeal|CancelJob|BOOKMARK|CustomZoom|Inpaint)/;
/** U1–U4 on a grid only crop it (§4.3): instant, no slot. */
const INSTANT = /^MJ::JOB::upsample::\d::/;

export interface JobGateDependencies {
  accounts: Accounts;
  jobs: JobMeter;
  /** Fault `silentJobs.dropNextJobs`: true when this job is to be dropped. */
  takeSilentJob: () => boolean;
  log: (msg: string) => void;
}

type Verdict =
  | { to: 'silent' }
  | { to: 'error'; kind: MjErrorKind; detail?: string }
  | { to: 'moderate' }
  | { to: 'run'; queued: boolean };

/**
 * What Midjourney decides before it runs a job: the account's state (blocked, captcha, out of
 * fast hours), its own rules (unknown `--parameters`, queue depth), test keywords in the prompt
 * (`sandbox:<kind>`) and the silent-job fault. It measures every job from its 204 to its end and
 * tags the interaction with the job mode, which results show as `(fast)`/`(relaxed)`/`(turbo)`.
 */
export class JobGate {
  constructor(private readonly deps: JobGateDependencies) {}

  run(ctx: ActionContext, ix: AcceptedInteraction, act: (ix: AcceptedInteraction) => Promise<void>): Promise<void> {
    const end: (outcome: JobOutcome) => void = isJob(ix) ? this.deps.jobs.begin(ix.user.id) : () => undefined;
    const verdict = this.screen(ctx, ix);
    if (verdict.to === 'silent') {
      this.deps.log(`midjourney: job ${ix.id} of ${ix.user.id} dropped silently`);
      end('silent');
      return Promise.resolve();
    }
    if (verdict.to === 'error') {
      ctx.feed.create(mjErrorMessage(ctx, ix, verdict.kind, verdict.detail));
      end('error');
      return Promise.resolve();
    }
    const tagged: AcceptedInteraction = { ...ix, mode: this.modeOf(ix) };
    if (verdict.to === 'run' && verdict.queued) {
      const limit = this.deps.accounts.concurrency(ix.user.id);
      ctx.feed.create(mjErrorMessage(ctx, ix, 'job_queued', `You can have ${limit} jobs running at once.`));
    }
    const work = verdict.to === 'moderate' ? moderatedAfterStart(ctx, tagged) : act(tagged);
    return work.then(
      () => end('done'),
      (err: unknown) => {
        end('error');
        throw err;
      },
    );
  }

  private screen(ctx: ActionContext, ix: AcceptedInteraction): Verdict {
    const userId = ix.user.id;
    const job = isJob(ix);
    const text = commandText(ix);
    const keyword = sandboxKeyword(text);
    const state = this.deps.accounts.state(userId);
    if (job && (keyword === 'silent' || this.deps.takeSilentJob())) return { to: 'silent' };
    if (state.blocked) return { to: 'error', kind: 'blocked' };
    if (job && state.captcha) {
      return { to: 'error', kind: 'action_needed', detail: 'Please verify you\'re human to continue using Midjourney. Press the button below.' };
    }
    if (isMjErrorKind(keyword) && keyword !== 'job_queued') return { to: 'error', kind: keyword, detail: keywordDetail(keyword, text) };
    const unknown = unknownParameters(text);
    if (unknown.length > 0) {
      return { to: 'error', kind: 'invalid_parameter', detail: `Unrecognized parameter(s): ${unknown.map((p) => `\`--${p}\``).join(', ')}` };
    }
    if (job && state.outOfFastHours && this.modeOf(ix) !== 'relaxed') return { to: 'error', kind: 'credits_exhausted' };
    if (keyword === 'moderated_after_start') return { to: 'moderate' };
    if (!isSlotJob(ix)) return { to: 'run', queued: keyword === 'job_queued' };
    if (ctx.slots.queued(userId) >= MAX_QUEUED_PER_USER) {
      return { to: 'error', kind: 'queue_full', detail: `You have ${MAX_QUEUED_PER_USER} jobs queued.` };
    }
    const full = ctx.slots.inUse(userId) >= this.deps.accounts.concurrency(userId);
    return { to: 'run', queued: full || keyword === 'job_queued' };
  }

  /** `--relax`/`--fast`/`--turbo` in the prompt win over the account's mode (§4.2). */
  private modeOf(ix: AcceptedInteraction): JobMode {
    const asked = promptMode(promptOf(ix));
    if (asked) return asked;
    const mode = this.deps.accounts.state(ix.user.id).mode;
    return mode === 'relax' ? 'relaxed' : mode;
  }
}

export function isJob(ix: AcceptedInteraction): boolean {
  if (ix.kind === 'command') return JOB_COMMANDS.has(ix.command.name);
  if (ix.kind === 'component') return !NOT_A_JOB.test(ix.customId);
  return true;
}

function isSlotJob(ix: AcceptedInteraction): boolean {
  if (!isJob(ix)) return false;
  if (ix.kind === 'command') return ix.command.name !== 'describe';
  return !(ix.kind === 'component' && INSTANT.test(ix.customId));
}

/** The text options of a slash command, where prompts (and test keywords) live. */
function commandText(ix: AcceptedInteraction): string {
  if (ix.kind !== 'command') return '';
  return Object.values(ix.options)
    .filter((v): v is string => typeof v === 'string')
    .join(' ');
}

/** The prompt a job runs with: the command's, or the one of the message whose button was clicked. */
function promptOf(ix: AcceptedInteraction): string {
  if (ix.kind === 'command') return commandText(ix);
  if (ix.kind === 'component') return boldPrompt(ix.message.content) ?? '';
  if (ix.kind === 'region') return ix.prompt;
  return Object.values(ix.values).join(' ');
}

function keywordDetail(kind: MjErrorKind, text: string): string | undefined {
  if (kind === 'banned_prompt') return `sandbox:${kind}`;
  if (kind === 'invalid_link') return /https?:\/\/\S+/.exec(text)?.[0];
  return undefined;
}
