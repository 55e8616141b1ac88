"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { readRateLimited } from "@/server/auth/login-refusal";

export function LoginForm({ locale, email: initialEmail = "" }: { locale: Locale; email?: string }) {
  const t = dictionary(locale).login;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    setBusy(false);
    // A full load, not router.push: the header (a layout) must re-render with the session.
    // "/" sends each role to its landing: students to their tasks, instructors to the class overview.
    if (res?.ok && !res.error) return window.location.assign("/");
    const refused = readRateLimited(res?.error);
    setError(refused ? t.rateLimited(refused) : t.failed);
  }

  return (
    <form onSubmit={onSubmit} className="mx-auto mt-8 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{t.title}</h1>
      <label className="block">
        <span className="text-sm font-medium">{t.email}</span>
        <input name="email" type="email" required autoComplete="email" defaultValue={initialEmail} className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      <label className="block">
        <span className="text-sm font-medium">{t.password}</span>
        <input name="password" type="password" required autoComplete="current-password" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <button type="submit" disabled={busy} className="w-full rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60">{t.submit}</button>
      <p className="text-sm text-slate-600">
        {t.noAccount} <Link href="/register" className="text-indigo-700 underline">{t.register}</Link>
      </p>
    </form>
  );
}
