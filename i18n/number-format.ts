/**
 * Intl number formatters, made once per locale and options. Building an Intl.NumberFormat
 * costs far more than formatting with one, and a result page formats hundreds of values
 * (every chart tick, tooltip and metric): per-value construction was a tenth of the page's
 * server time (bench/load.ts).
 */
const formatters = new Map<string, Intl.NumberFormat>();

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let nf = formatters.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, options);
    formatters.set(key, nf);
  }
  return nf;
}
