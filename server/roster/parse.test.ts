import { describe, expect, it } from "vitest";
import { headerKey, MAX_ROSTER_ROWS, parseRoster } from "./parse";

describe("parsing a roster", () => {
  it("reads Excel's Portuguese CSV: semicolons, a Portuguese header, quoted cells, blank rows, extra columns", () => {
    const parsed = parseRoster('Matrícula;Nome;E-mail\r\n1;Ana Souza;ana@x.org\r\n;;\r\n2;"Lima; Bruno";BRUNO@X.ORG\r\n\r\n3;"Dona ""Bia""";bia@x.org\r\n');
    expect(parsed).toEqual({
      ok: true,
      delimiter: ";",
      rows: [
        { line: 2, name: "Ana Souza", email: "ana@x.org" },
        { line: 4, name: "Lima; Bruno", email: "BRUNO@X.ORG" },
        { line: 6, name: 'Dona "Bia"', email: "bia@x.org" },
      ],
    });
  });

  it("reads English headers with commas, tabs, and Excel's sep= line", () => {
    expect(parseRoster("Name,Email\nAna,ana@x.org\n")).toMatchObject({ ok: true, delimiter: ",", rows: [{ line: 2, name: "Ana", email: "ana@x.org" }] });
    expect(parseRoster("Full name\tEmail address\nAna\tana@x.org\n")).toMatchObject({ ok: true, delimiter: "\t", rows: [{ name: "Ana", email: "ana@x.org" }] });
    expect(parseRoster("sep=;\nNome;E-mail\nAna;ana@x.org\n")).toMatchObject({ ok: true, delimiter: ";", rows: [{ line: 3, name: "Ana" }] });
  });

  it("joins a first-name and a last-name column (Moodle's, Google Forms' exports)", () => {
    expect(parseRoster("Nome;Sobrenome;Endereço de e-mail\nAna;Souza;ana@x.org\n")).toMatchObject({ ok: true, rows: [{ name: "Ana Souza", email: "ana@x.org" }] });
    expect(parseRoster("First name,Last name,Email\nAna,,ana@x.org\n")).toMatchObject({ ok: true, rows: [{ name: "Ana", email: "ana@x.org" }] });
  });

  it("keeps rows with missing cells for the preview to point at", () => {
    expect(parseRoster("Nome;E-mail\nAna\n;bia@x.org\n")).toMatchObject({ ok: true, rows: [{ line: 2, name: "Ana", email: "" }, { line: 3, name: "", email: "bia@x.org" }] });
  });

  it("refuses a file without the two columns, an empty one, an unreadable one, and one over the row limit", () => {
    expect(parseRoster("Ana;ana@x.org\nBia;bia@x.org\n")).toEqual({ ok: false, error: { code: "roster.noColumns" } });
    expect(parseRoster("Nome;Telefone\nAna;123\n")).toEqual({ ok: false, error: { code: "roster.noColumns" } });
    expect(parseRoster("\r\n\r\n")).toEqual({ ok: false, error: { code: "roster.empty" } });
    expect(parseRoster("Nome;E-mail\r\n")).toEqual({ ok: false, error: { code: "roster.empty" } });
    expect(parseRoster('Nome;E-mail\nAna;ana@x.org\nBia;"bia@x.org\n')).toEqual({ ok: false, error: { code: "roster.malformed", params: { line: 3 } } });
    const rows = (n: number) => "Nome;E-mail\n" + Array.from({ length: n }, (_, i) => `S${i};s${i}@x.org`).join("\n");
    expect(parseRoster(rows(MAX_ROSTER_ROWS))).toMatchObject({ ok: true });
    expect(parseRoster(rows(MAX_ROSTER_ROWS + 1))).toEqual({ ok: false, error: { code: "roster.tooManyRows", params: { max: MAX_ROSTER_ROWS, rows: MAX_ROSTER_ROWS + 1 } } });
  });

  it("compares headers without accents, case or punctuation", () => {
    expect(headerKey(" Endereço de E-mail ")).toBe("enderecodeemail");
    expect(headerKey("NOME COMPLETO")).toBe("nomecompleto");
  });
});
