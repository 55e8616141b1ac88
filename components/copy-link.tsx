"use client";
/** A link shown in full (selectable, scrolls inside its box on a phone) with a button that copies it. */
import { useState } from "react";
import { dictionary, type Locale } from "@/i18n/dictionary";

export function CopyLink({ locale, link, label }: { locale: Locale; link: string; label: string }) {
  const t = dictionary(locale).roster;
  const [copied, setCopied] = useState<boolean | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-2">
      <input readOnly value={link} aria-label={label} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 basis-56 rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs" />
      <button type="button" onClick={copy} className="rounded border border-indigo-600 px-2 py-1 text-xs text-indigo-700">{t.copy}</button>
      {copied !== null && <span role="status" className={`text-xs ${copied ? "text-emerald-700" : "text-red-700"}`}>{copied ? t.copied : t.copyFailed}</span>}
    </div>
  );
}
