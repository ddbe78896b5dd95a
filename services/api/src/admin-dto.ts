import type { Account, AccountInput, BrowserIdentityOverride } from '@mjq/common';

// tsoa-readable mirrors of the account schemas in @mjq/common (checked below at compile time).

/**
 * The browser an account claims to be, over the global one (DISCORD_USER_AGENT, DISCORD_LOCALE,
 * DISCORD_SUPER_PROPERTIES): Discord's super-properties fields, any of them. A new
 * `browser_user_agent` also sets browser, browser_version, os and os_version from what it says.
 */
export interface BrowserView {
  os?: string;
  browser?: string;
  device?: string;
  /** e.g. `en-US`: also X-Discord-Locale and Accept-Language */
  system_locale?: string;
  has_client_mods?: boolean;
  /** The User-Agent of every request of the account, REST and gateway alike */
  browser_user_agent?: string;
  browser_version?: string;
  os_version?: string;
  referrer?: string;
  referring_domain?: string;
  referrer_current?: string;
  referring_domain_current?: string;
  release_channel?: string;
  /** @isInt */
  client_build_number?: number;
  client_event_source?: string | null;
}

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
  browser?: BrowserView;
  /** This account's proxy towards Discord, credentials masked: `http://***@host:3128` */
  proxy?: string;
  /** Requests refused by Discord's edge (Cloudflare's non-JSON 403) since the account was declared: the client looked wrong, the account is fine */
  edgeBlocks?: number;
  /** When the latest edge block came (ms since epoch) */
  edgeBlockedAt?: number;
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
  browser?: BrowserView;
  /**
   * This account's way out to Discord (REST, uploads, its gateway), over DISCORD_PROXY: http, https or
   * socks5, credentials included (write-only: shown masked). Sent again in full on every replace.
   * @example "socks5://user:pass@10.0.0.7:1080"
   */
  proxy?: string;
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
export const adminDtoMatchesSchemas: [Same<AccountView, Account>, Same<AccountBody, AccountInput>, Same<BrowserView, BrowserIdentityOverride>] = [true, true, true];
