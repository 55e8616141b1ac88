"use client";
/** Loss or accuracy per epoch: one line per model and series, growing as epochs finish. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { ChartFrame } from "./chart-frame";
import { epochChartData, type EpochPoint, type EpochSeries } from "./epoch-data";
import { formatLogTick, formatTick, formatValue, yAxisWidth } from "./format";
import { AXIS_LABEL_STYLE, TICK_STYLE } from "./palette";
import { epochSummary } from "./summary";

/** A compiled loss's short name ("MSE"), or the loss id itself when the dictionary has none. */
export function lossUnit(loss: string | null | undefined, locale: Locale): string | undefined {
  if (!loss) return undefined;
  const names: Record<string, string> = dictionary(locale).charts.lossNames;
  return names[loss] ?? loss;
}

export function EpochChart({ curves, series, title, locale, loss, names }: {
  curves: Record<string, EpochPoint[]>;
  series: EpochSeries[];
  title: string;
  locale: Locale;
  /** The models' compiled loss (meanSquaredError...), named on the y axis; unknown: "perda". */
  loss?: string | null;
  /** Display names for models, over the default ("LSTM", "modelo"). */
  names?: Record<string, string>;
}) {
  const t = dictionary(locale).charts;
  const { rows, lines, log, ticks, epochTicks } = epochChartData(curves, series, t, names);
  if (lines.length === 0) return null;
  const isLoss = series[0] === "loss" || series[0] === "valLoss";
  const unit = isLoss ? lossUnit(loss, locale) : undefined;
  const yLabel = isLoss ? `${unit ? t.lossAxis({ loss: unit }) : t.loss}${log ? ` · ${t.logScale}` : ""}` : t.accuracyAxis;
  const summary = epochSummary(lines, log, t, locale, unit);
  const yTick = (v: number) => (log ? formatLogTick(locale, v) : formatTick(locale, v));
  return (
    <ChartFrame title={title} summary={summary} testId={`chart-${series[0]}`}>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 16, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="epoch" type="number" domain={[epochTicks[0], epochTicks[epochTicks.length - 1]]} ticks={epochTicks} tick={TICK_STYLE}
            label={{ value: t.epoch, position: "insideBottom", offset: -10, style: AXIS_LABEL_STYLE }} />
          <YAxis type="number" scale={log ? "log" : "linear"} domain={[ticks[0], ticks[ticks.length - 1]]} ticks={ticks} allowDataOverflow
            width={yAxisWidth(ticks.map(yTick))} tick={TICK_STYLE} tickFormatter={yTick}
            label={{ value: yLabel, angle: -90, position: "insideLeft", style: { ...AXIS_LABEL_STYLE, textAnchor: "middle" } }} />
          <Tooltip formatter={(v) => formatValue(locale, Number(v))} labelFormatter={(e) => `${t.epoch} ${e}`} />
          <Legend wrapperStyle={{ fontSize: 12, paddingTop: 12 }} itemSorter={null} />
          {lines.map((l) => (
            <Line key={l.key} dataKey={l.key} name={l.name} stroke={l.color} strokeWidth={2} strokeDasharray={l.dash}
              dot={rows.length <= 30 ? { r: 2, fill: l.color } : false} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
