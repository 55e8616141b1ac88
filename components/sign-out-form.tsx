"use client";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { dictionary, type Locale } from "@/i18n/dictionary";

/** Signs out through next-auth's client (it fetches the CSRF token and POSTs), then goes to /login. */
export function SignOutForm({ locale, name }: { locale: Locale; name: string }) {
  const t = dictionary(locale).signOut;
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    // No redirect from next-auth: its URL comes from NEXTAUTH_URL, which a proxy may not
    // match; a full load of our own /login also makes the header drop the session.
    await signOut({ redirect: false });
    window.location.assign("/login");
  }

  return (
    <form onSubmit={onSubmit} className="mx-auto mt-8 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{t.title}</h1>
      <p className="text-sm text-slate-700">{t.signedInAs({ name })}</p>
      <p className="text-sm text-slate-600">{t.explain}</p>
      <button type="submit" disabled={busy} className="w-full rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {busy ? t.busy : t.submit}
      </button>
      <p className="text-sm">
        <Link href="/tasks" className="text-indigo-700 underline">{t.cancel}</Link>
      </p>
    </form>
  );
}
