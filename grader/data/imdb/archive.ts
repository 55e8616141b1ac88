/**
 * Reads the reviews out of the aclImdb archive (the official `aclImdb_v1.tar.gz` or the
 * labelled-only copy): `aclImdb/{train,test}/{pos,neg}/<id>_<rating>.txt`. Unlabelled
 * reviews (`train/unsup`) are skipped. Streams, so the 80 MB archive is never in memory.
 */
import * as fs from "node:fs";
import { createGunzip } from "node:zlib";
import { pipeline } from "node:stream/promises";
import * as tar from "tar-stream";

export interface RawReview {
  split: "train" | "test";
  label: 0 | 1;
  id: number;
  text: string;
}

const REVIEW_PATH = /(?:^|\/)aclImdb\/(train|test)\/(pos|neg)\/(\d+)_(\d+)\.txt$/;

export async function readReviews(archivePath: string): Promise<RawReview[]> {
  const reviews: RawReview[] = [];
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    const m = REVIEW_PATH.exec(header.name);
    if (!m || header.type !== "file") {
      stream.resume();
      stream.on("end", next);
      return;
    }
    const chunks: Buffer[] = [];
    stream.on("data", (c: unknown) => chunks.push(c as Buffer));
    stream.on("end", () => {
      reviews.push({
        split: m[1] as "train" | "test",
        label: m[2] === "pos" ? 1 : 0,
        id: Number(m[3]),
        text: Buffer.concat(chunks).toString("utf8"),
      });
      next();
    });
  });
  await pipeline(fs.createReadStream(archivePath), createGunzip(), extract);
  // Archives list files in any order: sort so the encoding is the same whatever the source.
  reviews.sort((a, b) => (a.split === b.split ? (a.label === b.label ? a.id - b.id : a.label - b.label) : a.split < b.split ? 1 : -1));
  return reviews;
}
