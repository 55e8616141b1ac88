/**
 * next-number in the browser: the lesson's sequence (j = 0..99) to train on, and both networks
 * judged on the public chart starts, inside the training range and past it, side by side.
 */
import { chartStarts, trainStarts } from "../../grader/data/next-number";
import { localized } from "../../grader/i18n/messages";
import type { PracticeTask } from "../../grader/practice/practice-task";
import { mae } from "../../grader/scoring/metrics";
import { nextNumberModels, seqTensor, spec } from "./spec";

const TITLES: Record<string, { "pt-BR": string; en: string }> = { rnn: { "pt-BR": "SimpleRNN", en: "SimpleRNN" }, lstm: { "pt-BR": "LSTM", en: "LSTM" } };

export const practice: PracticeTask = {
  definition: spec,
  timeLimitMs: 120_000,
  plan() {
    const train = seqTensor(trainStarts());
    const chart = seqTensor(chartStarts());
    const persistence = mae(chart.last, chart.targets);
    return {
      probes: [],
      models: nextNumberModels().map((m) => ({
        ...m,
        title: localized(`practice.model.${m.id}`, TITLES[m.id]),
        train: { x: train.x, y: train.y },
        evaluate: {
          x: chart.x, y: chart.targets, metric: "mae",
          baseline: { name: localized("practice.baseline.persistence", { "pt-BR": "repetir o último valor", en: "repeating the last value" }), value: persistence },
        },
        chart: { x: chart.x, points: chartStarts().map((j, i) => ({ x: j, actual: chart.targets[i] })), xAxis: "sequenceStart" },
      })),
    };
  },
};
