import type { Account, AccountInput } from '@mjq/common';

// tsoa-readable mirrors of the account schemas in @mjq/common (checked below at compile time).

/** A Midjourney account as the admin API shows it: never with its token. */
export interface AccountView {
  id: string;
  guildId: string;
  channelId: string;
  /** Concurrent Midjourney jobs (3 on Standard, 12 on Pro). */
  concurrency: number;
  /** Tasks that may wait for this account's slots. */
  waitSize: number;
  mode: 'fast' | 'relax' | 'turbo';
  relaxFallback: boolean;
  enabled: boolean;
  disabledReason?: string;
}

/** A new or replaced account. `userToken` is write-only. */
export interface AccountBody {
  /** @pattern ^[\w.-]{1,64}$ */
  id: string;
  guildId: string;
  channelId: string;
  userToken: string;
  concurrency?: number;
  waitSize?: number;
  mode?: 'fast' | 'relax' | 'turbo';
  relaxFallback?: boolean;
  enabled?: boolean;
  disabledReason?: string;
}

export interface DisableBody {
  reason?: string;
}

export interface BannedWordList {
  words: string[];
  /** Bumped by every edit; replicas reload when it moves. */
  version: number;
}

export interface BannedWordsReplace {
  words: string[];
}

export interface BannedWordsEdit {
  add?: string[];
  remove?: string[];
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const adminDtoMatchesSchemas: [Same<AccountView, Account>, Same<AccountBody, AccountInput>] = [true, true];
