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

export class UserSettings {
  private readonly remixOn = new Set<string>();
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

  clear(): void {
    this.remixOn.clear();
  }
}

function inMemoryModes(): AccountModes {
  const modes = new Map<string, JobModeSetting>();
  return { mode: (id) => modes.get(id) ?? 'fast', setMode: (id, mode) => void modes.set(id, mode), outOfFastHours: () => false };
}
