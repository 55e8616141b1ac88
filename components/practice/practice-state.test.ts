import { describe, expect, it } from "vitest";
import { epochProgress, initialPractice, MAX_LOGS, practiceReducer, type PracticeAction } from "./practice-state";

const t = (en: string) => ({ code: "x", params: {}, "pt-BR": en, en });
const run = (actions: PracticeAction[]) => actions.reduce(practiceReducer, initialPractice);
const ev = (event: Extract<PracticeAction, { type: "event" }>["event"]): PracticeAction => ({ type: "event", event });

describe("practiceReducer", () => {
  it("folds a run: budget, epochs per model, the latest contract report, evaluation and the end", () => {
    const s = run([
      { type: "start" },
      ev({ type: "ready", backend: "wasm", tfjsVersion: "4.22.0" }),
      ev({ type: "budget", epochs: 2, batchSize: 32, timeLimitMs: 120_000 }),
      ev({ type: "model", model: "model", title: t("LSTM"), layers: ["LSTM", "Dense"], params: 4385, maxParams: 50_000, contract: { ok: true, feedback: t("ok") } }),
      ev({ type: "epoch", model: "model", epoch: 0, loss: 0.5, valLoss: 0.4, ms: 900 }),
      ev({ type: "epoch", model: "model", epoch: 1, loss: 0.2, valLoss: 0.3, ms: 800 }),
      ev({ type: "model", model: "model", title: t("LSTM"), layers: ["LSTM", "Dense"], params: 4385, maxParams: 50_000, contract: { ok: true, feedback: t("ablation ok") } }),
      ev({ type: "evaluation", model: "model", metric: "mse", value: 0.02, examples: 200 }),
      ev({ type: "done", ms: 5000, stoppedBy: null }),
    ]);
    expect(s.status).toBe("done");
    expect(s.backend).toBe("wasm");
    expect(s.curves.model.map((p) => p.loss)).toEqual([0.5, 0.2]);
    expect(s.models).toHaveLength(1);
    expect(s.models[0].contract.feedback.en).toBe("ablation ok");
    expect(epochProgress(s)).toEqual({ done: 2, total: 2, models: 1 });
  });

  it("ignores what a stopped run still says, and records who stopped it", () => {
    const s = run([{ type: "start" }, ev({ type: "phase", phase: "train:model" }), { type: "stop", by: "user", ms: 1200 }, ev({ type: "epoch", model: "model", epoch: 0, loss: 1, ms: 1 })]);
    expect(s.status).toBe("stopped");
    expect(s.stoppedBy).toBe("user");
    expect(s.curves).toEqual({});
  });

  it("keeps at most MAX_LOGS lines of the student's output", () => {
    const s = run([{ type: "start" }, ...Array.from({ length: MAX_LOGS + 50 }, (_, i) => ev({ type: "log", text: `line ${i}` }))]);
    expect(s.logs).toHaveLength(MAX_LOGS);
  });
});
