"use client";
/** The class overview's charts: activity, score distribution, failures, a student against the reference. */
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dictionary, type Locale } from "@/i18n/dictionary";
import type { Overview, StudentCurves } from "@/server/instructor/overview";
import { binLabel } from "@/server/instructor/score-bins";
import { EpochChart } from "./charts";
import { modelDisplayName } from "./charts/epoch-data";
import { AXIS_LABEL_STYLE, PALETTE, TICK_STYLE } from "./charts/palette";

type Curves = NonNullable<Overview["reference"]>;

function Bars({ data, x, title, testId, empty, yLabel }: { data: Record<string, string | number>[]; x: string; title: string; testId: string; empty: string; yLabel: string }) {
  return (
    <figure className="rounded border border-slate-200 bg-white p-3" data-testid={testId}>
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      {data.length === 0 ? <p className="text-sm text-slate-600" data-testid={`${testId}-empty`}>{empty}</p> : <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey={x} tick={TICK_STYLE} />
          <YAxis allowDecimals={false} width={44} tick={TICK_STYLE} label={{ value: yLabel, angle: -90, position: "insideLeft", style: { ...AXIS_LABEL_STYLE, textAnchor: "middle" } }} />
          <Tooltip />
          <Bar dataKey="count" name={yLabel} fill={PALETTE.blue} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>}
    </figure>
  );
}

export function OverviewCharts({ locale, overview, taskId }: { locale: Locale; overview: Overview; taskId: string }) {
  const d = dictionary(locale);
  const t = d.instructor;
  const [student, setStudent] = useState("");
  const [mine, setMine] = useState<StudentCurves | null>(null);
  // The API refuses a task of another course than the current one (switched in another tab).
  const [refused, setRefused] = useState<"courseChanged" | "forbidden" | null>(null);
  async function choose(id: string) {
    setStudent(id);
    setMine(null);
    setRefused(null);
    if (!id) return;
    const res = await fetch(`/api/instructor/curves?taskId=${encodeURIComponent(taskId)}&student=${encodeURIComponent(id)}`);
    if (!res.ok) return setRefused(res.status === 409 ? "courseChanged" : "forbidden");
    setMine((await res.json()) as StudentCurves);
  }
  // The reference's and the student's curves share one chart, each line named by whose it is
  // ("referência — treino", "estudante LSTM — treino").
  const c = d.charts;
  const combined: Curves = {};
  const names: Record<string, string> = {};
  const whose = (who: string, m: string) => (m === "model" ? who : `${who} ${modelDisplayName(m, c)}`);
  for (const [m, curve] of Object.entries(overview.reference ?? {})) {
    combined[`reference:${m}`] = curve;
    names[`reference:${m}`] = whose(c.reference, m);
  }
  for (const [m, curve] of Object.entries(mine?.curves ?? {})) {
    combined[m] = curve;
    names[m] = whose(c.student, m);
  }
  const name = overview.students.find((s) => s.id === student)?.name ?? "";
  // Why nothing of the student's is drawn, or that an older submission is: never a silent reference-only chart.
  const why = !mine ? null : mine.curves === null ? (mine.reason === "noGraded" ? t.curveNoGraded : t.curveNoCurves) : mine.newest ? null : t.curveOlder({ attempt: mine.attempt });
  // Which case the empty charts are in: no submissions at all, none graded, or graded without failures.
  const none = overview.submissions === 0 ? t.noData : t.noneGraded({ n: overview.submissions });
  const bins = overview.graded === 0 ? [] : overview.bins.map((b) => ({ bin: binLabel(b), count: b.count }));
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Bars data={overview.perDay} x="day" title={t.perDay} testId="per-day" empty={t.noData} yLabel={c.count} />
      <Bars data={bins} x="bin" title={t.distribution} testId="distribution" empty={none} yLabel={c.count} />
      <Bars data={overview.failures} x="kind" title={t.failures} testId="failures" empty={overview.graded === 0 ? none : t.failuresNone({ n: overview.graded })} yLabel={c.count} />
      <div className="space-y-2 rounded border border-slate-200 bg-white p-3">
        <h3 className="text-sm font-medium">{t.studentCurve}</h3>
        <label className="block text-sm">{t.student}
          <select value={student} onChange={(e) => void choose(e.target.value)} className="mt-1 w-full rounded border border-slate-300 px-2 py-1" disabled={overview.students.length === 0}>
            <option value="">{overview.students.length === 0 ? t.noData : t.chooseStudent}</option>
            {overview.students.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        {!overview.reference && <p className="text-sm text-slate-600">{t.noReference}</p>}
        {why && <p className="text-sm text-amber-800" data-testid="curve-why">{why}</p>}
        {refused && <p role="status" className="text-sm text-red-700">{d.courses.errors[refused]}</p>}
        <EpochChart
          curves={combined}
          series={["loss"]}
          title={mine?.curves ? t.curveTitle({ name, attempt: mine.attempt }) : t.curveReferenceOnly}
          locale={locale}
          names={names}
        />
      </div>
    </div>
  );
}
