"use client";
/** The class overview's charts: activity, score distribution, failures, a student against the reference. */
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dictionary, type Locale } from "@/i18n/dictionary";
import type { Overview, StudentCurves } from "@/server/instructor/overview";
import { binLabel } from "@/server/instructor/score-bins";
import { EpochChart } from "./charts";

type Curves = NonNullable<Overview["reference"]>;

function Bars({ data, x, title, testId, empty }: { data: Record<string, string | number>[]; x: string; title: string; testId: string; empty: string }) {
  return (
    <figure className="rounded border border-slate-200 bg-white p-3" data-testid={testId}>
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      {data.length === 0 ? <p className="text-sm text-slate-600" data-testid={`${testId}-empty`}>{empty}</p> : <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={x} />
          <YAxis allowDecimals={false} width={30} />
          <Tooltip />
          <Bar dataKey="count" fill="#4f46e5" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>}
    </figure>
  );
}

export function OverviewCharts({ locale, overview, slug }: { locale: Locale; overview: Overview; slug: string }) {
  const d = dictionary(locale);
  const t = d.instructor;
  const [student, setStudent] = useState("");
  const [mine, setMine] = useState<StudentCurves | null>(null);
  async function choose(id: string) {
    setStudent(id);
    setMine(null);
    if (id) setMine((await (await fetch(`/api/instructor/curves?task=${slug}&student=${id}`)).json()) as StudentCurves);
  }
  const combined: Curves = {};
  for (const [m, c] of Object.entries(overview.reference ?? {})) combined[`${t.reference} ${m}`] = c;
  for (const [m, c] of Object.entries(mine?.curves ?? {})) combined[m] = c;
  const name = overview.students.find((s) => s.id === student)?.name ?? "";
  // Why nothing of the student's is drawn, or that an older submission is: never a silent reference-only chart.
  const why = !mine ? null : mine.curves === null ? (mine.reason === "noGraded" ? t.curveNoGraded : t.curveNoCurves) : mine.newest ? null : t.curveOlder({ attempt: mine.attempt });
  // Which case the empty charts are in: no submissions at all, none graded, or graded without failures.
  const none = overview.submissions === 0 ? t.noData : t.noneGraded({ n: overview.submissions });
  const bins = overview.graded === 0 ? [] : overview.bins.map((b) => ({ bin: binLabel(b), count: b.count }));
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Bars data={overview.perDay} x="day" title={t.perDay} testId="per-day" empty={t.noData} />
      <Bars data={bins} x="bin" title={t.distribution} testId="distribution" empty={none} />
      <Bars data={overview.failures} x="kind" title={t.failures} testId="failures" empty={overview.graded === 0 ? none : t.failuresNone({ n: overview.graded })} />
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
        <EpochChart
          curves={combined}
          series={["loss"]}
          labels={{ loss: d.submission.loss, valLoss: d.submission.valLoss, acc: d.submission.acc, valAcc: d.submission.valAcc }}
          title={mine?.curves ? t.curveTitle({ name, attempt: mine.attempt }) : t.curveReferenceOnly}
        />
      </div>
    </div>
  );
}
