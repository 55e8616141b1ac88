"use client";
/** Sets an invited student's password with their link, then signs them in. */
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { dictionary, type Locale } from "@/i18n/dictionary";

type Answer = { ok: true; email: string; courseId: string } | { ok: false; error: "invalid" | "used" | "revoked" | "expired" | "unknown" };

export function InvitationForm({ locale, token, name, email, expiresAt }: { locale: Locale; token: string; name: string; email: string; expiresAt: string }) {
  const t = dictionary(locale).invitation;
  const [error, setError] = useState<string | null>(null);
  const [signInFailed, setSignInFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const password = String(new FormData(e.currentTarget).get("password") ?? "");
    const res = await fetch("/api/invitations/accept", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, password }) });
    const body = (await res.json().catch(() => ({ ok: false, error: "unknown" }))) as Answer;
    if (!body.ok) {
      setBusy(false);
      return setError(body.error === "invalid" ? t.invalid : t.states[body.error]);
    }
    const signedIn = await signIn("credentials", { email: body.email, password, redirect: false });
    // A full load (the header must see the session), onto the tasks of the course they were invited to.
    if (signedIn?.ok && !signedIn.error) return window.location.assign(`/tasks#course-${encodeURIComponent(body.courseId)}`);
    setBusy(false);
    setSignInFailed(true);
  }

  if (signInFailed) {
    return (
      <div className="mx-auto mt-8 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <p role="status">{t.signInFailed}</p>
        <Link href="/login" className="text-indigo-700 underline">{t.login}</Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="mx-auto mt-8 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{t.title}</h1>
      <p className="break-words">{t.hello({ name, email })}</p>
      {/* For password managers: the account this password belongs to. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <label className="block">
        <span className="text-sm font-medium">{t.password}</span>
        <input name="password" type="password" required minLength={8} autoComplete="new-password" aria-invalid={error === t.invalid} className="mt-1 w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-500" />
      </label>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <button type="submit" disabled={busy} className="w-full rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60">{busy ? t.busy : t.submit}</button>
      <p className="text-sm text-slate-600">{t.validUntil({ at: expiresAt })}</p>
    </form>
  );
}
