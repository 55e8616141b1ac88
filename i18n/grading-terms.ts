/**
 * The grader's raw names (failure kinds, phases, metric names) in words a student reads, in
 * pt-BR and English, and its figures formatted the way the task statements write them.
 * Pure: the submission page, the runs table and the result history share it.
 */
import { text, type MessageCode } from "../grader/i18n/messages";
import type { Failure, FailureKind } from "../grader/result";
import type { Locale } from "./dictionary";
import { numberFormat } from "./number-format";

type Words = { pt: string; en: string };
const pick = (w: Words, locale: Locale) => (locale === "en" ? w.en : w.pt);
const intlLocale = (locale: Locale) => (locale === "en" ? "en-US" : "pt-BR");

const FAILURE_KIND_WORDS: Record<FailureKind, Words> = {
  syntax: { pt: "erro de sintaxe", en: "syntax error" },
  type: { pt: "erro de tipo", en: "type error" },
  import: { pt: "import não permitido", en: "import not allowed" },
  export: { pt: "export obrigatório ausente ou errado", en: "missing or wrong export" },
  contract: { pt: "modelo fora do contrato da tarefa", en: "model outside the task's contract" },
  exception: { pt: "erro lançado pelo seu código", en: "error thrown by your code" },
  data: { pt: "dados de treino inválidos", en: "invalid training data" },
  shape: { pt: "formato de entrada ou saída errado", en: "wrong input or output shape" },
  budget: { pt: "treino acima do orçamento", en: "training over budget" },
  timeout: { pt: "tempo esgotado", en: "time limit exceeded" },
  memory: { pt: "memória esgotada", en: "out of memory" },
  nan: { pt: "previsões NaN ou infinitas", en: "NaN or infinite predictions" },
  sandbox: { pt: "bloqueado pelo sandbox", en: "blocked by the sandbox" },
  internal: { pt: "erro interno do corretor", en: "internal grader error" },
};

export function failureKindLabel(kind: string, locale: Locale): string {
  const words = FAILURE_KIND_WORDS[kind as FailureKind];
  return words ? pick(words, locale) : kind;
}

/** Phases without a model. */
const PHASE_WORDS: Record<string, Words> = {
  start: { pt: "início do sandbox", en: "sandbox start" },
  boot: { pt: "início do sandbox", en: "sandbox start" },
  compile: { pt: "compilação", en: "compilation" },
  load: { pt: "carregamento do seu código", en: "loading your code" },
  probe: { pt: "teste das suas funções", en: "testing your functions" },
  plan: { pt: "planejamento da correção", en: "planning the grading" },
  async: { pt: "código assíncrono", en: "asynchronous code" },
  harness: { pt: "corretor", en: "grader" },
  score: { pt: "cálculo da nota", en: "scoring" },
  prepare: { pt: "preparação dos dados", en: "data preparation" },
  build: { pt: "construção do modelo", en: "building the model" },
  train: { pt: "treino", en: "training" },
  predict: { pt: "previsões", en: "predictions" },
  evaluate: { pt: "avaliação", en: "evaluation" },
};

/** Phases of one model: `build:lstm` and the like. */
const MODEL_PHASE_WORDS: Record<string, (model: string) => Words> = {
  prepare: (m) => ({ pt: `preparação dos dados do modelo «${m}»`, en: `data preparation for model «${m}»` }),
  build: (m) => ({ pt: `construção do modelo «${m}»`, en: `building model «${m}»` }),
  rebuild: (m) => ({ pt: `reconstrução do modelo «${m}»`, en: `rebuilding model «${m}»` }),
  train: (m) => ({ pt: `treino do modelo «${m}»`, en: `training model «${m}»` }),
  predict: (m) => ({ pt: `previsões do modelo «${m}»`, en: `predictions of model «${m}»` }),
  evaluate: (m) => ({ pt: `avaliação do modelo «${m}»`, en: `evaluating model «${m}»` }),
};

/** Sandbox sessions prefix their phases in timings: `describe:prepare:model`. */
const SESSION_PREFIX = /^(describe|train):(.+)$/;

function bareOrModelPhase(phase: string, locale: Locale): string | null {
  if (PHASE_WORDS[phase]) return pick(PHASE_WORDS[phase], locale);
  const colon = phase.indexOf(":");
  if (colon <= 0) return null;
  const make = MODEL_PHASE_WORDS[phase.slice(0, colon)];
  return make ? pick(make(phase.slice(colon + 1)), locale) : null;
}

