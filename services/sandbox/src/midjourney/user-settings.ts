/**
 * Midjourney's per-account preferences that change what a click does. Remix mode (`/prefer remix`,
 * §3.2) makes V/Vary, pan and 🔄 open a prompt modal instead of starting the job (§3.4).
 */
export type JobModeSetting = 'fast' | 'relax' | 'turbo';

/** Where an account's job mode and fast-time state live (the sandbox's account states). */
export interface AccountModes {
  mode(userId: string): JobModeSetting;
  setMode(userId: string, mode: JobModeSetting): void;
  outOfFastHours(userId: string): boolean;
}

/** What `/settings` shows besides Remix and the job mode; Midjourney keeps them per account. */
export interface Preferences {
  /** The default model's option value (`MJ::Settings::VersionSelector`); recorded, jobs do not use it. */
  version: string;
  raw: boolean;
  /** 50, 100, 250 or 750 (`--s`), the four stylize buttons. */
  stylize: number;
  stealth: boolean;
  highVariation: boolean;
}

export const DEFAULT_PREFERENCES: Readonly<Preferences> = { version: '7', raw: false, stylize: 100, stealth: false, highVariation: true };

export class UserSettings {
  private readonly remixOn = new Set<string>();
  private readonly preferences = new Map<string, Preferences>();
  /** `/fast`, `/relax`, `/turbo` and `/info` read and change these; the job gate reads the same. */
  accounts: AccountModes = inMemoryModes();

  remix(userId: string): boolean {
    return this.remixOn.has(userId);
  }

  setRemix(userId: string, on: boolean): void {
    if (on) this.remixOn.add(userId);
    else this.remixOn.delete(userId);
  }

  /** `/prefer remix` flips the mode and reports the new one. */
  toggleRemix(userId: string): boolean {
    this.setRemix(userId, !this.remix(userId));
    return this.remix(userId);
  }

  prefs(userId: string): Preferences {
    return { ...DEFAULT_PREFERENCES, ...this.preferences.get(userId) };
  }

  setPrefs(userId: string, change: Partial<Preferences>): void {
    this.preferences.set(userId, { ...this.prefs(userId), ...change });
  }

  /** Reset Settings: everything back to Midjourney's defaults (Remix off, fast mode). */
  reset(userId: string): void {
    this.preferences.delete(userId);
    this.setRemix(userId, false);
    this.accounts.setMode(userId, 'fast');
  }

  clear(): void {
    this.remixOn.clear();
    this.preferences.clear();
  }
}

function inMemoryModes(): AccountModes {
  const modes = new Map<string, JobModeSetting>();
  return { mode: (id) => modes.get(id) ?? 'fast', setMode: (id, mode) => void modes.set(id, mode), outOfFastHours: () => false };
}
