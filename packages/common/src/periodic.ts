/**
 * A pass run every `everyMs` (the listener's sweeps, relay and reaper; the dispatcher's slot
 * wake-ups): a pass that fails is reported and the next one runs as usual; `stop` ends the timer
 * and waits for the pass under way.
 */
export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly everyMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.pass().catch(this.onError);
    }, this.everyMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
