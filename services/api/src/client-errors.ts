import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Node's HTTP parser errors that have their own status (its own default answers keep these too). */
const STATUS_BY_PARSER_CODE: Record<string, { status: number; code: string; reason: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'HEADERS_TOO_LARGE', reason: 'Request Header Fields Too Large' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, code: 'PAYLOAD_TOO_LARGE', reason: 'Payload Too Large' },
};
const BAD_REQUEST = { status: 400, code: 'BAD_REQUEST', reason: 'Bad Request' };

/**
 * A request Node's parser refuses (headers over 16 KB, malformed framing) never reaches express:
 * Node answers it with a bare status line. Answer it like every other refusal instead, as JSON
 * with a machine-readable code, and close the connection (its framing can't be trusted).
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, code, reason } = STATUS_BY_PARSER_CODE[err.code ?? ''] ?? BAD_REQUEST;
    const body = JSON.stringify({ code, message: reason });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
