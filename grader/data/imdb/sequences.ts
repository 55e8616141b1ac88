/** The reference side of the IMDb task: Keras's `num_words` cut and `pad_sequences`. */
import { OOV_CHAR } from "./tokenize";

/** Ids at or over `numWords` become the OOV mark, as `load_data(num_words=...)` does. */
export function cutToVocabulary(ids: ArrayLike<number>, numWords: number): number[] {
  return Array.from(ids, (id) => (id < numWords ? id : OOV_CHAR));
}

/** Keras `pad_sequences(seqs, maxlen, padding='pre', truncating='pre', value=0)`. */
export function padSequencesReference(sequences: number[][], maxLen: number): number[][] {
  return sequences.map((seq) => {
    const kept = seq.length > maxLen ? seq.slice(seq.length - maxLen) : seq;
    return [...new Array<number>(maxLen - kept.length).fill(0), ...kept];
  });
}

/** Pads straight into a flat Float32Array, for the training tensor. */
export function padInto(out: Float32Array, row: number, ids: ArrayLike<number>, maxLen: number, numWords: number): void {
  const start = Math.max(0, ids.length - maxLen);
  const padding = maxLen - (ids.length - start);
  const base = row * maxLen;
  out.fill(0, base, base + padding);
  for (let i = start; i < ids.length; i++) {
    const id = ids[i];
    out[base + padding + (i - start)] = id < numWords ? id : OOV_CHAR;
  }
}
