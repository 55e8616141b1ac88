"use client";
/**
 * IMDb: how the predicted probability of "positive" is spread, per true class, in bins of 0.1,
 * with the 0.5 decision threshold marked. A good model piles positives right, negatives left.
 */
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { ChartFrame } from "./chart-frame";
import { formatTick, yAxisWidth } from "./format";
import { DECISION_THRESHOLD, probabilityBins, thresholdShares, type LabelledProbability } from "./histogram";
import { AXIS_LABEL_STYLE, PALETTE, TICK_STYLE } from "./palette";
import { niceTicks } from "./scale";
import { probabilitySummary } from "./summary";

const X_TICKS = Array.from({ length: 11 }, (_, i) => i / 10);

export function ProbabilityHistogram({ samples, locale, testId = "probability-chart" }: { samples: LabelledProbability[]; locale: Locale; testId?: string }) {
  const t = dictionary(locale).charts;
  const bins = probabilityBins(samples, 10);
  const summary = probabilitySummary(thresholdShares(samples), DECISION_THRESHOLD, t, locale);
  const yTicks = niceTicks(0, Math.max(1, ...bins.map((b) => Math.max(b.positive, b.negative))), 5).filter((v) => Number.isInteger(v));
  const binLabel = (center: number) => {
    const bin = bins.find((b) => Math.abs(b.center - center) < 1e-6);
    return bin ? t.binRange({ from: formatTick(locale, bin.from), to: formatTick(locale, bin.to) }) : formatTick(locale, center);
  };
  return (
    <ChartFrame title={t.probabilityTitle} summary={summary} testId={testId}>
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={bins} margin={{ top: 20, right: 12, bottom: 16, left: 8 }} barGap={1} barCategoryGap="12%" accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="center" type="number" domain={[0, 1]} ticks={X_TICKS} interval={0} tick={TICK_STYLE} tickFormatter={(v: number) => formatTick(locale, v)}
            label={{ value: t.probabilityAxis, position: "insideBottom", offset: -10, style: AXIS_LABEL_STYLE }} />
          <YAxis type="number" domain={[0, yTicks[yTicks.length - 1]]} ticks={yTicks} allowDecimals={false} width={yAxisWidth(yTicks.map(String))} tick={TICK_STYLE}
            label={{ value: t.countAxis, angle: -90, position: "insideLeft", style: { ...AXIS_LABEL_STYLE, textAnchor: "middle" } }} />
          <Tooltip labelFormatter={(c) => binLabel(Number(c))} />
          <Legend wrapperStyle={{ fontSize: 12, paddingTop: 12 }} iconSize={10} itemSorter={null} />
          <ReferenceLine x={DECISION_THRESHOLD} stroke={PALETTE.black} strokeDasharray="5 3" strokeWidth={1.5}
            label={{ value: t.threshold({ value: formatTick(locale, DECISION_THRESHOLD) }), position: "top", style: AXIS_LABEL_STYLE }} />
          <Bar dataKey="negative" name={t.negatives} fill={PALETTE.vermillion} isAnimationActive={false} />
          <Bar dataKey="positive" name={t.positives} fill={PALETTE.blue} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
