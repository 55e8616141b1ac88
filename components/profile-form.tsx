"use client";
import { savePseudonym } from "@/app/profile/actions";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { ActionForm } from "./action-form";

export function ProfileForm({ locale, pseudonym }: { locale: Locale; pseudonym: string }) {
  const t = dictionary(locale).profile;
  return (
    <ActionForm action={savePseudonym} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" render={(saved, pending) => (
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-4 py-2 text-white">{t.save}</button>
        {saved && <span role="status">{t.saved}</span>}
      </div>
    )}>
      <label className="block">
        <span className="text-sm font-medium">{t.pseudonym}</span>
        <input name="pseudonym" defaultValue={pseudonym} maxLength={40} className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
    </ActionForm>
  );
}
