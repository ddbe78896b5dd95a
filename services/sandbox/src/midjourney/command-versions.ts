/**
 * The versions the command index hands out for this sandbox. Real versions change without notice
 * (§3.2); `rotate()` does the same on demand, so that a client holding the old ones gets
 * 400 50035 INTERACTION_APPLICATION_COMMAND_INVALID_VERSION (§5.2) and must refetch the index.
 * Per sandbox, not per process: two sandboxes in one test file do not disturb each other.
 */
export class CommandVersions {
  private generation = 0n;

  /** The version of a command whose initial version is `base`. */
  of(base: string): string {
    return (BigInt(base) + this.generation * 1_000n).toString();
  }

  rotate(): void {
    this.generation += 1n;
  }

  reset(): void {
    this.generation = 0n;
  }
}
