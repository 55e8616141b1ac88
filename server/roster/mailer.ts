/**
 * Invitation emails, where SMTP is configured (SMTP_URL): each invited student gets their
 * link, in the language the instructor was using. Without SMTP_URL nothing is sent and the
 * instructor hands the links out (shown after the import, and as CSV). A failed send is
 * reported, never fatal: the link was shown to the instructor anyway.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { dictionary, type Locale } from "../../i18n/dictionary";
import { env } from "../env";

export interface InvitationMail {
  name: string;
  email: string;
  link: string;
  expiresAt: Date;
}

export interface MailReport {
  /** False when SMTP is not configured: nothing was tried. */
  configured: boolean;
  sent: number;
  /** The addresses whose message the server did not accept. */
  failed: string[];
}

/** The transport SMTP_URL names, or null without one. Pooled, with timeouts: a dead server costs seconds, not the request. */
export function smtpTransport(url = env.SMTP_URL): Transporter | null {
  if (!url) return null;
  return nodemailer.createTransport({ url, pool: true, maxConnections: 2, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
}

export function invitationMessage(locale: Locale, courseTitle: string, mail: InvitationMail): { subject: string; text: string } {
  const t = dictionary(locale).roster.mail;
  return { subject: t.subject({ course: courseTitle }), text: t.body({ name: mail.name, course: courseTitle, link: mail.link, expiresAt: mail.expiresAt.toISOString() }) };
}

export async function sendInvitations(transport: Transporter | null, o: { locale: Locale; courseTitle: string; from?: string; mails: InvitationMail[] }): Promise<MailReport> {
  if (!transport) return { configured: false, sent: 0, failed: [] };
  const report: MailReport = { configured: true, sent: 0, failed: [] };
  try {
    // All at once: the pool sends them over its few connections in turn.
    const results = await Promise.allSettled(
      o.mails.map((mail) => transport.sendMail({ from: o.from ?? env.SMTP_FROM, to: { name: mail.name, address: mail.email }, ...invitationMessage(o.locale, o.courseTitle, mail) })),
    );
    results.forEach((r, i) => (r.status === "fulfilled" ? report.sent++ : report.failed.push(o.mails[i].email)));
  } finally {
    transport.close();
  }
  return report;
}
