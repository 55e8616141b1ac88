/**
 * The harness's own training loop: tfjs's `fit` with the budget the grader settled (epochs,
 * batch size, validation split), shuffled from the seeded Math.random, one report per finished
 * epoch. Shared by the train sandbox and the browser practice run, so practice trains exactly
 * as grading does. In the sandbox, the models the grader's native loop covers whole train
 * there instead (grader/recurrent/native-fit.ts: the same fit, without tfjs's per-op cost).
 */
import type * as tf from "@tensorflow/tfjs";
import type { NativeTrainer, TrainingLoopUse } from "../../recurrent/native-fit";

export interface FitBudget {
  epochs: number;
  batchSize: number;
  validationSplit: number;
}

export interface EpochReport {
  epoch: number;
  /** fit's logs, numbers only: loss, val_loss, acc, val_acc, ... */
  logs: Record<string, number>;
  ms: number;
}

export interface FitOptions {
  /** Called before each epoch's first batch and after each batch: true stops after this batch. */
  shouldStop?: () => boolean;
  /** fit's `yieldEvery`: the sandbox never yields (nothing else runs there); a page's worker may. */
  yieldEvery?: "never" | "epoch" | "batch" | "auto";
  /**
   * The grader's own loop (grader/recurrent/native-fit.ts), taken for the models it covers
   * whole; tfjs's fit otherwise. Absent in the browser (no addon there).
   */
  native?: NativeTrainer;
}

export async function fitWithinBudget(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  budget: FitBudget,
  onEpoch: (report: EpochReport) => void | Promise<void>,
  options: FitOptions = {},
): Promise<TrainingLoopUse> {
  const native = options.native?.plan(model, x, y);
  if (native?.ok) {
    await native.trainer.fit(x, y, budget, onEpoch, options.shouldStop, options.yieldEvery ?? "never");
    return { path: "native", reason: null };
  }
  let epochStart = Date.now();
  const stopIfAsked = () => {
    if (options.shouldStop?.()) model.stopTraining = true;
  };
  await model.fit(x, y, {
    epochs: budget.epochs,
    batchSize: budget.batchSize,
    validationSplit: budget.validationSplit,
    shuffle: true,
    verbose: 0,
    yieldEvery: options.yieldEvery ?? "never",
    callbacks: {
      onEpochBegin: async () => {
        epochStart = Date.now();
        stopIfAsked();
      },
      onBatchEnd: options.shouldStop ? async () => stopIfAsked() : undefined,
      onEpochEnd: async (epoch, logs) => {
        const clean: Record<string, number> = {};
        for (const [k, v] of Object.entries(logs ?? {})) if (typeof v === "number") clean[k] = v;
        await onEpoch({ epoch, logs: clean, ms: Date.now() - epochStart });
      },
    },
  });
  return { path: "tfjs", reason: native ? native.reason : "no native trainer here" };
}
