/** Numbers on the charts in the reader's language: 0,0123 in pt-BR, 0.0123 in English. */
import type { Locale } from "@/i18n/dictionary";
import { numberFormat } from "@/i18n/number-format";

/** A measured value (a loss, an error): three significant digits. */
export function formatValue(locale: Locale, v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return "—";
  return numberFormat(locale, { maximumSignificantDigits: 3 }).format(v);
}

/** A tick: already a round number, printed as it is (no rounding to fewer digits). */
export function formatTick(locale: Locale, v: number): string {
  return numberFormat(locale, { maximumFractionDigits: 6 }).format(v);
}

/** A share as a whole percentage: "92%". */
export function formatPercent(locale: Locale, share: number): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

/** An accuracy as a percentage with one decimal: "70,7%". */
export function formatPercentPrecise(locale: Locale, share: number): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(share);
}

const SUPERSCRIPT: Record<string, string> = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };

/**
 * A log axis's tick: as a plain number down to 0,001, then as a power of ten ("10⁻⁶", "2×10⁻⁵"),
 * which is shorter and easier to compare than 0,000001.
 */
export function formatLogTick(locale: Locale, v: number): string {
  if (!(v > 0) || v >= 0.001) return formatTick(locale, v);
  const k = Math.floor(Math.log10(v) + 1e-9);
  const mantissa = Number((v / 10 ** k).toPrecision(3));
  const power = `10${String(k).split("").map((c) => SUPERSCRIPT[c]).join("")}`;
  return mantissa === 1 ? power : `${formatTick(locale, mantissa)}×${power}`;
}

/**
 * A y axis's width in pixels: room for its longest tick label (about 6.5 px a character at the
 * charts' 11 px font) and for the rotated axis title beside it.
 */
export function yAxisWidth(tickLabels: readonly string[]): number {
  const longest = Math.max(1, ...tickLabels.map((l) => l.length));
  return Math.min(96, Math.max(44, Math.ceil(longest * 6.5) + 28));
}
