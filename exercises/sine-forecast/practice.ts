/**
 * sine-forecast in the browser: the public training series (the student's own makeWindows of
 * it is what the model trains on, as in grading), makeWindows checked on public random
 * series, and the model judged on the public chart series, with the persistence baseline.
 */
import { chartSeries, makeWindowsReference, trainSeries } from "../../grader/data/sine";
import { makeRng } from "../../grader/data/random";
import { localized } from "../../grader/i18n/messages";
import type { PracticeTask } from "../../grader/practice/practice-task";
import { mse } from "../../grader/scoring/metrics";
import { windowTensors } from "../../grader/tasks/helpers";
import { sineModel, spec, windowProbeCases } from "./spec";
import { acceptWindows } from "./training-windows";

export const practice: PracticeTask = {
  definition: spec,
  timeLimitMs: 120_000,
  plan(constants) {
    const w = constants.windowSize;
    const series = trainSeries();
    const train = makeWindowsReference(series, w);
    const chart = makeWindowsReference(chartSeries(), w);
    const chartX = windowTensors(chart.inputs, chart.targets, w).x;
    const persistence = mse(chart.inputs.map((row) => row[row.length - 1]), chart.targets);
    return {
      probes: windowProbeCases(makeRng("sine-forecast/practice/probes")).map((c) => ({ id: c.id, fn: "makeWindows", args: [c.series, c.size], expected: c.expected })),
      models: [
        {
          ...sineModel(w),
          title: localized("practice.model.lstm", { "pt-BR": "LSTM", en: "LSTM" }),
          train: windowTensors(train.inputs, train.targets, w),
          prepare: { fn: "makeWindows", args: [series, w], output: "windows", accept: (table) => acceptWindows(table, train, series, w) },
          evaluate: {
            x: chartX, y: chart.targets, metric: "mse",
            baseline: { name: localized("practice.baseline.persistence", { "pt-BR": "repetir o último valor", en: "repeating the last value" }), value: persistence },
          },
          chart: { x: chartX, points: chart.targets.map((actual, i) => ({ x: i + w, actual })), xAxis: "timeStep" },
        },
      ],
    };
  },
};
