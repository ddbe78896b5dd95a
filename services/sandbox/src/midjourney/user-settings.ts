/**
 * Midjourney's per-account preferences that change what a click does. Remix mode (`/prefer remix`,
 * §3.2) makes V/Vary, pan and 🔄 open a prompt modal instead of starting the job (§3.4).
 */
export class UserSettings {
  private readonly remixOn = new Set<string>();

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
