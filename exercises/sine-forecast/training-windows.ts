/**
 * The student's makeWindows(trainSeries, windowSize), as their model's training data. The
 * output must be trainable (windows of windowSize values, one finite target each, no more
 * windows than the series has values); beyond that it is theirs: an off-by-one window
 * trains a model that predicts the wrong step, and the feedback says where it differs.
 */
import { localized } from "../../grader/i18n/messages";
import type { PreparedOutcome, PreparedTable } from "../../grader/tasks/types";

export function acceptWindows(table: PreparedTable, reference: { inputs: number[][]; targets: number[] }, series: number[], w: number): PreparedOutcome {
  const refuse = (pt: string, en: string, params: Record<string, string | number> = {}): PreparedOutcome => ({
    ok: false,
    message: localized("sine.prepare.refused", {
      "pt-BR": `O modelo treina com as janelas da sua makeWindows(trainSeries, ${w}), e elas não servem: ${pt}`,
      en: `The model trains on your makeWindows(trainSeries, ${w}) windows, and they cannot be used: ${en}`,
    }, params),
  });
  const [n, width, depth] = table.xShape;
  if (n === 0) return refuse("nenhuma janela (a série tem " + series.length + " valores).", `no windows at all (the series has ${series.length} values).`);
  if (table.xShape.length < 2 || table.xShape.length > 3 || width !== w || (depth !== undefined && depth !== 1)) {
    return refuse(`cada entrada deve ter ${w} valores, mas veio com formato [${table.xShape.join(", ")}].`, `each input must hold ${w} values, got shape [${table.xShape.join(", ")}].`);
  }
  if (n > series.length) return refuse(`${n} janelas de uma série de ${series.length} valores.`, `${n} windows from a series of ${series.length} values.`);
  if (!table.y || table.y.length !== n) {
    return refuse(`${n} entradas, mas ${table.y?.length ?? 0} alvos: cada janela precisa do seu alvo.`, `${n} inputs but ${table.y?.length ?? 0} targets: each window needs its target.`);
  }
  const badInput = table.x.findIndex((v) => !Number.isFinite(v));
  const badTarget = table.y.findIndex((v) => !Number.isFinite(v));
  if (badInput >= 0 || badTarget >= 0) {
    const row = badInput >= 0 ? Math.floor(badInput / w) : badTarget;
    const what = badInput >= 0 ? "inputs" : "targets";
    return refuse(
      `${what}[${row}] não é um número finito (um índice além do fim da série dá undefined, que vira NaN).`,
      `${what}[${row}] is not a finite number (an index past the end of the series gives undefined, which becomes NaN).`,
    );
  }
  const notes = [];
  const differs = firstDifference(table, reference, w);
  if (differs !== null) {
    notes.push(localized("sine.prepare.differs", {
      "pt-BR": `O modelo treinou com as suas janelas, que diferem das da aula (${n} janelas contra ${reference.targets.length}; a primeira diferença está na janela ${differs}). A entrada i é series[i .. i+${w - 1}] e o alvo, series[i+${w}]: um deslocamento ensina o modelo a prever o passo errado.`,
      en: `The model trained on your windows, which differ from the lesson's (${n} windows against ${reference.targets.length}; the first difference is window ${differs}). Input i is series[i .. i+${w - 1}] and its target series[i+${w}]: a shift teaches the model the wrong step.`,
    }, { windows: n, expected: reference.targets.length, first: differs }));
  }
  return {
    ok: true,
    train: {
      x: { dtype: "float32", shape: [n, w, 1], data: Float32Array.from(table.x) },
      y: { dtype: "float32", shape: [n, 1], data: Float32Array.from(table.y) },
    },
    notes,
  };
}

/** The first window (input or target) that differs from the reference, or null. */
function firstDifference(table: PreparedTable, reference: { inputs: number[][]; targets: number[] }, w: number): number | null {
  const n = table.y!.length;
  const rows = Math.max(n, reference.targets.length);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  for (let i = 0; i < rows; i++) {
    if (i >= n || i >= reference.targets.length) return i;
    if (!close(table.y![i], reference.targets[i])) return i;
    for (let j = 0; j < w; j++) if (!close(table.x[i * w + j], reference.inputs[i][j])) return i;
  }
  return null;
}
