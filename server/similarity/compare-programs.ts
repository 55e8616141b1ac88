/**
 * Compares students' programs with Dolos (Ghent University: winnowing over tree-sitter
 * tokens): every pair of files from different owners, the share of their fingerprints that
 * match, and the fragments that match with their ranges in each file.
 *
 * Dolos tokenises the syntax tree, not the text: identifiers, literals and comments do not
 * enter the fingerprints, so renaming variables changes nothing. The template (the task's
 * starter and the instructor's own template code) is Dolos's ignored file: its fingerprints
 * count for no pair and produce no fragment.
 *
 * One correction to Dolos 3.5.1's score with a template. Its `Pair.similarity` subtracts from
 * each file's fingerprint count the number of *distinct* ignored fingerprints, while the count
 * and the matches are of *occurrences*; a template line repeated in a file (`model.add(...)`)
 * is subtracted once but counted several times, so two identical files score 0.77-0.94 instead
 * of 1 (and its right side subtracts the left file's count). Here both sides subtract their
 * own ignored occurrences, read from the same Dolos index, which gives identical files 1.0
 * and leaves scores without a template exactly Dolos's.
 *
 * Loaded only by the similarity runner (its own process) and tests: the web server never
 * loads the native parsers.
 */
import type { Pair, TokenizedFile } from "@dodona/dolos-lib";

export interface Program {
  /** The submission's id. */
  id: string;
  /** Whose it is: pairs of the same owner are not compared. */
  owner: string;
  code: string;
}

/** A matching fragment: [startRow, startCol, endRow, endCol] in the left file, then in the right; from 0. */
export type FragmentRanges = [number, number, number, number, number, number, number, number];

export interface PairScore {
  left: string;
  right: string;
  /** 0..1: matching fingerprints over both files' fingerprints outside the template. */
  similarity: number;
  /** Longest run of matching fingerprints in a row. */
  longest: number;
  leftCovered: number;
  rightCovered: number;
  /** Fingerprints outside the template. */
  leftTotal: number;
  rightTotal: number;
  /** Null past `maxFragmentPairs`. */
  fragments: FragmentRanges[] | null;
}

export interface CompareProgress {
  phase: "parsing" | "comparing" | "fragments";
  done: number;
  total: number;
}

export interface CompareOptions {
  /** Code whose matches do not count: the starter and the instructor's template. */
  template?: string;
  /** Keep only the most similar pairs (the rest are not returned). */
  maxPairs?: number;
  /**
   * Build fragments for the most similar pairs only (the rest get null). Building them is the
   * costliest step: for 300 similar programs, 45,000 pairs' fragments take several times as
   * long as the scores.
   */
  maxFragmentPairs?: number;
  /** Awaited now and then, so a caller can report progress and keep its heartbeat. */
  onProgress?: (p: CompareProgress) => void | Promise<void>;
}

export interface Comparison {
  pairs: PairScore[];
  /** Pairs of different owners compared. */
  compared: number;
  engine: { name: "dolos"; version: string; language: string; kgramLength: number; kgramsInWindow: number };
}

export const DOLOS_VERSION = "3.5.1";
const LANGUAGE = "typescript";
const PROGRESS_EVERY = 2000;
const FRAGMENT_PROGRESS_EVERY = 200;

/** Ignored fingerprints of one side, counted by occurrence in that file. */
function ignoredOccurrences(entry: Pair["leftEntry"]): number {
  let n = 0;
  for (const fingerprint of entry.ignored) n += fingerprint.occurrencesOf(entry.file).length;
  return n;
}

function score(pair: Pair): Omit<PairScore, "left" | "right" | "fragments"> {
  const leftTotal = pair.leftTotal - ignoredOccurrences(pair.leftEntry);
  const rightTotal = pair.rightTotal - ignoredOccurrences(pair.rightEntry);
  const denominator = leftTotal + rightTotal;
  return {
    similarity: denominator > 0 ? (pair.leftCovered + pair.rightCovered) / denominator : 0,
    longest: pair.longest,
    leftCovered: pair.leftCovered,
    rightCovered: pair.rightCovered,
    leftTotal,
    rightTotal,
  };
}

function fragmentsOf(pair: Pair): FragmentRanges[] {
  return pair
    .buildFragments()
    .map((f): FragmentRanges => {
      const l = f.leftSelection;
      const r = f.rightSelection;
      return [l.startRow, l.startCol, l.endRow, l.endCol, r.startRow, r.startCol, r.endRow, r.endCol];
    })
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

export async function comparePrograms(programs: Program[], opts: CompareOptions = {}): Promise<Comparison> {
  const { Dolos, File, Options } = await import("@dodona/dolos-lib");
  const engine = { name: "dolos" as const, version: DOLOS_VERSION, language: LANGUAGE, kgramLength: Options.defaultKgramLength, kgramsInWindow: Options.defaultKgramsInWindow };
  if (programs.length < 2) return { pairs: [], compared: 0, engine };
  await opts.onProgress?.({ phase: "parsing", done: 0, total: programs.length });

  // Each file's name is its position: ids and owners are looked up from there.
  const files = programs.map((p, i) => new File(`${i}.ts`, p.code));
  const template = opts.template?.trim() ? new File("template.ts", opts.template) : undefined;
  const report = await new Dolos({ language: LANGUAGE }).analyze(files, "similarity", template);
  const programOf = (file: TokenizedFile) => programs[Number(file.path.slice(0, -".ts".length))];

  const all = report.allPairs();
  await opts.onProgress?.({ phase: "comparing", done: 0, total: all.length });
  const scored: { pair: Pair; left: Program; right: Program; score: ReturnType<typeof score> }[] = [];
  let compared = 0;
  for (let i = 0; i < all.length; i++) {
    const pair = all[i];
    const left = programOf(pair.leftFile);
    const right = programOf(pair.rightFile);
    if (left.owner !== right.owner) {
      compared++;
      const s = score(pair);
      if (s.similarity > 0) scored.push({ pair, left, right, score: s });
    }
    if ((i + 1) % PROGRESS_EVERY === 0) await opts.onProgress?.({ phase: "comparing", done: i + 1, total: all.length });
  }
  scored.sort((a, b) => b.score.similarity - a.score.similarity || b.score.longest - a.score.longest);
  const kept = opts.maxPairs != null ? scored.slice(0, opts.maxPairs) : scored;

  const withFragments = Math.min(kept.length, opts.maxFragmentPairs ?? kept.length);
  await opts.onProgress?.({ phase: "fragments", done: 0, total: withFragments });
  const pairs: PairScore[] = [];
  for (let i = 0; i < kept.length; i++) {
    const { pair, left, right, score: s } = kept[i];
    pairs.push({ left: left.id, right: right.id, ...s, fragments: i < withFragments ? fragmentsOf(pair) : null });
    if (i < withFragments && (i + 1) % FRAGMENT_PROGRESS_EVERY === 0) await opts.onProgress?.({ phase: "fragments", done: i + 1, total: withFragments });
  }
  return { pairs, compared, engine };
}
