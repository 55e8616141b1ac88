/**
 * Every text the grader shows a person, in pt-BR (the course's language) and English.
 * A result carries the stable code and its parameters too, so a UI can re-render or
 * translate it later without parsing prose.
 */
import type { LocalizedText } from "../result";

type Params = Record<string, string | number>;
type Render = (p: Params) => string;
interface Entry {
  "pt-BR": Render;
  en: Render;
}

const at = (p: Params) => (p.line ? ` (linha ${p.line})` : "");
const atEn = (p: Params) => (p.line ? ` (line ${p.line})` : "");

const catalog = {
  "failure.syntax": {
    "pt-BR": (p) => `Erro de sintaxe${at(p)}: ${p.detail}`,
    en: (p) => `Syntax error${atEn(p)}: ${p.detail}`,
  },
  "failure.type": {
    "pt-BR": (p) => `Erro de tipo${at(p)}: ${p.detail}${Number(p.count) > 1 ? ` (e mais ${Number(p.count) - 1})` : ""}`,
    en: (p) => `Type error${atEn(p)}: ${p.detail}${Number(p.count) > 1 ? ` (and ${Number(p.count) - 1} more)` : ""}`,
  },
  "failure.import": {
    "pt-BR": (p) => `Import não permitido${at(p)}: '${p.module}'. Só é possível importar '@tensorflow/tfjs'.`,
    en: (p) => `Import not allowed${atEn(p)}: '${p.module}'. Only '@tensorflow/tfjs' may be imported.`,
  },
  "failure.export.missing": {
    "pt-BR": (p) => `Faltam exports obrigatórios: ${p.missing}. Encontrados: ${p.found || "nenhum"}.`,
    en: (p) => `Missing required exports: ${p.missing}. Found: ${p.found || "none"}.`,
  },
  "failure.export.kind": {
    "pt-BR": (p) => `O export '${p.name}' deveria ser ${p.expected === "function" ? "uma função" : p.expected === "number" ? "um número" : "um objeto"}, mas é ${p.actual}.`,
    en: (p) => `Export '${p.name}' should be a ${p.expected}, but it is ${p.actual}.`,
  },
  "failure.export.value": {
    "pt-BR": (p) => `O export '${p.name}' = ${p.value} está fora do permitido: ${p.rule}.`,
    en: (p) => `Export '${p.name}' = ${p.value} is out of range: ${p.rule}.`,
  },
  "failure.export.notModel": {
    "pt-BR": (p) => `${p.fn}() deve retornar um tf.LayersModel (por exemplo tf.sequential()), mas retornou ${p.actual}.`,
    en: (p) => `${p.fn}() must return a tf.LayersModel (for example tf.sequential()), but returned ${p.actual}.`,
  },
  "failure.exception": {
    "pt-BR": (p) => `Seu código lançou um erro${at(p)} durante ${p.phase}: ${p.detail}`,
    en: (p) => `Your code threw an error${atEn(p)} during ${p.phase}: ${p.detail}`,
  },
  "failure.training": {
    "pt-BR": (p) => `O treino do seu modelo falhou durante ${p.phase}: ${p.detail}. Verifique se a perda combina com a saída do modelo.`,
    en: (p) => `Training your model failed during ${p.phase}: ${p.detail}. Check that the loss fits the model's output.`,
  },
  "failure.shape": {
    "pt-BR": (p) => `O modelo '${p.model}' tem entrada ${p.input} e saída ${p.output}; esperado entrada ${p.expectedInput} e saída ${p.expectedOutput} (a primeira dimensão, null, é o lote).`,
    en: (p) => `Model '${p.model}' has input ${p.input} and output ${p.output}; expected input ${p.expectedInput} and output ${p.expectedOutput} (the first dimension, null, is the batch).`,
  },
  "failure.budget": {
    "pt-BR": (p) => `training.${p.field} = ${p.value} está fora do orçamento da tarefa (${p.rule}). Ajuste o valor; ele não é cortado automaticamente.`,
    en: (p) => `training.${p.field} = ${p.value} is outside the task's budget (${p.rule}). Change it; it is not cut silently.`,
  },
  "failure.timeout": {
    "pt-BR": (p) => `Tempo esgotado na fase ${p.phase} (limite de ${p.seconds} s). Há um laço infinito, ou o modelo/treino é grande demais para o orçamento?`,
    en: (p) => `Time limit exceeded in phase ${p.phase} (${p.seconds} s). Is there an infinite loop, or is the model/training too large for the budget?`,
  },
  "failure.memory": {
    "pt-BR": (p) => `Memória esgotada na fase ${p.phase} (limite de ${p.limitMb} MB). Reduza o modelo, o lote ou os dados que seu código cria.`,
    en: (p) => `Out of memory in phase ${p.phase} (limit ${p.limitMb} MB). Shrink the model, the batch or the data your code creates.`,
  },
  "failure.nan": {
    "pt-BR": (p) => `O modelo '${p.model}' previu NaN ou infinito para ${p.count} de ${p.total} entradas. O treino divergiu: tente uma taxa de aprendizado menor.`,
    en: (p) => `Model '${p.model}' predicted NaN or infinity for ${p.count} of ${p.total} inputs. Training diverged: try a smaller learning rate.`,
  },
  "failure.sandbox": {
    "pt-BR": (p) => `A submissão fez algo que o ambiente isolado proíbe (${p.reason}) e foi encerrada.`,
    en: (p) => `The submission did something the sandbox forbids (${p.reason}) and was stopped.`,
  },
  "failure.contract.tooLarge": {
    "pt-BR": (p) => `O modelo '${p.model}' não pode ser reconstruído: a descrição passa do limite de ${p.limit} ${p.what === "layers" ? "camadas" : p.what === "depth" ? "níveis de aninhamento" : p.what === "nodes" ? "itens" : "caracteres"}.`,
    en: (p) => `Model '${p.model}' cannot be rebuilt: its description exceeds the limit of ${p.limit} ${p.what}.`,
  },
  "failure.contract.malformed": {
    "pt-BR": (p) => `O modelo '${p.model}' não pode ser reconstruído: a descrição (model.toJSON()) é inválida (${p.detail}). Retorne o modelo criado com tf.sequential() ou tf.model(), sem sobrescrever toJSON.`,
    en: (p) => `Model '${p.model}' cannot be rebuilt: its description (model.toJSON()) is invalid (${p.detail}). Return the model made with tf.sequential() or tf.model(), without overriding toJSON.`,
  },
  "failure.contract.unknownClass": {
    "pt-BR": (p) => `O modelo '${p.model}' usa a classe '${p.className}', que não é uma camada do TensorFlow.js. O corretor reconstrói o modelo só com as classes do tfjs (tf.layers.*): camadas próprias não são aceitas.`,
    en: (p) => `Model '${p.model}' uses the class '${p.className}', which is not a TensorFlow.js layer. The grader rebuilds the model with tfjs's own classes only (tf.layers.*): custom layers are not accepted.`,
  },
  "failure.contract.weights": {
    "pt-BR": (p) => `A camada '${p.layer}' do modelo '${p.model}' traz pesos prontos. O corretor inicializa os pesos sozinho, a partir da semente da correção: não passe 'weights'.`,
    en: (p) => `Layer '${p.layer}' of model '${p.model}' carries preset weights. The grader initialises the weights itself, from the grading seed: do not pass 'weights'.`,
  },
  "failure.contract.optimizer": {
    "pt-BR": (p) => `O otimizador do modelo '${p.model}' não é aceito: ${p.detail}.`,
    en: (p) => `The optimizer of model '${p.model}' is not accepted: ${p.detail}.`,
  },
  "failure.contract.function": {
    "pt-BR": (p) => `O modelo '${p.model}' foi compilado com ${p.what === "loss" ? "uma perda" : "uma métrica"} dada como função (${p.name}). Dê o nome, por exemplo loss: 'meanSquaredError' ou metrics: ['accuracy']: o corretor treina com as implementações do tfjs.`,
    en: (p) => `Model '${p.model}' was compiled with a ${p.what} given as a function (${p.name}). Give its name, e.g. loss: 'meanSquaredError' or metrics: ['accuracy']: the grader trains with tfjs's own implementations.`,
  },
  "failure.contract.unknownName": {
    "pt-BR": (p) => `O modelo '${p.model}' foi compilado com ${p.what === "loss" ? "a perda" : "a métrica"} '${p.name}', que o TensorFlow.js não conhece pelo nome (ou mais de uma perda).`,
    en: (p) => `Model '${p.model}' was compiled with the ${p.what} '${p.name}', which TensorFlow.js does not know by name (or more than one loss).`,
  },
  "failure.contract.rebuild": {
    "pt-BR": (p) => `O modelo '${p.model}' não pôde ser reconstruído a partir da sua descrição: ${p.detail}`,
    en: (p) => `Model '${p.model}' could not be rebuilt from its description: ${p.detail}`,
  },
  "failure.internal": {
    "pt-BR": (p) => `O corretor falhou por um problema interno, não do seu código: ${p.detail}. Tente de novo ou avise a equipe.`,
    en: (p) => `The grader failed for an internal reason, not your code: ${p.detail}. Try again or tell the staff.`,
  },
  "check.skipped": {
    "pt-BR": () => "Não avaliado: a correção parou antes desta verificação.",
    en: () => "Not graded: grading stopped before this check.",
  },
  "check.probe.threw": {
    "pt-BR": (p) => `${p.fn}() lançou um erro${at(p)}: ${p.detail}`,
    en: (p) => `${p.fn}() threw an error${atEn(p)}: ${p.detail}`,
  },
  "check.contract.ok": {
    "pt-BR": (p) => `Camadas: ${p.layers}; ${p.params} parâmetros.`,
    en: (p) => `Layers: ${p.layers}; ${p.params} parameters.`,
  },
  "check.contract.missingLayer": {
    "pt-BR": (p) => `O modelo precisa de uma camada ${p.layer}; encontradas: ${p.layers}.`,
    en: (p) => `The model needs a ${p.layer} layer; found: ${p.layers}.`,
  },
  "check.contract.tooManyParams": {
    "pt-BR": (p) => `O modelo tem ${p.params} parâmetros; o máximo é ${p.max}.`,
    en: (p) => `The model has ${p.params} parameters; the maximum is ${p.max}.`,
  },
  "check.contract.notOnPath": {
    "pt-BR": (p) => `A camada ${p.layer} não está no caminho da entrada até a saída do modelo: a saída não depende dela.`,
    en: (p) => `The ${p.layer} layer is not on the path from the model's input to its output: the output does not depend on it.`,
  },
  "check.contract.dead": {
    "pt-BR": (p) => `Trocar a saída da camada ${p.layer} ('${p.name}') pela de outros exemplos quase não mudou o erro do modelo (${p.error} → ${p.ablated}: uma alta de ${p.rise}% da variância dos alvos; o mínimo é ${p.min}%): a ${p.layer} não faz o trabalho das previsões.`,
    en: (p) => `Swapping the output of the ${p.layer} layer ('${p.name}') with other examples' barely changed the model's error (${p.error} → ${p.ablated}: a rise of ${p.rise}% of the targets' variance; at least ${p.min}% needed): the ${p.layer} does not do the predictions' work.`,
  },
  "check.contract.order": {
    "pt-BR": (p) => `Ler a sequência de entrada da camada ${p.layer} ('${p.name}') de trás para frente mudou a saída dela em só ${p.change}% da variação (mínimo: ${p.min}%): a ${p.layer} não lê uma sequência de verdade. Ela recebe um passo só, ou o mesmo passo repetido?`,
    en: (p) => `Reading the ${p.layer} layer's ('${p.name}') input sequence backwards moved its output by only ${p.change}% of its spread (at least ${p.min}% needed): the ${p.layer} does not read a real sequence. Does it get a single step, or the same step repeated?`,
  },
  "check.contract.batch": {
    "pt-BR": (p) => `As previsões do modelo mudam conforme os outros exemplos do lote (diferença de até ${p.gap}): a previsão de um exemplo não pode depender dos outros (um Softmax ou uma normalização sobre o eixo do lote, por exemplo).`,
    en: (p) => `The model's predictions change with the other examples in the batch (by up to ${p.gap}): one example's prediction must not depend on the others (a Softmax or a normalisation over the batch axis, for example).`,
  },
  "check.contract.okAblation": {
    "pt-BR": (p) => `Camadas: ${p.layers}; ${p.params} parâmetros. A ${p.layer} faz o trabalho: trocar a saída dela pela de outros exemplos leva o erro de ${p.error} a ${p.ablated}.`,
    en: (p) => `Layers: ${p.layers}; ${p.params} parameters. The ${p.layer} does the work: swapping its output with other examples' takes the error from ${p.error} to ${p.ablated}.`,
  },
  "check.gated": {
    "pt-BR": (p) => `Não avaliado: o modelo '${p.model}' não cumpre o contrato (veja a verificação do modelo).`,
    en: (p) => `Not graded: model '${p.model}' does not meet the contract (see the model check).`,
  },
  "check.threshold.full": {
    "pt-BR": (p) => `${p.metric} = ${p.value} (meta para nota cheia: ${p.op} ${p.full}).`,
    en: (p) => `${p.metric} = ${p.value} (full marks at ${p.op} ${p.full}).`,
  },
  "check.threshold.partial": {
    "pt-BR": (p) => `${p.metric} = ${p.value}: nota parcial (parcial a ${p.op} ${p.partial}, cheia a ${p.op} ${p.full}).`,
    en: (p) => `${p.metric} = ${p.value}: partial marks (partial at ${p.op} ${p.partial}, full at ${p.op} ${p.full}).`,
  },
  "check.threshold.failed": {
    "pt-BR": (p) => `${p.metric} = ${p.value}: ainda não atinge ${p.op} ${p.partial} para nota parcial.`,
    en: (p) => `${p.metric} = ${p.value}: not yet ${p.op} ${p.partial} for partial marks.`,
  },
  "check.baseline.beat": {
    "pt-BR": (p) => `Seu modelo (${p.value}) é melhor que a referência ingênua, ${p.baselinePt} (${p.baselineValue}).`,
    en: (p) => `Your model (${p.value}) beats the naive baseline, ${p.baselineEn} (${p.baselineValue}).`,
  },
  "check.baseline.lost": {
    "pt-BR": (p) => `Seu modelo (${p.value}) não supera a referência ingênua, ${p.baselinePt} (${p.baselineValue}).`,
    en: (p) => `Your model (${p.value}) does not beat the naive baseline, ${p.baselineEn} (${p.baselineValue}).`,
  },
  "check.baseline.margin": {
    "pt-BR": (p) => `Seu modelo (${p.value}) não supera com folga a referência ingênua, ${p.baselinePt} (${p.baselineValue}): é preciso passar de ${p.bar}.`,
    en: (p) => `Your model (${p.value}) does not clearly beat the naive baseline, ${p.baselineEn} (${p.baselineValue}): it takes better than ${p.bar}.`,
  },
  "diag.nanLoss": {
    "pt-BR": (p) => `A perda virou NaN na época ${p.epoch}. A taxa de aprendizado pode estar alta demais.`,
    en: (p) => `The loss became NaN at epoch ${p.epoch}. The learning rate may be too high.`,
  },
  "diag.diverging": {
    "pt-BR": (p) => `A perda subiu de ${p.from} para ${p.to} durante o treino: o treino está divergindo.`,
    en: (p) => `The loss rose from ${p.from} to ${p.to} during training: training is diverging.`,
  },
  "diag.constant": {
    "pt-BR": (p) => `As previsões são praticamente constantes (desvio padrão ${p.std}): o modelo não aprendeu a usar a entrada.`,
    en: (p) => `Predictions are almost constant (standard deviation ${p.std}): the model did not learn to use its input.`,
  },
  "diag.overfitting": {
    "pt-BR": (p) => `A perda de validação (${p.val}) se afasta da de treino (${p.train}) nas últimas épocas: sinal de sobreajuste.`,
    en: (p) => `Validation loss (${p.val}) is drifting away from training loss (${p.train}) in the last epochs: a sign of overfitting.`,
  },
  "diag.defaultCompile": {
    "pt-BR": (p) => `O modelo não foi compilado; o corretor usou adam (taxa ${p.lr}) e a perda ${p.loss}.`,
    en: (p) => `The model was not compiled; the grader used adam (rate ${p.lr}) and the ${p.loss} loss.`,
  },
  "prepare.notTable": {
    "pt-BR": (p) => `Os dados de treino vêm da sua ${p.fn}, e o que ela devolveu não serve para treinar: ${p.problem}.`,
    en: (p) => `The training data comes from your ${p.fn}, and what it returned cannot be trained on: ${p.problem}.`,
  },
} satisfies Record<string, Entry>;

export type MessageCode = keyof typeof catalog;

/** A decimal figure ("0.0131", "1.23e-4", 2.5) as Portuguese writes it: decimal comma. */
export function decimalComma(value: string | number): string | number {
  if (typeof value === "number") return Number.isInteger(value) || !Number.isFinite(value) ? value : String(value).replace(".", ",");
  return /^-?\d+\.\d+(e[-+]?\d+)?$/.test(value) ? value.replace(".", ",") : value;
}

export function text(code: MessageCode, params: Params = {}): LocalizedText {
  const entry: Entry = catalog[code];
  // Figures arrive formatted the English way (metrics.ts's fmt); the pt-BR text gets commas.
  const pt = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, decimalComma(v)]));
  return { code, params, "pt-BR": entry["pt-BR"](pt), en: entry.en(params) };
}

/** Task-specific texts (check titles, feedback) are written beside their task. */
export function localized(code: string, texts: { "pt-BR": string; en: string }, params: Params = {}): LocalizedText {
  return { code, params, ...texts };
}
