/**
 * sine-forecast (the class activity): 20-step windows of a noisy sine wave, an LSTM
 * predicts the next value. Thresholds come from calibration.json (npm run calibrate).
 */
import { hashData } from "../../grader/data/hash";
import { makeRng } from "../../grader/data/random";
import { chartSeries, makeWindowsReference, testWindows, trainSeries } from "../../grader/data/sine";
import { localized } from "../../grader/i18n/messages";
import { baselineCheck, contractCheck, gatedCheck, passFailCheck, probeThrewCheck, thresholdCheck } from "../../grader/scoring/checks";
import { mse } from "../../grader/scoring/metrics";
import { bothProfiles, leaderboardSplit, phaseTimeouts, pick, sameNumbers, windowTensors } from "../../grader/tasks/helpers";
import type { CheckResult, ModelSettings, ScoreOutcome, TaskSpec } from "../../grader/tasks/types";
import type { Rng } from "../../grader/data/random";
import { acceptWindows } from "./training-windows";

export const MAX_PARAMS = 50_000;
const PROBE_CASES = 4;
/** The persistence check wants 10% less error than repeating the last value: a copy of it is not a forecast. */
const BASELINE_MARGIN = 0.1;

interface Hidden {
  /** The graded windows' targets: the first rows of the test predictions. */
  targets: number[];
  /** The leaderboard windows' targets, the rows after them (independent of the graded ones). */
  leaderboardTargets: number[];
  /** Persistence baseline: each window's last value. */
  lastValues: number[];
  probeExpected: Record<string, { inputs: number[][]; targets: number[] }>;
  split: { public: number[]; private: number[] };
}

const rules = {
  windows: {
    title: { "pt-BR": "makeWindows gera as janelas e os alvos corretos", en: "makeWindows builds the right windows and targets" },
    points: 2,
  },
  contract: {
    title: { "pt-BR": "Modelo: uma camada LSTM que faz o trabalho, formatos e orçamento de parâmetros", en: "Model: an LSTM layer that does the work, shapes and parameter budget" },
    points: 2,
  },
  mse: {
    title: { "pt-BR": "Erro quadrático médio no teste oculto", en: "Mean squared error on the hidden test set" },
    points: 4,
    // calibration.json: the weakest valid solution's median MSE is 0.0156 over 10 seeds; full
    // marks 10% beyond it. Persistence (about 0.022) earns neither full nor half marks.
    threshold: { full: 0.0175, partial: 0.021 },
  },
  baseline: {
    title: { "pt-BR": "Melhor que repetir o último valor (persistência)", en: "Better than repeating the last value (persistence)" },
    points: 2,
  },
};

/** The model, for a window size: graded and practised alike. */
export function sineModel(w: number): ModelSettings {
  return {
    id: "model",
    build: { fn: "buildModel", args: [w] },
    inputShape: [w, 1],
    outputShape: [1],
    contract: { layer: "LSTM", maxParams: MAX_PARAMS },
    loss: "meanSquaredError",
    metrics: [],
    learningRate: 0.01,
    validationSplit: 0.1,
  };
}

/** makeWindows's cases: random series and sizes, the first one too short for any window. */
export function windowProbeCases(rng: Rng): { id: string; series: number[]; size: number; expected: { inputs: number[][]; targets: number[] } }[] {
  return Array.from({ length: PROBE_CASES }, (_, i) => {
    const size = 3 + rng.int(8);
    const length = i === 0 ? size : size + 5 + rng.int(40); // case 0: no complete window
    const series = Array.from({ length }, () => Math.round(rng.normal() * 1000) / 1000);
    return { id: `windows.${i}`, series, size, expected: makeWindowsReference(series, size) };
  });
}

