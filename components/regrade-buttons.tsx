"use client";
import { regradeAll, regradeOne, type ActionState } from "@/app/instructor/actions";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { ActionForm } from "./action-form";

export function RegradeAllButton({ locale, slug }: { locale: Locale; slug: string }) {
  const t = dictionary(locale).instructor;
  return (
    <ActionForm<ActionState> action={regradeAll} className="flex items-center gap-3" render={(s, pending) => (
      <>
        <button type="submit" disabled={pending} className="rounded border border-indigo-600 px-3 py-1.5 text-sm text-indigo-700">{t.regradeAll}</button>
        {s?.ok && <span role="status" className="text-sm">{t.regradeQueued({ n: Number(s.message) })}</span>}
      </>
    )}>
      <input type="hidden" name="slug" value={slug} />
    </ActionForm>
  );
}

export function RegradeButtons({ locale, submissionId }: { locale: Locale; submissionId: string }) {
  const t = dictionary(locale).instructor;
  const button = (recordedSeed: boolean) => (
    <ActionForm<ActionState> action={regradeOne} render={(s, pending) => (
      <>
        <button type="submit" disabled={pending} className="rounded border border-indigo-600 px-3 py-1.5 text-sm text-indigo-700">{recordedSeed ? t.rerunSeed : t.regrade}</button>
        {s?.ok && <span role="status" className="ml-2 text-sm">{t.regradeDone}</span>}
      </>
    )}>
      <input type="hidden" name="submissionId" value={submissionId} />
      <input type="hidden" name="recordedSeed" value={recordedSeed ? "1" : "0"} />
    </ActionForm>
  );
  return <div className="flex flex-wrap gap-3">{button(false)}{button(true)}</div>;
}
