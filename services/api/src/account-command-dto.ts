import type { AccountInfo, AccountObserved, AccountSettings } from '@mjq/common';
import type { AccountView } from './admin-dto.js';

// tsoa-readable mirrors of the account-info schemas in @mjq/common (checked below at compile time).

export interface UsageView {
  /** @isInt */
  images: number;
  hours: number;
}

/** Midjourney's /info of an account, parsed. */
export interface AccountInfoView {
  /** As shown: `Standard (Active monthly, renews next on <t:…>)` */
  subscription?: string;
  /** The subscription's first word: `Basic`, `Standard`, `Pro`, `Mega` */
  plan?: string;
  jobMode?: 'fast' | 'relax' | 'turbo';
  visibility?: 'public' | 'stealth';
  /** Fast hours left this period, and the plan's total */
  fastTimeRemaining?: { hours: number; totalHours: number };
  lifetimeUsage?: UsageView;
  relaxedUsage?: UsageView;
  /** @isInt */
  queuedFast?: number;
  /** @isInt */
  queuedRelax?: number;
  /** @isInt */
  running?: number;
  /** Every `Key: value` line as Midjourney showed it */
  raw: Record<string, string>;
  /** When mjq read it (ms since epoch) @isInt */
  readAt: number;
}

export interface SettingsChoiceView {
  /** Copied from the panel; clicked as is */
  customId: string;
  label: string;
  /** Green on the panel */
  active: boolean;
}

/** Midjourney's /settings panel of an account, parsed. */
export interface AccountSettingsView {
  messageId: string;
  /** @isInt */
  messageFlags: number;
  remix?: boolean;
  /** The default model's value on the version selector (`7`, `6.1`, `niji 6`…) */
  version?: string;
  jobMode?: 'fast' | 'relax' | 'turbo';
  raw?: boolean;
  stealth?: boolean;
  highVariation?: boolean;
  versionSelect?: { customId: string; values: string[] };
  buttons: SettingsChoiceView[];
  /** @isInt */
  readAt: number;
}

/** What mjq last saw of the account on Midjourney. */
export interface AccountObservedView {
  info?: AccountInfoView;
  settings?: AccountSettingsView;
  /** The job mode Midjourney last confirmed */
  jobMode?: 'fast' | 'relax' | 'turbo';
  /** Set while mjq keeps the account in relax because its fast hours ran out: the mode it goes back to */
  relaxedFrom?: 'fast' | 'turbo';
}

/** An account in the admin listing, with what Midjourney last said about it. */
export interface AccountStatusView extends AccountView {
  observed?: AccountObservedView;
}

export interface ModeBody {
  mode: 'fast' | 'relax' | 'turbo';
}

/** The preferences to set on the /settings panel; the ones left out are not touched. */
export interface SettingsBody {
  remix?: boolean;
  /** A value of the panel's version selector, e.g. `7`, `6.1`, `niji 6` */
  version?: string;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const accountCommandDtoMatchesSchemas: [Same<AccountInfoView, AccountInfo>, Same<AccountSettingsView, AccountSettings>, Same<AccountObservedView, AccountObserved>] = [true, true, true];
