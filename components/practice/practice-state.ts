/**
 * What the practice view shows, folded from the run's events (grader/practice/events.ts) as
 * they arrive. Pure, so the page's state is a reducer over validated messages.
 */
import type { PracticeEvent } from "@/grader/practice/events";
import type { Failure, LocalizedText } from "@/grader/result";
import type { EpochPoint } from "../charts/epoch-data";

type Of<T extends PracticeEvent["type"]> = Extract<PracticeEvent, { type: T }>;

export type PracticeStatus = "idle" | "loading" | "running" | "done" | "stopped";

export interface PracticeState {
  status: PracticeStatus;
  phase: string | null;
  backend: string | null;
  budget: { epochs: number; batchSize: number; timeLimitMs: number } | null;
  probes: Of<"probe">[];
  notes: Record<string, LocalizedText[]>;
  /** Models in the order they were reported, with their latest report (the ablation's comes last). */
  models: Of<"model">[];
  curves: Record<string, EpochPoint[]>;
  evaluations: Of<"evaluation">[];
  charts: Of<"chart">[];
  failure: Failure | null;
  logs: string[];
  stoppedBy: "time" | "user" | "page" | null;
  ms: number | null;
}

export const MAX_LOGS = 200;

export const initialPractice: PracticeState = {
  status: "idle", phase: null, backend: null, budget: null, probes: [], notes: {}, models: [], curves: {},
  evaluations: [], charts: [], failure: null, logs: [], stoppedBy: null, ms: null,
};

export type PracticeAction =
  | { type: "start" }
  | { type: "event"; event: PracticeEvent }
  | { type: "stop"; by: "user" | "page"; ms: number };

export function practiceReducer(state: PracticeState, action: PracticeAction): PracticeState {
  if (action.type === "start") return { ...initialPractice, status: "loading" };
  if (action.type === "stop") {
    return state.status === "loading" || state.status === "running" ? { ...state, status: "stopped", stoppedBy: action.by, ms: action.ms } : state;
  }
  // Messages after the end (a stopped run's last words) change nothing.
  if (state.status === "done" || state.status === "stopped" || state.status === "idle") return state;
  const e = action.event;
  switch (e.type) {
    case "phase":
      return { ...state, status: "running", phase: e.phase };
    case "ready":
      return { ...state, status: "running", backend: e.backend };
    case "budget":
      return { ...state, budget: { epochs: e.epochs, batchSize: e.batchSize, timeLimitMs: e.timeLimitMs } };
    case "probe":
      return { ...state, probes: [...state.probes, e] };
    case "notes":
      return { ...state, notes: { ...state.notes, [e.model]: e.notes } };
    case "model": {
      const others = state.models.filter((m) => m.model !== e.model);
      const at = state.models.findIndex((m) => m.model === e.model);
      const models = at < 0 ? [...others, e] : state.models.map((m) => (m.model === e.model ? e : m));
      return { ...state, models };
    }
    case "epoch": {
      const point: EpochPoint = { epoch: e.epoch, loss: e.loss, valLoss: e.valLoss ?? null, acc: e.acc ?? null, valAcc: e.valAcc ?? null };
      return { ...state, curves: { ...state.curves, [e.model]: [...(state.curves[e.model] ?? []), point] } };
    }
    case "evaluation":
      return { ...state, evaluations: [...state.evaluations.filter((x) => x.model !== e.model), e] };
    case "chart":
      return { ...state, charts: [...state.charts.filter((x) => x.model !== e.model), e] };
    case "failure":
      return { ...state, failure: e.failure };
    case "log":
      return state.logs.length >= MAX_LOGS ? state : { ...state, logs: [...state.logs, e.text] };
    case "done":
      return { ...state, status: "done", phase: null, stoppedBy: e.stoppedBy, ms: e.ms };
  }
}

/** Epochs finished so far, across models, and how many the run will train at most. */
export function epochProgress(state: PracticeState): { done: number; total: number | null; models: number } {
  const done = Object.values(state.curves).reduce((n, c) => n + c.length, 0);
  const trained = Math.max(1, state.models.filter((m) => m.contract.ok).length || state.models.length);
  return { done, total: state.budget ? state.budget.epochs * trained : null, models: trained };
}
