/**
 * next-number (the lesson's warm-up): [j..j+4]/100 -> (j+5)/100 with a SimpleRNN and an
 * LSTM, trained on the same data and compared on values they never saw.
 */
import { hashData } from "../../grader/data/hash";
import { chartStarts, heldOutStarts, SEQUENCE_LENGTH, sequenceFor, trainStarts } from "../../grader/data/next-number";
import { makeRng } from "../../grader/data/random";
import { localized } from "../../grader/i18n/messages";
import { contractCheck, gatedCheck, passFailCheck, thresholdCheck } from "../../grader/scoring/checks";
import { fmt, mae } from "../../grader/scoring/metrics";
import { bothProfiles, float32, leaderboardSplit, phaseTimeouts, pick } from "../../grader/tasks/helpers";
import type { CheckResult, CheckRule, ModelSettings, PlannedModel, ScoreOutcome, TaskSpec } from "../../grader/tasks/types";

export const MAX_PARAMS = 20_000;

interface Hidden {
  starts: number[];
  beyond: boolean[];
  /** The graded starts' targets: the first rows of the test predictions. */
  targets: number[];
  /** Every row's target: the graded ones, then the leaderboard's own held-out starts. */
  allTargets: number[];
  lastValues: number[];
  split: { public: number[]; private: number[] };
}

const MODELS = [
  { id: "rnn", fn: "buildRnn", layer: "SimpleRNN" },
  { id: "lstm", fn: "buildLstm", layer: "LSTM" },
] as const;

const rules: Record<string, CheckRule> = {
  "rnn.contract": { title: { "pt-BR": "buildRnn: uma camada SimpleRNN que faz o trabalho, formatos [5, 1] → [1]", en: "buildRnn: a SimpleRNN layer that does the work, shapes [5, 1] → [1]" }, points: 1 },
  "lstm.contract": { title: { "pt-BR": "buildLstm: uma camada LSTM que faz o trabalho, formatos [5, 1] → [1]", en: "buildLstm: an LSTM layer that does the work, shapes [5, 1] → [1]" }, points: 1 },
  "rnn.error": {
    title: { "pt-BR": "SimpleRNN: erro absoluto médio em valores não vistos", en: "SimpleRNN: mean absolute error on unseen values" },
    points: 3,
    threshold: { full: 0.015, partial: 0.03 },
  },
  "lstm.error": {
    title: { "pt-BR": "LSTM: erro absoluto médio em valores não vistos", en: "LSTM: mean absolute error on unseen values" },
    points: 3,
    threshold: { full: 0.015, partial: 0.03 },
  },
  compare: {
    title: { "pt-BR": "Comparação: as duas redes superam repetir o último valor", en: "Comparison: both networks beat repeating the last value" },
    points: 2,
  },
};

/** Both models, graded and practised alike. */
export const nextNumberModels = (): ModelSettings[] =>
  MODELS.map((m) => ({
    id: m.id,
    build: { fn: m.fn, args: [] },
    inputShape: [SEQUENCE_LENGTH, 1],
    outputShape: [1],
    contract: { layer: m.layer, maxParams: MAX_PARAMS },
    loss: "meanSquaredError",
    metrics: [],
    learningRate: 0.01,
    validationSplit: 0,
  }));

export const seqTensor = (starts: number[]) => {
  const seqs = starts.map(sequenceFor);
  return {
    x: float32([seqs.length, SEQUENCE_LENGTH, 1], seqs.flatMap((s) => s.input)),
    y: float32([seqs.length, 1], seqs.map((s) => s.target)),
    targets: seqs.map((s) => s.target),
    last: seqs.map((s) => s.input[SEQUENCE_LENGTH - 1]),
  };
};

