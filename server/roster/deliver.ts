/**
 * What the instructor gets back from an import: each invited student's link (built on the
 * installation's public address), the links as CSV in both formats, and the report of the
 * invitation emails where SMTP is configured.
 */
import type { Transporter } from "nodemailer";
import type { Locale } from "../../i18n/dictionary";
import { env } from "../env";
import type { ImportedRoster } from "./import";
import { invitationLink } from "./invitations";
import { invitationLinksCsv } from "./links-csv";
import { sendInvitations, type MailReport } from "./mailer";

export interface DeliveredImport {
  ok: true;
  invited: { userId: string; name: string; email: string; link: string; expiresAt: string }[];
  enrolled: { userId: string; name: string; email: string }[];
  skipped: number;
  mail: MailReport;
  csv: { standard: string; br: string };
  /** How long a link works, for the page to say. */
  days: number;
}

/** The address students reach Treino at: NEXTAUTH_URL (set by `npm start`), else the request's own. */
export function publicOrigin(requestUrl: string): string {
  return new URL(env.NEXTAUTH_URL ?? requestUrl).origin;
}

export async function deliverImport(imported: ImportedRoster, o: { origin: string; locale: Locale; transport: Transporter | null }): Promise<DeliveredImport> {
  const links = imported.invited.map((i) => ({ userId: i.userId, name: i.name, email: i.email, link: invitationLink(o.origin, i.token), expiresAt: i.expiresAt }));
  const mail = await sendInvitations(o.transport, { locale: o.locale, courseTitle: imported.courseTitle, mails: links });
  return {
    ok: true,
    invited: links.map((l) => ({ ...l, expiresAt: l.expiresAt.toISOString() })),
    enrolled: imported.enrolled,
    skipped: imported.skipped,
    mail,
    csv: { standard: invitationLinksCsv(links, { locale: o.locale }), br: invitationLinksCsv(links, { format: "br", locale: o.locale }) },
    days: env.TREINO_INVITATION_DAYS,
  };
}
