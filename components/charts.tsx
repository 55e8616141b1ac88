"use client";
/** The result's charts. Each takes plain data from the grader's result; labels come translated. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";

interface EpochPoint {
  epoch: number;
  loss: number | null;
  valLoss?: number | null;
  acc?: number | null;
  valAcc?: number | null;
}

const COLORS = ["#4f46e5", "#db2777", "#059669", "#d97706"];

/** One line per model and series, over epochs: the loss curve grows as epochs finish. */
export function EpochChart({ curves, series, labels, title }: {
  curves: Record<string, EpochPoint[]>;
  series: ("loss" | "valLoss" | "acc" | "valAcc")[];
  labels: Record<string, string>;
  title: string;
}) {
  const models = Object.keys(curves);
  const maxEpochs = Math.max(0, ...models.map((m) => curves[m].length));
  const rows = Array.from({ length: maxEpochs }, (_, i) => {
    const row: Record<string, number | null> = { epoch: i + 1 };
    for (const m of models) for (const s of series) row[`${m}.${s}`] = curves[m][i]?.[s] ?? null;
    return row;
  });
  const lines = models
    .flatMap((m) => series.map((s) => ({ key: `${m}.${s}`, name: models.length > 1 ? `${m} ${labels[s]}` : labels[s], dashed: s.startsWith("val") })))
    .filter((l) => rows.some((r) => r[l.key] != null)); // no validation split: no validation line
  if (lines.length === 0) return null;
  return (
    <figure className="rounded border border-slate-200 bg-white p-3" data-testid={`chart-${series[0]}`}>
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={rows} margin={{ left: 8, right: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" />
          <YAxis width={60} tickFormatter={(v: number) => v.toPrecision(2)} />
          <Tooltip />
          <Legend />
          {lines.map((l, i) => (
            <Line key={l.key} dataKey={l.key} name={l.name} stroke={COLORS[models.indexOf(l.key.split(".")[0]) % COLORS.length]} strokeDasharray={l.dashed ? "5 4" : undefined} dot={false} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

interface Sample {
  x: number;
  actual: number;
  predicted: number | null;
}

/** Predictions against the real values along x (time steps, or j for next-number). */
export function PredictionChart({ samples, title, labels, testId }: {
  samples: Record<string, Sample[]>;
  title: string;
  labels: { actual: string; predicted: string };
  testId: string;
}) {
  const models = Object.keys(samples);
  const byX = new Map<number, Record<string, number | null>>();
  for (const m of models) {
    for (const s of samples[m]) {
      const row = byX.get(s.x) ?? { x: s.x, actual: s.actual };
      row[m] = s.predicted;
      byX.set(s.x, row);
    }
  }
  const rows = [...byX.values()].sort((a, b) => (a.x as number) - (b.x as number));
  return (
    <figure className="rounded border border-slate-200 bg-white p-3" data-testid={testId}>
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={{ left: 8, right: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="x" type="number" domain={["dataMin", "dataMax"]} />
          <YAxis width={60} tickFormatter={(v: number) => v.toPrecision(2)} />
          <Tooltip />
          <Legend />
          <Line dataKey="actual" name={labels.actual} stroke="#94a3b8" dot={false} isAnimationActive={false} />
          {models.map((m, i) => (
            <Line key={m} dataKey={m} name={models.length > 1 ? `${m} (${labels.predicted})` : labels.predicted} stroke={COLORS[i % COLORS.length]} dot={models.length > 1} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Predicted probability per review against its label (0 or 1). */
export function ProbabilityChart({ samples, title, labels }: { samples: Sample[]; title: string; labels: { actual: string; predicted: string } }) {
  return (
    <figure className="rounded border border-slate-200 bg-white p-3">
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <ScatterChart margin={{ left: 8, right: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="x" type="number" name="#" />
          <YAxis dataKey="predicted" type="number" domain={[0, 1]} name={labels.predicted} width={40} />
          <Tooltip />
          <Legend />
          <Scatter name={`${labels.actual} = 1`} data={samples.filter((s) => s.actual === 1)} fill="#059669" isAnimationActive={false} />
          <Scatter name={`${labels.actual} = 0`} data={samples.filter((s) => s.actual === 0)} fill="#db2777" isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
