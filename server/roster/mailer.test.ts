/**
 * Invitation emails through nodemailer over a real SMTP conversation, with a small SMTP
 * server in this file standing in for the mail relay (it refuses one recipient).
 */
import * as net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

process.env.NEXTAUTH_SECRET ??= "mailer-test-secret-0123456789"; // server/env.ts would write one into .data otherwise
const { invitationMessage, sendInvitations, smtpTransport } = await import("./mailer");

/** What the stand-in relay received: envelope recipients and the raw message. */
const received: { to: string[]; data: string }[] = [];
let server: net.Server;
let port: number;

function smtpSession(socket: net.Socket) {
  let buffer = "";
  let inData = false;
  let current: { to: string[]; data: string } = { to: [], data: "" };
  const say = (line: string) => socket.write(`${line}\r\n`);
  say("220 stand-in ESMTP");
  socket.on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    let end: number;
    while ((end = buffer.indexOf("\r\n")) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (inData) {
        if (line === ".") {
          inData = false;
          received.push(current);
          current = { to: [], data: "" };
          say("250 queued");
        } else current.data += `${line}\n`;
        continue;
      }
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === "EHLO" || verb === "HELO") say("250 stand-in");
      else if (verb === "MAIL") say("250 ok");
      else if (verb === "RCPT") {
        if (line.includes("refuse@")) say("550 no such mailbox");
        else {
          current.to.push(/<(.*)>/.exec(line)?.[1] ?? "");
          say("250 ok");
        }
      } else if (verb === "DATA") {
        inData = true;
        say("354 go on");
      } else if (verb === "RSET") {
        current = { to: [], data: "" };
        say("250 ok");
      } else if (verb === "QUIT") {
        say("221 bye");
        socket.end();
      } else say("250 ok");
    }
  });
}

beforeAll(async () => {
  server = net.createServer(smtpSession);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The message text as written, with quoted-printable soft line breaks and escapes undone. */
const unfold = (data: string) => data.replace(/=\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));

const mails = [
  { name: "Ana Souza", email: "ana@x.org", link: "http://treino.test/convite/tokenAna_0123456789abcdefghijklmnopqrstuv", expiresAt: new Date("2026-12-15T12:00:00Z") },
  { name: "Recusada", email: "refuse@x.org", link: "http://treino.test/convite/tokenRefused_0123456789abcdefghijklmnop", expiresAt: new Date("2026-12-15T12:00:00Z") },
];

describe("invitation emails", () => {
  it("sends each student their own link over SMTP, and reports the recipients the server refused", async () => {
    const report = await sendInvitations(smtpTransport(`smtp://127.0.0.1:${port}`), { locale: "pt-BR", courseTitle: "Redes Recorrentes", from: "Treino <t@x.org>", mails });
    expect(report).toEqual({ configured: true, sent: 1, failed: ["refuse@x.org"] });
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(["ana@x.org"]);
    const text = unfold(received[0].data);
    expect(text).toContain(mails[0].link);
    expect(text).not.toContain(mails[1].link);
    expect(text).toMatch(/^To: Ana Souza <ana@x\.org>$/m);
  });

  it("without SMTP configured, sends nothing and says so", async () => {
    expect(smtpTransport(undefined)).toBeNull();
    expect(await sendInvitations(null, { locale: "en", courseTitle: "C", mails })).toEqual({ configured: false, sent: 0, failed: [] });
  });

  it("words the message in the instructor's language, with the link and its expiry", () => {
    const pt = invitationMessage("pt-BR", "Redes Recorrentes", mails[0]);
    expect(pt.subject).toBe("Convite para o Treino: Redes Recorrentes");
    expect(pt.text).toContain(mails[0].link);
    expect(pt.text).toContain("Olá, Ana Souza!");
    expect(pt.text).toContain("2026");
    expect(invitationMessage("en", "RNN", mails[0]).text).toContain("Hello Ana Souza");
  });
});
