/**
 * imdb-sentiment's definition, apart from its grading: exports, budget, the model's settings,
 * padSequences's cases and the data helpers. Shared by the grading spec (spec.ts) and the
 * browser practice run (practice.ts), so it imports nothing that needs Node.
 */
import type { EncodedSplit } from "../../grader/data/imdb/encoded";
import { review } from "../../grader/data/imdb/encoded";
import { padInto } from "../../grader/data/imdb/sequences";
import { OOV_CHAR } from "../../grader/data/imdb/tokenize";
import type { Rng } from "../../grader/data/random";
import { bothProfiles } from "../../grader/tasks/helpers";
import type { ModelSettings, TaskDefinition } from "../../grader/tasks/types";

export const MAX_PARAMS = 2_000_000;
export const VALIDATION_SPLIT = 0.1;

export const definition: TaskDefinition = {
  slug: "imdb-sentiment",
  order: 3,
  title: { "pt-BR": "Sentimento de resenhas do IMDb com LSTM", en: "IMDb review sentiment with an LSTM" },
  exports: [
    { name: "numWords", kind: "number", required: true },
    { name: "maxLen", kind: "number", required: true },
    { name: "padSequences", kind: "function", required: true },
    { name: "buildModel", kind: "function", required: true },
    { name: "training", kind: "object", required: false },
  ],
  constants: {
    numWords: { min: 100, max: 10_000, integer: true },
    maxLen: { min: 10, max: 500, integer: true },
  },
  budget: bothProfiles({ maxEpochs: 3, defaultEpochs: 2, minBatchSize: 16, maxBatchSize: 512, defaultBatchSize: 64 }),
};

/** The model, for the student's vocabulary and length: graded and practised alike. */
export function imdbModel(numWords: number, maxLen: number): ModelSettings {
  return {
    id: "model",
    build: { fn: "buildModel", args: [numWords, maxLen] },
    inputShape: [maxLen],
    outputShape: [1],
    contract: { layer: "LSTM", maxParams: MAX_PARAMS },
    loss: "binaryCrossentropy",
    metrics: ["accuracy"],
    learningRate: 0.001,
    validationSplit: VALIDATION_SPLIT,
  };
}

/** padSequences against Keras's semantics: the edge cases by name, then a random batch. */
export function padProbeCases(rng: Rng, maxLen: number, numWords: number): Record<string, [number[][], number]> {
  return {
    "pad.empty": [[[]], 5],
    "pad.none": [[], 5],
    "pad.shorter": [[[4, 5, 6]], 5],
    "pad.exact": [[[4, 5, 6, 7, 8]], 5],
    "pad.longer": [[[1, 4, 5, 6, 7, 8, 9, 10]], 5],
    "pad.batch": [
      Array.from({ length: 6 }, () => Array.from({ length: rng.int(2 * maxLen) }, () => 1 + rng.int(numWords - 1))),
      maxLen,
    ],
  };
}

/** The chosen reviews cut to the student's vocabulary, as flat tokens and offsets (n + 1). */
export function sequencesOf(split: EncodedSplit, indices: number[], numWords: number): { tokens: Int32Array; offsets: Int32Array } {
  const offsets = new Int32Array(indices.length + 1);
  indices.forEach((idx, i) => (offsets[i + 1] = offsets[i] + (split.offsets[idx + 1] - split.offsets[idx])));
  const tokens = new Int32Array(offsets[indices.length]);
  indices.forEach((idx, i) => {
    const ids = review(split, idx);
    for (let k = 0; k < ids.length; k++) tokens[offsets[i] + k] = ids[k] < numWords ? ids[k] : OOV_CHAR;
  });
  return { tokens, offsets };
}

/** Half positive, half negative, drawn without replacement (and outside `exclude`). */
export function balancedSample(split: EncodedSplit, n: number, rng: Rng, exclude: ReadonlySet<number> = new Set()): number[] {
  const pos: number[] = [];
  const neg: number[] = [];
  split.labels.forEach((l, i) => {
    if (!exclude.has(i)) (l === 1 ? pos : neg).push(i);
  });
  const chosen = [...rng.shuffle(pos).slice(0, Math.ceil(n / 2)), ...rng.shuffle(neg).slice(0, Math.floor(n / 2))];
  return rng.shuffle(chosen);
}

/** The chosen reviews padded the Keras way, as one flat [n, maxLen] table. */
export function padded(split: EncodedSplit, indices: number[], maxLen: number, numWords: number): Float32Array {
  const out = new Float32Array(indices.length * maxLen);
  indices.forEach((idx, row) => padInto(out, row, review(split, idx), maxLen, numWords));
  return out;
}
