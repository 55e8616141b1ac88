/**
 * The public data files practice runs download, written where the web server serves them
 * from (scripts/setup.ts calls this at every start). Today one: imdb-sentiment's sample of
 * training reviews (the first PRACTICE_SAMPLE_REVIEWS of the public training order that
 * grading's quick profile trains on). Never a test review, never a hidden label.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { graderConfig } from "../config";
import { SHARED_DIR, loadImdb } from "../data/imdb/load";
import { review, type EncodedSplit } from "../data/imdb/encoded";
import { makeRng } from "../data/random";
import { balancedSample } from "../../exercises/imdb-sentiment/task";
import { PRACTICE_SAMPLE_REVIEWS } from "../../exercises/imdb-sentiment/practice";
import { encodeImdbSample } from "./imdb-sample";

export const IMDB_SAMPLE_FILE = "imdb-sentiment.bin";

/** Writes the IMDb sample into `dir` unless it is there; says why when the dataset is missing. */
export async function writePracticeData(dir: string): Promise<{ written: string[]; missing: string[] }> {
  const file = path.join(dir, IMDB_SAMPLE_FILE);
  if (fs.existsSync(file)) return { written: [], missing: [] };
  const config = graderConfig();
  let data;
  try {
    data = await loadImdb({
      dirs: [...(config.TREINO_IMDB_DIR ? [config.TREINO_IMDB_DIR] : []), SHARED_DIR],
      cacheDir: config.TREINO_CACHE_DIR,
      archiveUrl: config.TREINO_IMDB_ARCHIVE_URL,
      wordIndexUrl: config.TREINO_IMDB_WORD_INDEX_URL,
    });
  } catch (err) {
    return { written: [], missing: [`${IMDB_SAMPLE_FILE}: ${(err as Error).message}`] };
  }
  // The same public order grading trains on (exercises/imdb-sentiment/spec.ts).
  const chosen = balancedSample(data.train, PRACTICE_SAMPLE_REVIEWS, makeRng("imdb-sentiment/train/v1"));
  const offsets = new Uint32Array(chosen.length + 1);
  chosen.forEach((idx, i) => (offsets[i + 1] = offsets[i] + review(data.train, idx).length));
  const ids = new Uint32Array(offsets[chosen.length]);
  chosen.forEach((idx, i) => ids.set(review(data.train, idx), offsets[i]));
  const sample: EncodedSplit = { labels: Uint8Array.from(chosen, (i) => data.train.labels[i]), offsets, ids };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${file}.tmp`, encodeImdbSample(sample));
  fs.renameSync(`${file}.tmp`, file);
  return { written: [IMDB_SAMPLE_FILE], missing: [] };
}