export function phaseLabel(phase: string, locale: Locale): string {
  const whole = /^(.+) \(whole grading\)$/.exec(phase);
  if (whole) return `${phaseLabel(whole[1], locale)} ${locale === "en" ? "(whole grading)" : "(correção inteira)"}`;
  const run = /^(.+) \((\d+)\/(\d+)\)$/.exec(phase);
  if (run) return `${phaseLabel(run[1], locale)} ${locale === "en" ? `(run ${run[2]} of ${run[3]})` : `(execução ${run[2]} de ${run[3]})`}`;
  // `train:model` is a phase of its own; only strip a session's name when a phase follows it.
  const session = SESSION_PREFIX.exec(phase);
  if (session) {
    const inner = session[2].includes(":") || PHASE_WORDS[session[2]] ? bareOrModelPhase(session[2], locale) : null;
    if (inner) return inner;
  }
  return bareOrModelPhase(phase, locale) ?? phase;
}

/** Whole metric names (`testMse`) and per-model ones (`lstm.maeInRange`). */
const METRIC_WORDS: Record<string, Words> = {
  testMse: { pt: "MSE no teste", en: "test MSE" },
  // The leaderboards' own metrics: next-number ranks the mean of its two networks' MAE.
  mae: { pt: "MAE médio (SimpleRNN e LSTM)", en: "mean MAE (SimpleRNN and LSTM)" },
  mse: { pt: "MSE", en: "MSE" },
  baselineMse: { pt: "MSE da referência ingênua", en: "naive baseline MSE" },
  accuracy: { pt: "acurácia no teste", en: "test accuracy" },
  majorityAccuracy: { pt: "acurácia da classe majoritária", en: "majority-class accuracy" },
  testReviews: { pt: "críticas de teste", en: "test reviews" },
  trainReviews: { pt: "críticas de treino", en: "training reviews" },
  baselineMae: { pt: "MAE de repetir o último valor", en: "MAE of repeating the last value" },
  score: { pt: "nota", en: "score" },
};
const MODEL_METRIC_WORDS: Record<string, (model: string) => Words> = {
  mae: (m) => ({ pt: `MAE do modelo «${m}»`, en: `model «${m}» MAE` }),
  maeInRange: (m) => ({ pt: `MAE do modelo «${m}» dentro da faixa`, en: `model «${m}» MAE inside the range` }),
  maePast99: (m) => ({ pt: `MAE do modelo «${m}» além de 99`, en: `model «${m}» MAE past 99` }),
  testMse: (m) => ({ pt: `MSE do modelo «${m}» no teste`, en: `model «${m}» test MSE` }),
};

export function metricLabel(name: string, locale: Locale): string {
  if (METRIC_WORDS[name]) return pick(METRIC_WORDS[name], locale);
  const dot = name.indexOf(".");
  if (dot > 0) {
    const make = MODEL_METRIC_WORDS[name.slice(dot + 1)];
    if (make) return pick(make(name.slice(0, dot)), locale);
  }
  return name;
}

/** Counts, not measurements: printed as whole numbers. */
const COUNT_METRICS = new Set(["testReviews", "trainReviews"]);

/**
 * A figure as the statements write it: accuracies with 3 decimals (0,853); small errors
 * (below 0.1, MSEs) with 4 decimals (0,0175); larger ones with 3 significant digits (1,23);
 * counts whole; the locale's decimal separator.
 */
export function formatMetric(name: string, value: number | null | undefined, locale: Locale): string {
  if (value == null || Number.isNaN(value)) return "—";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  const nf = (o: Intl.NumberFormatOptions) => numberFormat(intlLocale(locale), { useGrouping: false, ...o }).format(value);
  if (COUNT_METRICS.has(name) || name === "score") return nf({ maximumFractionDigits: 2 });
  if (/accuracy$/i.test(name)) return nf({ minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const abs = Math.abs(value);
  if (abs === 0) return nf({ maximumFractionDigits: 0 });
  if (abs < 0.0001) return numberFormat(intlLocale(locale), { notation: "scientific", maximumFractionDigits: 2 }).format(value);
  if (abs < 0.1) return nf({ minimumFractionDigits: 4, maximumFractionDigits: 4 });
  return nf({ maximumSignificantDigits: 3 });
}

/**
 * A failure's message with its phase in words: the grader renders the phase's raw name into
 * the text, and the result keeps the message's code and parameters to render it again.
 */
export function failureText(f: Pick<Failure, "text">, locale: Locale): string {
  const stored = f.text[locale];
  const phase = f.text.params.phase;
  if (typeof phase !== "string") return stored;
  try {
    return text(f.text.code as MessageCode, { ...f.text.params, phase: phaseLabel(phase, locale) })[locale];
  } catch {
    return stored; // a code this version of the catalog no longer has
  }
}
