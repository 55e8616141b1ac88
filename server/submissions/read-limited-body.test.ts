import { describe, expect, it } from "vitest";
import { readLimitedBody } from "./read-limited-body";

/** A body with no length at all, as a chunked upload arrives: chunks until `total` bytes were sent. */
function chunkedSource(chunkSize: number, total: number) {
  const state = { pulls: 0, cancelled: false };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      state.pulls++;
      const size = Math.min(chunkSize, total - sent);
      // Each byte tells where it belongs, so a reordered or dropped chunk would show.
      controller.enqueue(Uint8Array.from({ length: size }, (_, i) => (sent + i) % 251));
      sent += size;
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe("readLimitedBody", () => {
  it("stops pulling a huge body soon after the limit and cancels it", async () => {
    // Ten megabytes with no length announced (finite only so a broken limit fails rather than hangs).
    const { stream, state } = chunkedSource(1000, 10_000_000);
    const result = await readLimitedBody(stream, 10_000);
    expect(result).toEqual({ ok: false, received: 11_000 });
    // Eleven chunks cross the limit; the stream may have asked for one more ahead, no further.
    expect(state.pulls).toBeLessThanOrEqual(12);
    expect(state.cancelled).toBe(true);
  });

  it("refuses a body one byte over the limit", async () => {
    const { stream, state } = chunkedSource(4096, 10_001);
    expect(await readLimitedBody(stream, 10_000)).toEqual({ ok: false, received: 10_001 });
    expect(state.cancelled).toBe(true);
  });

  it("passes a body up to the limit through byte for byte", async () => {
    const { stream, state } = chunkedSource(777, 10_000);
    const result = await readLimitedBody(stream, 10_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bytes).toEqual(Uint8Array.from({ length: 10_000 }, (_, i) => i % 251));
    expect(state.cancelled).toBe(false);
  });

  it("reads no body as empty", async () => {
    expect(await readLimitedBody(null, 10)).toEqual({ ok: true, bytes: new Uint8Array(0) });
  });
});
