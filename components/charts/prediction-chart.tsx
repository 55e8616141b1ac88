"use client";
/**
 * Predictions against the real values along x: time steps (sine-forecast), or the sequence
 * start j (next-number, where the two networks share the chart and the values past the
 * training range are shaded).
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { ChartFrame } from "./chart-frame";
import { modelDisplayName } from "./epoch-data";
import { formatTick, formatValue, yAxisWidth } from "./format";
import { AXIS_LABEL_STYLE, DASHES, MODEL_COLORS, PALETTE, TICK_STYLE } from "./palette";
import { niceTicks } from "./scale";
import { predictionSummary, type PredictionPoint } from "./summary";

/**
 * Per predicted line, in order: colour (each model's colour on the loss chart too), dash and
 * marker, so no two lines differ by colour alone.
 */
const MODEL_STYLES = [
  { color: MODEL_COLORS[0].train, dash: DASHES[1], marker: "circle" },
  { color: MODEL_COLORS[1].train, dash: DASHES[2], marker: "square" },
  { color: MODEL_COLORS[2].train, dash: DASHES[3], marker: "triangle" },
] as const;
type Marker = (typeof MODEL_STYLES)[number]["marker"];

/** A small marker of the given shape at a point (recharts passes cx, cy). */
function markerDot(shape: Marker, color: string) {
  function Dot(props: { cx?: number; cy?: number; index?: number }) {
    const { cx, cy, index } = props;
    if (cx == null || cy == null || !Number.isFinite(cx) || !Number.isFinite(cy)) return <g key={index} />;
    // Small and, for the circle, hollow: the lines stay visible between markers on a phone.
    if (shape === "square") return <rect key={index} x={cx - 2} y={cy - 2} width={4} height={4} fill={color} />;
    if (shape === "triangle") return <path key={index} d={`M${cx},${cy - 3}L${cx + 3},${cy + 2.5}L${cx - 3},${cy + 2.5}Z`} fill={color} />;
    return <circle key={index} cx={cx} cy={cy} r={2.5} fill="#fff" stroke={color} strokeWidth={1.25} />;
  }
  return Dot;
}

export function PredictionChart({ samples, title, locale, xAxis, testId, trainingRangeEnd }: {
  samples: Record<string, PredictionPoint[]>;
  title: string;
  locale: Locale;
  xAxis: "timeStep" | "sequenceStart";
  testId: string;
  /** The last x the models trained on: past it, the chart shades the area "outside the training range". */
  trainingRangeEnd?: number;
}) {
  const t = dictionary(locale).charts;
  const models = Object.keys(samples);
  const many = models.length > 1;
  const names = Object.fromEntries(models.map((m) => [m, many ? t.predictedBy({ model: modelDisplayName(m, t) }) : t.predicted]));
  const byX = new Map<number, Record<string, number | null>>();
  for (const m of models) {
    for (const s of samples[m]) {
      const row = byX.get(s.x) ?? { x: s.x, actual: s.actual };
      row[m] = s.predicted != null && Number.isFinite(s.predicted) ? s.predicted : null;
      byX.set(s.x, row);
    }
  }
  const rows = [...byX.values()].sort((a, b) => (a.x as number) - (b.x as number));
  if (rows.length === 0) return null;
  const xs = rows.map((r) => r.x as number);
  const ys = rows.flatMap((r) => [r.actual, ...models.map((m) => r[m])]).filter((v): v is number => v != null);
  const xTicks = niceTicks(Math.min(...xs), Math.max(...xs), 6);
  const yTicks = niceTicks(Math.min(...ys), Math.max(...ys), 5);
  const xMax = xTicks[xTicks.length - 1];
  const shade = trainingRangeEnd != null && Math.max(...xs) > trainingRangeEnd;
  const summary = predictionSummary(samples, names, t, locale, shade ? trainingRangeEnd : undefined);
  const markers = rows.length <= 60;
  return (
    <ChartFrame title={title} summary={summary} testId={testId}>
      <ResponsiveContainer width="100%" height={300}>
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 16, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          {shade && (
            <ReferenceArea x1={trainingRangeEnd} x2={xMax} fill={PALETTE.orange} fillOpacity={0.12} ifOverflow="hidden"
              label={{ value: t.outsideTraining, position: "insideBottomRight", style: { ...AXIS_LABEL_STYLE, fill: "#7c4a00" } }} />
          )}
          {shade && <ReferenceLine x={trainingRangeEnd} stroke="#7c4a00" strokeDasharray="4 3" />}
          <XAxis dataKey="x" type="number" domain={[xTicks[0], xMax]} ticks={xTicks} tick={TICK_STYLE} tickFormatter={(v: number) => formatTick(locale, v)}
            label={{ value: xAxis === "timeStep" ? t.timeStep : t.sequenceStart, position: "insideBottom", offset: -10, style: AXIS_LABEL_STYLE }} />
          <YAxis type="number" domain={[yTicks[0], yTicks[yTicks.length - 1]]} ticks={yTicks} allowDataOverflow width={yAxisWidth(yTicks.map((v) => formatTick(locale, v)))} tick={TICK_STYLE}
            tickFormatter={(v: number) => formatTick(locale, v)}
            label={{ value: t.value, angle: -90, position: "insideLeft", style: { ...AXIS_LABEL_STYLE, textAnchor: "middle" } }} />
          <Tooltip formatter={(v) => formatValue(locale, Number(v))} labelFormatter={(x) => `${xAxis === "timeStep" ? t.timeStep : "j"} ${formatTick(locale, Number(x))}`} />
          <Legend wrapperStyle={{ fontSize: 12, paddingTop: 12 }} iconSize={10} itemSorter={null} />
          <Line dataKey="actual" name={t.actual} stroke={PALETTE.black} strokeWidth={many ? 1.5 : 2} dot={false} isAnimationActive={false} legendType="plainline" />
          {models.map((m, i) => {
            const style = MODEL_STYLES[i % MODEL_STYLES.length];
            return (
              <Line key={m} dataKey={m} name={names[m]} stroke={style.color} strokeWidth={2} strokeDasharray={style.dash}
                dot={markers ? markerDot(style.marker, style.color) : false} legendType={style.marker} isAnimationActive={false} />
            );
          })}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
