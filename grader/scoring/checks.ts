/**
 * Builds check results. One rule for partial credit everywhere: a metric at or past the
 * `full` threshold earns all of a check's points, at or past `partial` half of them.
 */
import { text, localized } from "../i18n/messages";
import type { CheckResult, LocalizedText } from "../result";
import type { ContractVerdict } from "../contract/verdict";
import type { CheckRule, RuleOverrides } from "../tasks/types";
import { fmt } from "./metrics";

export const PARTIAL_SHARE = 0.5;

function title(id: string, rule: CheckRule): LocalizedText {
  return localized(`check.${id}`, rule.title);
}

function result(id: string, rule: CheckRule, share: number, feedback?: LocalizedText, value?: number | null): CheckResult {
  const points = Math.round(rule.points * share * 100) / 100;
  const status = share >= 1 ? "passed" : share > 0 ? "partial" : "failed";
  return { id, title: title(id, rule), points, maxPoints: rule.points, status, feedback, value: value ?? null };
}

export function skippedCheck(id: string, rule: CheckRule): CheckResult {
  return { id, title: title(id, rule), points: 0, maxPoints: rule.points, status: "skipped", feedback: text("check.skipped"), value: null };
}

export function passFailCheck(id: string, rule: CheckRule, ok: boolean, feedback?: LocalizedText, value?: number | null): CheckResult {
  return result(id, rule, ok ? 1 : 0, feedback, value);
}

export function thresholdCheck(
  id: string,
  rule: CheckRule,
  value: number,
  opts: { metric: string; lowerIsBetter: boolean },
): CheckResult {
  const t = rule.threshold;
  if (!t) throw new Error(`check ${id} has no threshold`);
  const meets = (limit: number) => Number.isFinite(value) && (opts.lowerIsBetter ? value <= limit : value >= limit);
  const op = opts.lowerIsBetter ? "≤" : "≥";
  const params = { metric: opts.metric, value: fmt(value), op, full: fmt(t.full), partial: fmt(t.partial) };
  if (meets(t.full)) return result(id, rule, 1, text("check.threshold.full", params), value);
  if (meets(t.partial)) return result(id, rule, PARTIAL_SHARE, text("check.threshold.partial", params), value);
  return result(id, rule, 0, text("check.threshold.failed", params), Number.isFinite(value) ? value : null);
}

export function baselineCheck(
  id: string,
  rule: CheckRule,
  value: number,
  baselineValue: number,
  /**
   * `margin`: how clearly the model must beat the baseline, so that a model that merely
   * reproduces it (a network repeating the last value) does not earn the points: a share of
   * the baseline's error when lower is better (0.1: 10% less error), an absolute gain otherwise.
   */
  opts: { baseline: { "pt-BR": string; en: string }; lowerIsBetter: boolean; margin?: number },
): CheckResult {
  const margin = opts.margin ?? 0;
  const bar = opts.lowerIsBetter ? baselineValue * (1 - margin) : baselineValue + margin;
  const beats = Number.isFinite(value) && (opts.lowerIsBetter ? value < bar : value > bar);
  const params = { value: fmt(value), baselinePt: opts.baseline["pt-BR"], baselineEn: opts.baseline.en, baselineValue: fmt(baselineValue), bar: fmt(bar) };
  const code = beats ? "check.baseline.beat" : margin > 0 ? "check.baseline.margin" : "check.baseline.lost";
  return result(id, rule, beats ? 1 : 0, text(code, params), value);
}

/** The model's contract (grader/contract/verdict.ts): met, or what is missing or dead. */
export function contractCheck(id: string, rule: CheckRule, verdict: ContractVerdict): CheckResult {
  return result(id, rule, verdict.ok ? 1 : 0, verdict.feedback);
}

/** A metric or baseline check of a model that fails its contract: no points, and why. */
export function gatedCheck(id: string, rule: CheckRule, model: string): CheckResult {
  return result(id, rule, 0, text("check.gated", { model }));
}

export function probeThrewCheck(id: string, rule: CheckRule, fn: string, error: { message: string; line?: number }): CheckResult {
  return result(id, rule, 0, text("check.probe.threw", { fn, detail: error.message, ...(error.line ? { line: error.line } : {}) }));
}

export function applyOverrides(rules: Record<string, CheckRule>, overrides?: RuleOverrides): Record<string, CheckRule> {
  if (!overrides) return rules;
  const out: Record<string, CheckRule> = {};
  for (const [id, rule] of Object.entries(rules)) {
    const points = overrides.points?.[id];
    const t = overrides.thresholds?.[id];
    out[id] = {
      ...rule,
      points: points ?? rule.points,
      threshold: rule.threshold && t ? { full: t.full ?? rule.threshold.full, partial: t.partial ?? rule.threshold.partial } : rule.threshold,
    };
  }
  return out;
}
