/**
 * A task's practice run: what the browser trains and shows when a student presses "Testar no
 * navegador". Public data only (the training series, the lesson's sequence, a public sample
 * of training reviews): nothing hidden is ever part of a practice plan. The model settings,
 * the contract, the budget and the checks of the student's functions are the task's own
 * (exercises/<slug>/spec.ts), so practice and grading cannot drift apart.
 */
import type { TensorData } from "../sandbox/protocol";
import type { LocalizedText } from "../result";
import type { ModelSettings, StudentPreparation, TaskDefinition } from "../tasks/types";
import type { EncodedSplit } from "../data/imdb/encoded";

/** Data a practice run downloads from Treino (public, never the test set). */
export interface PracticeData {
  /** A public sample of IMDb training reviews (grader/practice/imdb-sample.ts). */
  imdbSample?: EncodedSplit;
}

/** One call of a student's plain function, and what the reference returns for it. */
export interface PracticeProbe {
  id: string;
  fn: string;
  args: unknown[];
  expected: unknown;
}

export type PracticeMetric = "mse" | "mae" | "accuracy";

export interface PracticeModel extends ModelSettings {
  title: LocalizedText;
  /** The reference's training data, replaced by the student's own when `prepare` is set. */
  train: { x: TensorData; y: TensorData };
  prepare?: StudentPreparation;
  /** Public examples the model does not train on: the figure the student sees. */
  evaluate: { x: TensorData; y: number[]; metric: PracticeMetric; baseline?: { name: LocalizedText; value: number } };
  /** Predictions against the real values (a time step or a value of j on the x axis). */
  chart?: { x: TensorData; points: { x: number; actual: number }[]; xAxis: "timeStep" | "sequenceStart" };
}

export interface PracticePlan {
  probes: PracticeProbe[];
  models: PracticeModel[];
}

export interface PracticeTask {
  /** The task's exports, constants and budget: what grading checks them against. */
  definition: TaskDefinition;
  /** What must be downloaded before the run: IMDb's public sample. */
  needs?: "imdb-sample";
  /** The whole run's wall-clock cap in the browser, shown beside the epoch cap. */
  timeLimitMs: number;
  plan(constants: Record<string, number>, data: PracticeData): PracticePlan;
}
