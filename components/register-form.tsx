"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { dictionary, type Locale } from "@/i18n/dictionary";

type Field = "name" | "email" | "password" | "joinCode";

export function RegisterForm({ locale }: { locale: Locale }) {
  const t = dictionary(locale).register;
  const [error, setError] = useState<string | null>(null);
  const [bad, setBad] = useState<Field[]>([]);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const form = Object.fromEntries(new FormData(e.currentTarget)) as Record<Field, string>;
    const res = await fetch("/api/register", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(form) });
    const body = (await res.json()) as { ok: boolean; error?: keyof typeof t.errors; fields?: Field[] };
    if (!body.ok) {
      setBusy(false);
      setBad(body.fields ?? []);
      return setError(t.errors[body.error ?? "invalid"]);
    }
    await signIn("credentials", { email: form.email, password: form.password, redirect: false });
    window.location.assign("/tasks"); // a full load: the header must see the new session
  }

  const field = (name: Field, label: string, type: string, autoComplete: string) => (
    <label className="block">
      <span className="text-sm font-medium">{label}</span>
      <input
        name={name}
        type={type}
        required
        autoComplete={autoComplete}
        minLength={name === "password" ? 8 : undefined}
        aria-invalid={bad.includes(name)}
        className={`mt-1 w-full rounded border px-3 py-2 ${bad.includes(name) ? "border-red-500" : "border-slate-300"}`}
      />
    </label>
  );

  return (
    <form onSubmit={onSubmit} className="mx-auto mt-8 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{t.title}</h1>
      {field("name", t.name, "text", "name")}
      {field("email", t.email, "email", "email")}
      {field("password", t.password, "password", "new-password")}
      {field("joinCode", t.joinCode, "text", "off")}
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <button type="submit" disabled={busy} className="w-full rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60">{t.submit}</button>
      <p className="text-sm text-slate-600">
        {t.haveAccount} <Link href="/login" className="text-indigo-700 underline">{dictionary(locale).login.submit}</Link>
      </p>
    </form>
  );
}
