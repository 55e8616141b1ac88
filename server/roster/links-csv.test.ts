import { describe, expect, it } from "vitest";
import { invitationLinksCsv } from "./links-csv";

const rows = [
  { name: "=HYPERLINK(\"http://evil\";\"x\")", email: "+ana@x.org", link: "http://t/convite/abc", expiresAt: new Date("2026-12-15T12:00:00Z") },
  { name: "Conceição", email: "c@x.org", link: "http://t/convite/def", expiresAt: new Date("2026-12-15T12:00:00Z") },
];

describe("the invitation links as CSV", () => {
  it("makes formula-looking cells inert and keeps accents, with a byte-order mark", () => {
    const csv = invitationLinksCsv(rows);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("name,email,link,expires_at");
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"";""x"")",'+ana@x.org,http://t/convite/abc,2026-12-15T12:00:00.000Z`);
    expect(lines[2]).toBe("Conceição,c@x.org,http://t/convite/def,2026-12-15T12:00:00.000Z");
  });

  it("for a Portuguese spreadsheet: semicolons and headers in the reader's language", () => {
    const lines = invitationLinksCsv(rows, { format: "br", locale: "pt-BR" }).slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("Nome;E-mail;Link de convite;Vale até");
    expect(lines[2].startsWith("Conceição;c@x.org;http://t/convite/def;")).toBe(true);
  });
});
