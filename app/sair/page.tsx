import Link from "next/link";
import { SignOutForm } from "@/components/sign-out-form";
import { getDictionary } from "@/i18n/locale";
import { currentUser } from "@/server/auth";

export const dynamic = "force-dynamic";

/**
 * Our sign-out page, in the interface's language (next-auth's own is English and unstyled:
 * server/auth/index.ts points `pages.signOut` here). Signing out is a button, not a visit:
 * a link elsewhere must not be able to sign someone out.
 */
export default async function SignOutPage() {
  const { locale, t } = await getDictionary();
  const user = await currentUser();
  if (!user) {
    return (
      <div className="mx-auto mt-8 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">{t.signOut.title}</h1>
        <p className="text-sm text-slate-700">{t.signOut.signedOut}</p>
        <Link href="/login" className="inline-block text-indigo-700 underline">{t.signOut.login}</Link>
      </div>
    );
  }
  return <SignOutForm locale={locale} name={user.name} />;
}
