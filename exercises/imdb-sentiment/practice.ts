/**
 * imdb-sentiment in the browser: a public sample of training reviews (downloaded from Treino,
 * grader/practice/imdb-sample.ts). The first 90% go through the student's own padSequences
 * and train the model, as in grading; the last 10% are padded the Keras way and give the
 * validation accuracy, beside always guessing the majority class. padSequences is checked on
 * the same named edge cases as grading, with a public random batch.
 */
import { padSequencesReference } from "../../grader/data/imdb/sequences";
import { makeRng } from "../../grader/data/random";
import { localized } from "../../grader/i18n/messages";
import type { PracticeTask } from "../../grader/practice/practice-task";
import { acceptPadded } from "./training-rows";
import { definition, imdbModel, padded, padProbeCases, sequencesOf } from "./task";

/** Reviews in the public sample the server sends (the quick profile's training size). */
export const PRACTICE_SAMPLE_REVIEWS = 3000;
const VALIDATION_SHARE = 0.1;


export const practice: PracticeTask = {
  definition,
  needs: "imdb-sample",
  timeLimitMs: 300_000,
  plan(constants, data) {
    const { numWords, maxLen } = constants;
    const sample = data.imdbSample;
    if (!sample) throw new Error("the IMDb practice sample did not load");
    const n = sample.labels.length;
    const cut = Math.floor(n * (1 - VALIDATION_SHARE));
    const trainIdx = Array.from({ length: cut }, (_, i) => i);
    const validIdx = Array.from({ length: n - cut }, (_, i) => cut + i);
    const trainX = padded(sample, trainIdx, maxLen, numWords);
    const trainY = Float32Array.from(trainIdx, (i) => sample.labels[i]);
    const validY = validIdx.map((i) => sample.labels[i]);
    const positives = validY.filter((l) => l === 1).length;
    const cases = padProbeCases(makeRng("imdb-sentiment/practice/probes"), maxLen, numWords);
    const model = imdbModel(numWords, maxLen);
    return {
      probes: Object.entries(cases).map(([id, args]) => ({ id, fn: "padSequences", args, expected: padSequencesReference(...args) })),
      models: [
        {
          ...model,
          title: localized("practice.model.lstm", { "pt-BR": "LSTM", en: "LSTM" }),
          train: { x: { dtype: "float32", shape: [cut, maxLen], data: trainX }, y: { dtype: "float32", shape: [cut, 1], data: trainY } },
          prepare: {
            fn: "padSequences",
            args: [null, maxLen],
            output: "rows",
            sequences: { arg: 0, ...sequencesOf(sample, trainIdx, numWords) },
            accept: (table) => acceptPadded(table, trainX, trainY, maxLen, numWords),
          },
          evaluate: {
            x: { dtype: "float32", shape: [validIdx.length, maxLen], data: padded(sample, validIdx, maxLen, numWords) },
            y: validY,
            metric: "accuracy",
            baseline: { name: localized("practice.baseline.majority", { "pt-BR": "sempre a classe majoritária", en: "always the majority class" }), value: Math.max(positives, validY.length - positives) / validY.length },
          },
        },
      ],
    };
  },
};
