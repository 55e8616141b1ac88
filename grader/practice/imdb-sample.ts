/**
 * The public IMDb sample a practice run trains on, as one compact binary file: a few thousand
 * training reviews (never test reviews) as token ids, with their labels. Written by the web
 * server (server/practice/imdb-sample.ts), read in the student's browser.
 *
 * Layout, little-endian: u32 magic, u32 version, u32 n, u32 ids; labels (u8 x n, padded to
 * 4 bytes); offsets (u32 x n+1); ids (u32 x ids).
 */
import type { EncodedSplit } from "../data/imdb/encoded";

const MAGIC = 0x54524d49; // "TRMI"
const VERSION = 1;

export function encodeImdbSample(split: EncodedSplit): Uint8Array {
  const n = split.labels.length;
  const ids = split.offsets[n];
  const labelBytes = Math.ceil(n / 4) * 4;
  const bytes = new Uint8Array(16 + labelBytes + 4 * (n + 1) + 4 * ids);
  const view = new DataView(bytes.buffer);
  [MAGIC, VERSION, n, ids].forEach((v, i) => view.setUint32(4 * i, v, true));
  bytes.set(split.labels, 16);
  let at = 16 + labelBytes;
  for (let i = 0; i <= n; i++, at += 4) view.setUint32(at, split.offsets[i], true);
  for (let i = 0; i < ids; i++, at += 4) view.setUint32(at, split.ids[split.offsets[0] + i], true);
  return bytes;
}

export function decodeImdbSample(buffer: ArrayBuffer): EncodedSplit {
  const view = new DataView(buffer);
  if (buffer.byteLength < 16 || view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== VERSION) {
    throw new Error("not an IMDb practice sample (bad header)");
  }
  const n = view.getUint32(8, true);
  const ids = view.getUint32(12, true);
  const labelBytes = Math.ceil(n / 4) * 4;
  if (buffer.byteLength !== 16 + labelBytes + 4 * (n + 1) + 4 * ids) throw new Error("IMDb practice sample of the wrong length");
  const labels = new Uint8Array(buffer.slice(16, 16 + n));
  const read = (from: number, count: number) => {
    const out = new Uint32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getUint32(from + 4 * i, true);
    return out;
  };
  const offsets = read(16 + labelBytes, n + 1);
  if (offsets[0] !== 0 || offsets[n] !== ids) throw new Error("IMDb practice sample with inconsistent offsets");
  return { labels, offsets, ids: read(16 + labelBytes + 4 * (n + 1), ids) };
}
