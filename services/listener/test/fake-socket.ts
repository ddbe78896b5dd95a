import { EventEmitter } from 'node:events';

type Frame = { op: number; d?: unknown; s?: number | null; t?: string | null };

/** Stands in for `ws`' WebSocket in unit tests: records what the client sends and how it closes. */
export class FakeSocket extends EventEmitter {
  static readonly all: FakeSocket[] = [];
  readonly sent: Array<{ op: number; d: unknown }> = [];
  closedWith: number | undefined;

  constructor(readonly url: string) {
    super();
    FakeSocket.all.push(this);
  }

  send(text: string): void {
    this.sent.push(JSON.parse(text) as { op: number; d: unknown });
  }

  close(code: number): void {
    this.closedWith ??= code;
  }

  /** Frames with this opcode the client sent. */
  sentOps(op: number): Array<{ op: number; d: unknown }> {
    return this.sent.filter((f) => f.op === op);
  }

  receive(frame: Frame): void {
    this.emit('message', Buffer.from(JSON.stringify(frame)));
  }
}