export const spec: TaskSpec<Hidden> = {
  slug: "sine-forecast",
  order: 2,
  title: { "pt-BR": "Previsão de uma senoide com LSTM", en: "Forecasting a sine wave with an LSTM" },
  exports: [
    { name: "makeWindows", kind: "function", required: true },
    { name: "buildModel", kind: "function", required: true },
    { name: "windowSize", kind: "number", required: false },
    { name: "training", kind: "object", required: false },
  ],
  constants: { windowSize: { min: 5, max: 100, integer: true, default: 20 } },
  budget: bothProfiles({ maxEpochs: 50, defaultEpochs: 10, minBatchSize: 8, maxBatchSize: 512, defaultBatchSize: 32 }),
  phaseTimeoutMs: phaseTimeouts(bothProfiles({ start: 30_000, boot: 30_000, load: 10_000, probe: 10_000, build: 20_000, train: 120_000, predict: 30_000 })),
  rules: bothProfiles(rules),
  passFraction: 0.7,
  // The grade is the median of this many training runs (seeds); tests use one at quick.
  calibrated: [{ check: "mse", metric: "testMse", lowerIsBetter: true }],
  rank: (m) => (m.testMse == null ? null : -m.testMse),
  runs: { full: 5, quick: 1 },

  async plan(ctx) {
    const w = ctx.constants.windowSize;
    const series = trainSeries();
    const train = makeWindowsReference(series, w);
    const graded = testWindows(ctx.secret, w);
    const board = testWindows(`${ctx.secret}/leaderboard`, w);
    const test = { inputs: [...graded.inputs, ...board.inputs], targets: [...graded.targets, ...board.targets] };
    const chart = makeWindowsReference(chartSeries(), w);
    const trainT = windowTensors(train.inputs, train.targets, w);
    const testT = windowTensors(test.inputs, test.targets, w);
    const chartT = windowTensors(chart.inputs, chart.targets, w);

    // makeWindows is compared with the reference on random series, edge case included.
    const cases = windowProbeCases(makeRng(`${ctx.secret}/sine-forecast/probes`));
    const probes = cases.map((c) => ({ id: c.id, fn: "makeWindows", args: [c.series, c.size] }));
    const probeExpected: Hidden["probeExpected"] = Object.fromEntries(cases.map((c) => [c.id, c.expected]));
    return {
      probes,
      models: [
        {
          ...sineModel(w),
          train: trainT,
          // The model trains on the student's own windows of the public training series.
          prepare: { fn: "makeWindows", args: [series, w], output: "windows", accept: (table) => acceptWindows(table, train, series, w) },
          test: { x: testT.x, y: test.targets },
          gradedRows: graded.targets.length,
          chart: { x: chartT.x, points: chart.targets.map((actual, i) => ({ x: i + w, actual })) },
        },
      ],
      hidden: {
        targets: graded.targets,
        leaderboardTargets: board.targets,
        lastValues: graded.inputs.map((row) => row[row.length - 1]),
        probeExpected,
        split: leaderboardSplit(board.targets.length, makeRng(`${ctx.secret}/sine-forecast/split`).shuffle, graded.targets.length),
      },
      dataHash: hashData([trainT.x.data, trainT.y.data, testT.x.data]),
    };
  },

  score(ctx): ScoreOutcome {
    const { hidden, probes, rules } = ctx;
    const checks: CheckResult[] = [];
    const metrics: Record<string, number | null> = {};
    if (!hidden) return { checks, metrics };

    const probeIds = Object.keys(hidden.probeExpected);
    const outcomes = probeIds.map((id) => probes[id]);
    if (outcomes.every((o) => o && o.ok)) {
      const wrong = probeIds.filter((id) => {
        const o = probes[id] as { ok: true; value: unknown };
        const v = o.value as { inputs?: unknown; targets?: unknown } | null;
        return !v || !sameNumbers(v.inputs, hidden.probeExpected[id].inputs) || !sameNumbers(v.targets, hidden.probeExpected[id].targets);
      });
      checks.push(
        passFailCheck("windows", rules.windows, wrong.length === 0,
          wrong.length === 0
            ? localized("sine.windows.ok", { "pt-BR": `Igual à referência nos ${probeIds.length} casos.`, en: `Matches the reference on all ${probeIds.length} cases.` })
            : localized("sine.windows.wrong", {
                "pt-BR": `Diferente da referência em ${wrong.length} de ${probeIds.length} séries. A entrada i deve ser series[i .. i+windowSize-1] e o alvo i, series[i+windowSize]; uma série com exatamente windowSize valores não gera nenhuma janela.`,
                en: `Differs from the reference on ${wrong.length} of ${probeIds.length} series. Input i must be series[i .. i+windowSize-1] and target i series[i+windowSize]; a series of exactly windowSize values yields no window.`,
              }, { wrong: wrong.length, total: probeIds.length })),
      );
    } else {
      const threw = outcomes.find((o) => o && !o.ok && "error" in o) as { error: { message: string; line?: number } } | undefined;
      if (threw) checks.push(probeThrewCheck("windows", rules.windows, "makeWindows", threw.error));
    }

    const m = ctx.models.model;
    let leaderboard: ScoreOutcome["leaderboard"];
    if (m?.contract) checks.push(contractCheck("contract", rules.contract, m.contract));
    if (m?.contract && !m.contract.ok) {
      checks.push(gatedCheck("mse", rules.mse, "model"), gatedCheck("baseline", rules.baseline, "model"));
    } else if (m?.predictions) {
      const p = m.predictions;
      // Graded on the first rows; the leaderboard's rows come after them.
      const all = [...hidden.targets, ...hidden.leaderboardTargets];
      const value = mse(p, hidden.targets);
      const baseline = mse(hidden.lastValues, hidden.targets);
      metrics.testMse = value;
      metrics.baselineMse = baseline;
      checks.push(thresholdCheck("mse", rules.mse, value, { metric: "MSE", lowerIsBetter: true }));
      checks.push(baselineCheck("baseline", rules.baseline, value, baseline, { baseline: { "pt-BR": "repetir o último valor", en: "repeating the last value" }, lowerIsBetter: true, margin: BASELINE_MARGIN }));
      leaderboard = {
        metric: "mse",
        higherIsBetter: false,
        public: mse(pick(p, hidden.split.public), pick(all, hidden.split.public)),
        private: mse(pick(p, hidden.split.private), pick(all, hidden.split.private)),
      };
    }
    return { checks, metrics, leaderboard };
  },
};
