import { createHash } from "node:crypto";

/** A short content hash of typed arrays and strings, recorded with each result. */
export function hashData(parts: (ArrayBufferView | string)[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(typeof p === "string" ? p : new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  return h.digest("hex").slice(0, 16);
}
