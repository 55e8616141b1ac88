/** A readable text report of a result, for the terminal. */
import type { GradeResult } from "./result";

export type Lang = "pt-BR" | "en";

const STATUS: Record<string, string> = { passed: "✔", partial: "◐", failed: "✘", skipped: "·" };

export function formatReport(r: GradeResult, lang: Lang): string {
  const lines: string[] = [];
  const verdict = r.passed ? (lang === "en" ? "PASSED" : "APROVADO") : lang === "en" ? "NOT PASSED" : "NÃO APROVADO";
  lines.push(`${r.task}: ${verdict}  ${r.score} / ${r.maxScore}`);
  if (r.failure) {
    lines.push("", `${lang === "en" ? "Failure" : "Falha"} [${r.failure.kind}]${r.failure.line ? ` submission.ts:${r.failure.line}${r.failure.column ? `:${r.failure.column}` : ""}` : ""}`);
    lines.push(`  ${r.failure.text[lang]}`);
    if (r.failure.stack) lines.push(...r.failure.stack.split("\n").slice(1, 6).map((l) => `  ${l.trim()}`));
  }
  lines.push("");
  for (const c of r.checks) {
    lines.push(`${STATUS[c.status]} ${c.title[lang]}  ${c.points}/${c.maxPoints}`);
    if (c.feedback) lines.push(`    ${c.feedback[lang]}`);
  }
  const metrics = Object.entries(r.metrics).filter(([, v]) => v != null);
  if (metrics.length) {
    lines.push("", lang === "en" ? "Metrics" : "Métricas");
    for (const [k, v] of metrics) lines.push(`  ${k}: ${Number(v).toPrecision(5)}`);
  }
  if (r.runs && r.runs.each.length > 1) lines.push("", ...runLines(r.runs, lang));
  if (r.diagnostics.length) {
    lines.push("", lang === "en" ? "Diagnostics" : "Diagnósticos");
    for (const d of r.diagnostics) lines.push(`  ${d.severity === "warning" ? "!" : "i"} ${d.model ? `[${d.model}] ` : ""}${d.text[lang]}`);
  }
  const e = r.environment;
  lines.push(
    "",
    `backend ${e.backend ?? "-"}  tfjs ${e.tfjsVersion ?? "-"}  seed ${e.seed}  profile ${e.profile}  ${(r.timing.totalMs / 1000).toFixed(1)} s`,
    `isolation: ${e.isolation.join(", ") || "none"}${e.unsafeNoIsolation ? "  (UNSAFE: no namespace sandbox)" : ""}`,
  );
  const recurrent = Object.entries(r.models).flatMap(([id, m]) => m.recurrent.map((l) => `${id}/${l.layer} ${l.path}${l.reason ? ` (${l.reason})` : ""}`));
  if (recurrent.length > 0) {
    const kernels = e.recurrentKernels;
    lines.push(`recurrent: ${recurrent.join(", ")}; kernels ${kernels?.available ? kernels.library : `unavailable (${kernels?.reason ?? "-"})`}`);
  }
  const updates = Object.entries(r.models).flatMap(([id, m]) => (m.optimizerUpdate ? [`${id} ${m.optimizerUpdate.optimizer} ${m.optimizerUpdate.path}${m.optimizerUpdate.reason ? ` (${m.optimizerUpdate.reason})` : ""}`] : []));
  if (updates.length > 0) lines.push(`optimizer updates: ${updates.join(", ")}`);
  const loops = Object.entries(r.models).flatMap(([id, m]) => (m.trainingLoop ? [`${id} ${m.trainingLoop.path}${m.trainingLoop.reason ? ` (${m.trainingLoop.reason})` : ""}`] : []));
  if (loops.length > 0) lines.push(`training loop: ${loops.join(", ")}`);
  return lines.join("\n");
}

/** One line per seed, the median marked, then each metric's spread. */
function runLines(runs: NonNullable<GradeResult["runs"]>, lang: Lang): string[] {
  const n = runs.each.length;
  const out = [lang === "en" ? `Runs: the grade is the median of ${n} seeds` : `Execuções: a nota é a mediana de ${n} sementes`];
  const names = Object.keys(runs.spread).filter((k) => k !== "score");
  runs.each.forEach((run, i) => {
    const figures = names.map((k) => `${k} ${run.metrics[k] == null ? "-" : Number(run.metrics[k]).toPrecision(4)}`).join("  ");
    out.push(`  ${i === runs.chosen ? "►" : " "} seed ${run.seed}: ${run.score}${run.failure ? ` [${run.failure}]` : ""}  ${figures}`);
  });
  for (const [k, s] of Object.entries(runs.spread)) {
    out.push(`  ${k}: min ${s.min.toPrecision(4)}  ${lang === "en" ? "median" : "mediana"} ${s.median.toPrecision(4)}  max ${s.max.toPrecision(4)}`);
  }
  return out;
}
