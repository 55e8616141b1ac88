/**
 * Finds the IMDb reviews and Keras's word index, encodes them once, and caches the result.
 *
 * Where the files come from, first found wins:
 *   1. a configured folder (TREINO_IMDB_DIR),
 *   2. the team's shared copy, ../shared/datasets/imdb beside the repository,
 *   3. files downloaded earlier into the cache,
 *   4. the official URLs, downloaded into the cache where the internet is reachable.
 * An encoding already in the cache is used as it is when no source folder is found.
 * The data is never part of the repository.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { REPO_ROOT } from "../../paths";
import { readReviews } from "./archive";
import { readEncoded, splitFrom, writeEncoded, type EncodedImdb } from "./encoded";
import { encodeReview, parseWordIndex } from "./tokenize";

export const ARCHIVE_NAMES = ["aclImdb_labelled.tar.gz", "aclImdb_v1.tar.gz"];
export const WORD_INDEX_NAME = "imdb_word_index.json";
export const SHARED_DIR = path.resolve(REPO_ROOT, "..", "shared", "datasets", "imdb");

export interface ImdbSources {
  /** Folders to look in, in order. */
  dirs: string[];
  cacheDir: string;
  archiveUrl: string;
  wordIndexUrl: string;
}

export interface ImdbFiles {
  archive: string;
  wordIndex: string;
}

export function findSourceFiles(dirs: string[]): ImdbFiles | null {
  for (const dir of dirs) {
    const wordIndex = path.join(dir, WORD_INDEX_NAME);
    if (!fs.existsSync(wordIndex)) continue;
    for (const name of ARCHIVE_NAMES) {
      const archive = path.join(dir, name);
      if (fs.existsSync(archive)) return { archive, wordIndex };
    }
  }
  return null;
}

function fileHash(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

async function download(url: string, dest: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`download of ${url} failed: HTTP ${res.status}`);
  const tmp = `${dest}.part-${process.pid}`;
  await pipeline(Readable.fromWeb(res.body as import("node:stream/web").ReadableStream), fs.createWriteStream(tmp));
  fs.renameSync(tmp, dest);
}

export async function encodeFiles(files: ImdbFiles, sourceHash: string): Promise<EncodedImdb> {
  const index = parseWordIndex(fs.readFileSync(files.wordIndex, "utf8"));
  const reviews = await readReviews(files.archive);
  const encode = (split: "train" | "test") =>
    splitFrom(reviews.filter((r) => r.split === split).map((r) => ({ label: r.label, ids: encodeReview(r.text, index) })));
  return { train: encode("train"), test: encode("test"), sourceHash };
}

const inFlight = new Map<string, Promise<EncodedImdb>>();

export function loadImdb(sources: ImdbSources): Promise<EncodedImdb> {
  const key = JSON.stringify(sources);
  let p = inFlight.get(key);
  if (!p) {
    p = load(sources).catch((err) => {
      inFlight.delete(key);
      throw err;
    });
    inFlight.set(key, p);
  }
  return p;
}

async function load(sources: ImdbSources): Promise<EncodedImdb> {
  const cache = path.join(sources.cacheDir, "imdb");
  fs.mkdirSync(cache, { recursive: true });
  let files = findSourceFiles([...sources.dirs, cache]);
  if (!files) {
    const cached = fs.readdirSync(cache).filter((f) => /^encoded-.*\.bin$/.test(f)).sort();
    for (const f of cached) {
      const data = readEncoded(path.join(cache, f));
      if (data) return data;
    }
    try {
      await download(sources.wordIndexUrl, path.join(cache, WORD_INDEX_NAME));
      await download(sources.archiveUrl, path.join(cache, "aclImdb_v1.tar.gz"));
    } catch (err) {
      throw new Error(
        `The IMDb data was not found in ${[...sources.dirs, cache].join(", ")} and could not be downloaded (${(err as Error).message}). ` +
          `Put ${ARCHIVE_NAMES[0]} (or ${ARCHIVE_NAMES[1]}) and ${WORD_INDEX_NAME} in a folder and set TREINO_IMDB_DIR to it.`,
      );
    }
    files = findSourceFiles([cache])!;
  }
  const sourceHash = createHash("sha256").update(fileHash(files.archive)).update(fileHash(files.wordIndex)).digest("hex").slice(0, 16);
  const encodedFile = path.join(cache, `encoded-${sourceHash}.bin`);
  const cached = readEncoded(encodedFile);
  if (cached && cached.sourceHash === sourceHash) return cached;
  const data = await encodeFiles(files, sourceHash);
  writeEncoded(encodedFile, data);
  return data;
}
