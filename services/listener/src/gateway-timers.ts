/**
 * The clocks of one gateway connection: named one-shot deadlines and the heartbeat schedule. The
 * state machine decides when they start and stop; this only keeps the Node timers, so that every
 * timer of a replaced socket dies with it (`clear`) and none fires into the next connection.
 */
export class ConnectionTimers<Name extends string = string> {
  private readonly deadlines = new Map<Name, NodeJS.Timeout>();
  private heartbeatTimer: NodeJS.Timeout | undefined;

  /** Arms `name` (re-arming it if already running). */
  deadline(name: Name, ms: number, expire: () => void): void {
    this.cancel(name);
    this.deadlines.set(
      name,
      setTimeout(() => {
        this.deadlines.delete(name);
        expire();
      }, ms),
    );
  }

  cancel(name: Name): void {
    clearTimeout(this.deadlines.get(name));
    this.deadlines.delete(name);
  }

  /** Discord's schedule (§1.4): the first beat after `firstMs` (a jittered share of the interval), then every `everyMs`. */
  heartbeat(firstMs: number, everyMs: number, beat: () => void): void {
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => {
      // Scheduled before beating: a beat that finds a zombie clears every timer, this one included.
      this.heartbeatTimer = setInterval(beat, everyMs);
      beat();
    }, firstMs);
  }

  clear(): void {
    for (const timer of this.deadlines.values()) clearTimeout(timer);
    this.deadlines.clear();
    // clearTimeout also stops an interval in Node.
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }
}
