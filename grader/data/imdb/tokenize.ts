/**
 * Keras's text encoding for IMDb, reproduced: `text_to_word_sequence` (lower-case, Keras's
 * filter characters become spaces, split on spaces), then ranks from Keras's word index
 * shifted by `index_from=3`, with 1 marking the start. Words absent from the index are
 * dropped. `<br />` becomes the word `br`, as it does in Keras's published data.
 */
export const KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n';
export const START_CHAR = 1;
export const OOV_CHAR = 2;
export const INDEX_FROM = 3;

const FILTER_SET = new Set(KERAS_FILTERS);

export function textToWordSequence(text: string): string[] {
  let cleaned = "";
  for (const ch of text.toLowerCase()) cleaned += FILTER_SET.has(ch) ? " " : ch;
  return cleaned.split(" ").filter((w) => w.length > 0);
}

export type WordIndex = Map<string, number>;

export function parseWordIndex(json: string): WordIndex {
  const raw = JSON.parse(json) as Record<string, number>;
  return new Map(Object.entries(raw));
}

/** A review as Keras's ids, before any `num_words` cut: [1, rank+3, rank+3, ...]. */
export function encodeReview(text: string, index: WordIndex): number[] {
  const ids = [START_CHAR];
  for (const word of textToWordSequence(text)) {
    const rank = index.get(word);
    if (rank !== undefined) ids.push(rank + INDEX_FROM);
  }
  return ids;
}
