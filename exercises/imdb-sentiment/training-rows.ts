/**
 * The student's padSequences(trainSequences, maxLen), as their model's training data. The
 * output must be trainable by an Embedding of numWords ids: one row of maxLen integer ids
 * per review, each in [0, numWords). Beyond that it is theirs: post-padding or truncating
 * the wrong end trains a model on rows unlike the Keras-padded test reviews, and the
 * feedback says how the rows differ.
 */
import { localized } from "../../grader/i18n/messages";
import type { PreparedOutcome, PreparedTable } from "../../grader/tasks/types";

export function acceptPadded(table: PreparedTable, reference: Float32Array, labels: Float32Array, maxLen: number, numWords: number): PreparedOutcome {
  const n = labels.length;
  const refuse = (pt: string, en: string): PreparedOutcome => ({
    ok: false,
    message: localized("imdb.prepare.refused", {
      "pt-BR": `O modelo treina com as ${n} resenhas de treino passadas pela sua padSequences(sequences, ${maxLen}), e o resultado não serve: ${pt}`,
      en: `The model trains on the ${n} training reviews as your padSequences(sequences, ${maxLen}) returns them, and the result cannot be used: ${en}`,
    }),
  });
  const [rows, width] = table.xShape;
  if (table.xShape.length !== 2 || rows !== n || width !== maxLen) {
    return refuse(
      `esperava ${n} linhas de ${maxLen} ids, veio formato [${table.xShape.join(", ")}].`,
      `expected ${n} rows of ${maxLen} ids, got shape [${table.xShape.join(", ")}].`,
    );
  }
  const bad = table.x.findIndex((v) => !(Number.isInteger(v) && v >= 0 && v < numWords));
  if (bad >= 0) {
    const row = Math.floor(bad / maxLen);
    const value = String(table.x[bad]);
    return refuse(
      `a linha ${row} tem o valor ${value}; cada id deve ser um inteiro de 0 a ${numWords - 1} (numWords - 1).`,
      `row ${row} holds ${value}; every id must be an integer from 0 to ${numWords - 1} (numWords - 1).`,
    );
  }
  const notes = [];
  const { differing, first, postPadded } = compareRows(table.x, reference, n, maxLen);
  if (differing > 0) {
    const post = postPadded > 0
      ? {
          "pt-BR": ` Em ${postPadded} delas os zeros vieram depois da resenha ('post'): a LSTM lê os zeros por último e esquece a resenha, e o teste usa 'pre', como o Keras.`,
          en: ` In ${postPadded} of them the zeros come after the review ('post'): the LSTM reads the zeros last and forgets the review, and the test uses 'pre', as Keras does.`,
        }
      : { "pt-BR": "", en: "" };
    notes.push(localized("imdb.prepare.differs", {
      "pt-BR": `O modelo treinou com as suas linhas, e ${differing} das ${n} diferem do pad_sequences do Keras (a primeira: linha ${first}).${post["pt-BR"]}`,
      en: `The model trained on your rows, and ${differing} of the ${n} differ from Keras's pad_sequences (the first: row ${first}).${post.en}`,
    }, { differing, total: n, first, postPadded }));
  }
  return {
    ok: true,
    train: { x: { dtype: "float32", shape: [n, maxLen], data: Float32Array.from(table.x) }, y: { dtype: "float32", shape: [n, 1], data: labels } },
    notes,
  };
}

/** How many rows differ from the reference, the first one, and how many are the review padded after instead of before. */
function compareRows(x: Float32Array, reference: Float32Array, n: number, maxLen: number) {
  let differing = 0;
  let first = -1;
  let postPadded = 0;
  for (let r = 0; r < n; r++) {
    const mine = x.subarray(r * maxLen, (r + 1) * maxLen);
    const ref = reference.subarray(r * maxLen, (r + 1) * maxLen);
    if (mine.every((v, i) => v === ref[i])) continue;
    differing++;
    if (first < 0) first = r;
    // The same ids, with the zeros moved to the end.
    const zeros = ref.findIndex((v) => v !== 0);
    if (zeros > 0 && mine.subarray(0, maxLen - zeros).every((v, i) => v === ref[zeros + i])) postPadded++;
  }
  return { differing, first, postPadded };
}
