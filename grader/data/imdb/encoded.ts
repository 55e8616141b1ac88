/**
 * The compact form of the encoded dataset: per split, labels, offsets and one flat array
 * of ids. 50,000 reviews take ~50 MB and load in milliseconds, so grading never parses text.
 *
 * File layout: u32 header length, JSON header, then for train and test in that order:
 * labels (u8 x n, padded to 4 bytes), offsets (u32 x n+1), ids (u32 x offsets[n]).
 */
import * as fs from "node:fs";

export interface EncodedSplit {
  labels: Uint8Array;
  offsets: Uint32Array;
  ids: Uint32Array;
}

export interface EncodedImdb {
  train: EncodedSplit;
  test: EncodedSplit;
  /** Identifies the source files the encoding came from. */
  sourceHash: string;
}

export const FORMAT_VERSION = 1;

export function review(split: EncodedSplit, i: number): Uint32Array {
  return split.ids.subarray(split.offsets[i], split.offsets[i + 1]);
}

export function splitFrom(reviews: { label: number; ids: number[] }[]): EncodedSplit {
  const labels = new Uint8Array(reviews.length);
  const offsets = new Uint32Array(reviews.length + 1);
  let total = 0;
  reviews.forEach((r, i) => {
    labels[i] = r.label;
    offsets[i] = total;
    total += r.ids.length;
  });
  offsets[reviews.length] = total;
  const ids = new Uint32Array(total);
  reviews.forEach((r, i) => ids.set(r.ids, offsets[i]));
  return { labels, offsets, ids };
}

const pad4 = (n: number) => (n + 3) & ~3;

export function writeEncoded(file: string, data: EncodedImdb): void {
  const header = Buffer.from(
    JSON.stringify({ version: FORMAT_VERSION, sourceHash: data.sourceHash, train: data.train.labels.length, test: data.test.labels.length, trainIds: data.train.ids.length, testIds: data.test.ids.length }),
  );
  const parts: Buffer[] = [Buffer.alloc(4), header, Buffer.alloc(pad4(header.length) - header.length)];
  parts[0].writeUInt32LE(header.length);
  for (const s of [data.train, data.test]) {
    parts.push(Buffer.from(s.labels), Buffer.alloc(pad4(s.labels.length) - s.labels.length));
    parts.push(Buffer.from(s.offsets.buffer, s.offsets.byteOffset, s.offsets.byteLength));
    parts.push(Buffer.from(s.ids.buffer, s.ids.byteOffset, s.ids.byteLength));
  }
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, Buffer.concat(parts));
  fs.renameSync(tmp, file);
}

export function readEncoded(file: string): EncodedImdb | null {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return null;
  }
  try {
    const headLen = buf.readUInt32LE(0);
    const head = JSON.parse(buf.subarray(4, 4 + headLen).toString("utf8"));
    if (head.version !== FORMAT_VERSION) return null;
    // Copy into an aligned buffer so the typed arrays can view it directly.
    const aligned = new Uint8Array(buf.length);
    aligned.set(buf);
    let offset = 4 + pad4(headLen);
    const take = (n: number, idCount: number) => {
      const labels = aligned.subarray(offset, offset + n);
      offset += pad4(n);
      const offsets = new Uint32Array(aligned.buffer, offset, n + 1);
      offset += (n + 1) * 4;
      const ids = new Uint32Array(aligned.buffer, offset, idCount);
      offset += idCount * 4;
      return { labels, offsets, ids };
    };
    const train = take(head.train, head.trainIds);
    const test = take(head.test, head.testIds);
    if (offset !== buf.length) return null;
    return { train, test, sourceHash: head.sourceHash };
  } catch {
    return null; // truncated or foreign file: rebuild it
  }
}
