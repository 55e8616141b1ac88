/**
 * Reads a request body into memory, but never more than `limit` bytes of it. The
 * Content-Length header cannot be trusted for this: a chunked body has none, and a client
 * may send more than it declared. So the bytes are counted as they arrive, and reading stops
 * (the stream is cancelled, so nothing further is pulled from the connection) as soon as the
 * count passes the limit. At most `limit` plus one chunk is ever held.
 */
export type LimitedBody = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; received: number };

export async function readLimitedBody(body: ReadableStream<Uint8Array> | null, limit: number): Promise<LimitedBody> {
  if (!body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      // Not awaited: a source whose cancel never settles must not hold the answer back.
      reader.cancel("body too large").catch(() => undefined);
      return { ok: false, received };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}
