"use client";
/** The instructor's regrade controls, and the live refresh that shows regrades as they finish. */
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { regradeAll, regradeOne, type ActionState } from "@/app/instructor/actions";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { ActionForm } from "./action-form";

const REFRESH_MS = 2000;

/** Re-renders the page from the server every couple of seconds while `active` (submissions waiting or running). */
export function LiveRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}

/**
 * "Regrade all", asking first with the count: a whole task's regrade trains every submission
 * again and can hold the queue for a long time.
 */
export function RegradeAllButton({ locale, taskId, count, pending }: { locale: Locale; taskId: string; count: number; pending: number }) {
  const t = dictionary(locale).instructor;
  const refusals = dictionary(locale).courses.errors;
  const [asking, setAsking] = useState(false);
  const button = "rounded border border-indigo-600 px-3 py-1.5 text-sm text-indigo-700 disabled:opacity-50";
  return (
    <div className="space-y-2" data-testid="regrade-all">
      <LiveRefresh active={pending > 0} />
      <ActionForm<ActionState> action={regradeAll} className="flex flex-wrap items-center gap-3" render={(s, busy) => (
        <>
          {!asking && <button type="button" onClick={() => setAsking(true)} disabled={count === 0 || busy} className={button}>{t.regradeAll}</button>}
          {asking && (
            <div role="alertdialog" aria-labelledby="regrade-confirm" className="flex flex-wrap items-center gap-3 rounded border border-amber-300 bg-amber-50 p-3">
              <p id="regrade-confirm" className="font-medium">{t.regradeConfirm({ n: count })}</p>
              <p className="w-full text-sm text-slate-700">{t.regradeConfirmHelp}</p>
              <button type="submit" onClick={() => setTimeout(() => setAsking(false))} className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white">{t.regradeConfirmYes}</button>
              <button type="button" onClick={() => setAsking(false)} className={button}>{t.cancel}</button>
            </div>
          )}
          {count === 0 && pending === 0 && <span className="text-sm text-slate-600">{t.nothingToRegrade}</span>}
          {s?.ok && !busy && <span role="status" className="text-sm">{t.regradeQueued({ n: Number(s.message) })}</span>}
          {s && !s.ok && !busy && <span role="status" className="text-sm text-red-700">{refusals[s.message as keyof typeof refusals] ?? refusals.forbidden}</span>}
          {pending > 0 && <span className="text-sm text-slate-600" data-testid="regrade-pending">{t.regradePending({ n: pending })}</span>}
        </>
      )}>
        <input type="hidden" name="taskId" value={taskId} />
      </ActionForm>
    </div>
  );
}

/**
 * One submission's regrade. Once queued, the page is refreshed from the server until the
 * grading ends, so the old result makes way for the new one without a reload.
 */
export function RegradeButtons({ locale, submissionId }: { locale: Locale; submissionId: string }) {
  const t = dictionary(locale).instructor;
  const refusals = dictionary(locale).courses.errors;
  const router = useRouter();
  const [phase, setPhase] = useState<"idle" | "waiting" | "done">("idle");
  useEffect(() => {
    if (phase !== "waiting") return;
    router.refresh(); // shows the submission queued at once, in place of the old result
    let stopped = false;
    const timer = setInterval(async () => {
      const res = await fetch(`/api/submissions/${submissionId}`, { cache: "no-store" });
      const status = res.ok ? ((await res.json()) as { status: string }).status : "error";
      if (stopped || status === "queued" || status === "running") return;
      setPhase("done");
      router.refresh(); // the new result, and the history with the old one in it
    }, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [phase, router, submissionId]);
  const button = (recordedSeed: boolean) => (
    <ActionForm<ActionState>
      action={async (prev, form) => {
        const s = await regradeOne(prev, form);
        if (s?.ok) setPhase("waiting");
        return s;
      }}
      render={(s, pending) => (
        <>
          <button type="submit" disabled={pending || phase === "waiting"} className="rounded border border-indigo-600 px-3 py-1.5 text-sm text-indigo-700 disabled:opacity-50">{recordedSeed ? t.rerunSeed : t.regrade}</button>
          {s && !s.ok && s.message !== "busy" && !pending && <span role="status" className="ml-2 text-sm text-red-700">{refusals[s.message as keyof typeof refusals] ?? refusals.forbidden}</span>}
        </>
      )}
    >
      <input type="hidden" name="submissionId" value={submissionId} />
      <input type="hidden" name="recordedSeed" value={recordedSeed ? "1" : "0"} />
    </ActionForm>
  );
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-3">
        {button(false)}
        {button(true)}
        {phase === "waiting" && <span role="status" className="text-sm">{t.regradeDone}</span>}
        {phase === "done" && <span role="status" className="text-sm text-emerald-700">{t.regradeFinished}</span>}
      </div>
      <p className="max-w-prose text-xs text-slate-600">{t.regradeHelp}</p>
    </div>
  );
}
