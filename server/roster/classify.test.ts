import { describe, expect, it } from "vitest";
import { classifyRoster, type KnownAccount } from "./classify";

const account = (o: Partial<KnownAccount>): KnownAccount => ({ id: "id", name: "Someone", role: "student", hasPassword: true, enrolled: false, ...o });

describe("what importing each row would do", () => {
  const accounts = new Map<string, KnownAccount>([
    ["dora@x.org", account({ name: "Dora Dias" })],
    ["eva@x.org", account({ enrolled: true })],
    ["prof@x.org", account({ role: "instructor" })],
    ["fabi@x.org", account({ hasPassword: false })],
  ]);
  const rows = classifyRoster(
    [
      { line: 2, name: "  Ana \n Souza ", email: " ANA@x.org " },
      { line: 3, name: "", email: "bia@x.org" },
      { line: 4, name: "Caio", email: "caio@" },
      { line: 5, name: "Ana de novo", email: "ana@X.ORG" },
      { line: 6, name: "Dora", email: "dora@x.org" },
      { line: 7, name: "Eva", email: "eva@x.org" },
      { line: 8, name: "Prof", email: "prof@x.org" },
      { line: 9, name: "Fabi", email: "fabi@x.org" },
      { line: 10, name: "x".repeat(101), email: "" },
    ],
    accounts,
  );
  const byLine = (line: number) => rows.find((r) => r.line === line)!;

  it("invites new accounts, with the name on one line and the address in lower case", () => {
    expect(byLine(2)).toMatchObject({ name: "Ana Souza", email: "ana@x.org", action: "invite", newAccount: true, problems: [] });
  });

  it("says what is wrong with each bad row, and skips it", () => {
    expect(byLine(3)).toMatchObject({ action: null, problems: ["name.missing"] });
    expect(byLine(4)).toMatchObject({ action: null, problems: ["email.invalid"] });
    expect(byLine(5)).toMatchObject({ action: null, problems: ["email.duplicate"], firstLine: 2 });
    expect(byLine(7)).toMatchObject({ action: null, problems: ["email.inCourse"] });
    expect(byLine(8)).toMatchObject({ action: null, problems: ["email.instructor"] });
    expect(byLine(10)).toMatchObject({ action: null, problems: ["name.tooLong", "email.missing"] });
  });

  it("enrolls an existing account under its own name, and invites again one with no password yet", () => {
    expect(byLine(6)).toMatchObject({ action: "enroll", newAccount: false, accountName: "Dora Dias" });
    expect(byLine(9)).toMatchObject({ action: "invite", newAccount: false });
  });
});
