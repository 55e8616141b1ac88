/** Numbers on the charts in the reader's language: 0,0123 in pt-BR, 0.0123 in English. */
import type { Locale } from "@/i18n/dictionary";

/** A measured value (a loss, an error): three significant digits. */
export function formatValue(locale: Locale, v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return "—";
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 }).format(v);
}

/** A tick: already a round number, printed as it is (no rounding to fewer digits). */
export function formatTick(locale: Locale, v: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(v);
}

/** A share as a whole percentage: "92%". */
export function formatPercent(locale: Locale, share: number): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(share);
}