export const spec: TaskSpec<Hidden> = {
  slug: "next-number",
  order: 1,
  title: { "pt-BR": "Próximo número: SimpleRNN contra LSTM", en: "Next number: SimpleRNN versus LSTM" },
  exports: [
    { name: "buildRnn", kind: "function", required: true },
    { name: "buildLstm", kind: "function", required: true },
    { name: "training", kind: "object", required: false },
  ],
  budget: bothProfiles({ maxEpochs: 500, defaultEpochs: 200, minBatchSize: 1, maxBatchSize: 100, defaultBatchSize: 16 }),
  phaseTimeoutMs: phaseTimeouts(bothProfiles({ start: 30_000, boot: 30_000, load: 10_000, probe: 10_000, build: 20_000, train: 90_000, predict: 20_000 })),
  rules: bothProfiles(rules),
  passFraction: 0.7,
  // The grade is the median of this many training runs (seeds); tests use one at quick.
  calibrated: [{ check: "rnn.error", metric: "rnn.mae", lowerIsBetter: true }, { check: "lstm.error", metric: "lstm.mae", lowerIsBetter: true }],
  rank: (m) => (m["rnn.mae"] == null || m["lstm.mae"] == null ? null : -(m["rnn.mae"] + m["lstm.mae"])),
  runs: { full: 5, quick: 1 },

  async plan(ctx) {
    const train = seqTensor(trainStarts());
    const held = heldOutStarts(ctx.secret);
    const board = heldOutStarts(`${ctx.secret}/leaderboard`);
    const graded = seqTensor(held.starts);
    const test = seqTensor([...held.starts, ...board.starts]);
    const chart = seqTensor(chartStarts());
    const chartPoints = chartStarts().map((j, i) => ({ x: j, actual: chart.targets[i] }));
    const models: PlannedModel[] = nextNumberModels().map((m) => ({
      ...m,
      train: { x: train.x, y: train.y },
      test: { x: test.x, y: test.targets },
      gradedRows: held.starts.length,
      chart: { x: chart.x, points: chartPoints },
    }));
    return {
      probes: [],
      models,
      hidden: {
        starts: held.starts,
        beyond: held.beyond,
        targets: graded.targets,
        allTargets: test.targets,
        lastValues: graded.last,
        split: leaderboardSplit(board.starts.length, makeRng(`${ctx.secret}/next-number/split`).shuffle, held.starts.length),
      },
      dataHash: hashData([train.x.data, train.y.data, test.x.data]),
    };
  },

  score(ctx): ScoreOutcome {
    const { hidden, rules } = ctx;
    const checks: CheckResult[] = [];
    const metrics: Record<string, number | null> = {};
    if (!hidden) return { checks, metrics };
    const inside = hidden.beyond.map((b, i) => (b ? -1 : i)).filter((i) => i >= 0);
    const beyond = hidden.beyond.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);
    const baseline = mae(pick(hidden.lastValues, inside), pick(hidden.targets, inside));
    metrics.baselineMae = baseline;

    const maes: Partial<Record<"rnn" | "lstm", number>> = {};
    for (const m of MODELS) {
      const outcome = ctx.models[m.id];
      if (outcome?.contract) checks.push(contractCheck(`${m.id}.contract`, rules[`${m.id}.contract`], outcome.contract));
      if (outcome?.contract && !outcome.contract.ok) {
        checks.push(gatedCheck(`${m.id}.error`, rules[`${m.id}.error`], m.id));
        continue;
      }
      const p = outcome?.predictions;
      if (!p) continue;
      const all = mae(p, hidden.targets);
      maes[m.id] = all;
      metrics[`${m.id}.mae`] = all;
      metrics[`${m.id}.maeInRange`] = mae(pick(p, inside), pick(hidden.targets, inside));
      metrics[`${m.id}.maePast99`] = mae(pick(p, beyond), pick(hidden.targets, beyond));
      checks.push(thresholdCheck(`${m.id}.error`, rules[`${m.id}.error`], all, { metric: "MAE", lowerIsBetter: true }));
    }

    const rnnIn = metrics["rnn.maeInRange"];
    const lstmIn = metrics["lstm.maeInRange"];
    const contractFailed = MODELS.find((m) => ctx.models[m.id]?.contract?.ok === false);
    if (contractFailed) checks.push(gatedCheck("compare", rules.compare, contractFailed.id));
    else if (rnnIn != null && lstmIn != null) {
      const ok = rnnIn < baseline && lstmIn < baseline;
      const better = rnnIn <= lstmIn ? "SimpleRNN" : "LSTM";
      checks.push(
        passFailCheck("compare", rules.compare, ok,
          localized("next.compare", {
            "pt-BR": `Em valores dentro da faixa: SimpleRNN ${fmt(rnnIn, "pt-BR")}, LSTM ${fmt(lstmIn, "pt-BR")}, repetir o último valor ${fmt(baseline, "pt-BR")}. Melhor: ${better}. Além de 99: SimpleRNN ${fmt(metrics["rnn.maePast99"]!, "pt-BR")}, LSTM ${fmt(metrics["lstm.maePast99"]!, "pt-BR")}.`,
            en: `Inside the range: SimpleRNN ${fmt(rnnIn)}, LSTM ${fmt(lstmIn)}, repeating the last value ${fmt(baseline)}. Better: ${better}. Past 99: SimpleRNN ${fmt(metrics["rnn.maePast99"]!)}, LSTM ${fmt(metrics["lstm.maePast99"]!)}.`,
          }, { rnn: fmt(rnnIn), lstm: fmt(lstmIn), baseline: fmt(baseline), better })),
      );
    }
    let leaderboard: ScoreOutcome["leaderboard"];
    const pr = ctx.models.rnn?.predictions;
    const pl = ctx.models.lstm?.predictions;
    if (pr && pl && !contractFailed) {
      const avg = (idx: number[]) => (mae(pick(pr, idx), pick(hidden.allTargets, idx)) + mae(pick(pl, idx), pick(hidden.allTargets, idx))) / 2;
      leaderboard = { metric: "mae", higherIsBetter: false, public: avg(hidden.split.public), private: avg(hidden.split.private) };
    }
    return { checks, metrics, leaderboard };
  },
};
