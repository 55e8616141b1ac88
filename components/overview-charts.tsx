"use client";
/** The class overview's charts: activity, score distribution, failures, a student against the reference. */
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dictionary, type Locale } from "@/i18n/dictionary";
import type { Overview } from "@/server/instructor/overview";
import { EpochChart } from "./charts";

type Curves = NonNullable<Overview["reference"]>;

function Bars({ data, x, title, testId, empty }: { data: Record<string, string | number>[]; x: string; title: string; testId: string; empty: string }) {
  return (
    <figure className="rounded border border-slate-200 bg-white p-3" data-testid={testId}>
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      {data.length === 0 ? <p className="text-sm text-slate-600">{empty}</p> : <ResponsiveContainer width="100%" height={200}>
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
  const [curves, setCurves] = useState<Curves | null>(null);
  async function choose(id: string) {
    setStudent(id);
    setCurves(id ? ((await (await fetch(`/api/instructor/curves?task=${slug}&student=${id}`)).json()) as Curves | null) : null);
  }
  const combined: Curves = {};
  for (const [m, c] of Object.entries(overview.reference ?? {})) combined[`${t.reference} ${m}`] = c;
  for (const [m, c] of Object.entries(curves ?? {})) combined[m] = c;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Bars data={overview.perDay} x="day" title={t.perDay} testId="per-day" empty={t.noData} />
      <Bars data={overview.bins.map((count, i) => ({ bin: `${i * 10}%`, count }))} x="bin" title={t.distribution} testId="distribution" empty={t.noData} />
      <Bars data={overview.failures} x="kind" title={t.failures} testId="failures" empty={t.noData} />
      <div className="space-y-2 rounded border border-slate-200 bg-white p-3">
        <label className="block text-sm font-medium">{t.studentCurve}
          <select value={student} onChange={(e) => void choose(e.target.value)} className="mt-1 w-full rounded border border-slate-300 px-2 py-1">
            <option value="">{t.chooseStudent}</option>
            {overview.students.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        {!overview.reference && <p className="text-sm text-slate-600">{t.noReference}</p>}
        <EpochChart curves={combined} series={["loss"]} labels={{ loss: d.submission.loss, valLoss: d.submission.valLoss, acc: d.submission.acc, valAcc: d.submission.valAcc }} title={t.studentCurve} />
      </div>
    </div>
  );
}
