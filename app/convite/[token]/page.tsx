import type { Metadata } from "next";
import Link from "next/link";
import { InvitationForm } from "@/components/invitation-form";
import { getDictionary } from "@/i18n/locale";
import { invitationState } from "@/server/roster/invitations";

export const dynamic = "force-dynamic";
// The token is in this page's address: no Referer carries it anywhere.
export const metadata: Metadata = { referrer: "no-referrer" };

/** An invited student's page: set a password with the link, or why the link does not work (any more). */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { locale, t } = await getDictionary();
  const { token } = await params;
  const invitation = await invitationState(token);
  if (invitation.state === "valid") {
    return <InvitationForm locale={locale} token={token} name={invitation.name} email={invitation.email} expiresAt={invitation.expiresAt.toISOString()} />;
  }
  return (
    <div className="mx-auto mt-8 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{t.invitation.title}</h1>
      <p role="alert" data-testid="invitation-state">{t.invitation.states[invitation.state]}</p>
      <Link href="/login" className="text-indigo-700 underline">{t.invitation.login}</Link>
    </div>
  );
}
