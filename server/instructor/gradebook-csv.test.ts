import { describe, expect, it } from "vitest";
import type { CountingGrade } from "../rules/counting-grade";
import type { Gradebook } from "./gradebook";
import { decimalComma, gradebookCsv, neutraliseCell } from "./gradebook-csv";

/** RFC 4180 as a spreadsheet reads it: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") record.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") record.push(field), records.push(record), (record = []), (field = ""), i++;
    else field += c;
  }
  if (field !== "" || record.length > 0) throw new Error("the CSV does not end with a record delimiter");
  return records;
}

const grade = (points: number): CountingGrade => ({ submissionId: `s${points}`, points, maxScore: 10, rawScore: points, late: false });

function book(students: { name: string; email: string }[]): Gradebook {
  return {
    tasks: [
      { id: "t1", slug: "next-number", titlePt: "Próximo número", titleEn: "Next number", maxScore: 10 },
      { id: "t2", slug: "sine-forecast", titlePt: "Previsão do seno; com LSTM", titleEn: "Sine forecast", maxScore: 10 },
    ],
    rows: students.map((student, i) => ({ student: { id: `u${i}`, ...student }, grades: { "next-number": grade(6.5), "sine-forecast": null }, total: 6.5 })),
    maxTotal: 20,
  };
}

const hostile = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=cmd|" /C calc"!A0'];

describe("gradebook CSV", () => {
  it("makes every name and email that a spreadsheet would read as a formula plain text", () => {
    const students = hostile.map((name, i) => ({ name, email: i % 2 ? `+${i}@x.org` : `-${i}@x.org` }));
    const csv = gradebookCsv(book(students));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual(["name", "email", "next-number", "sine-forecast", "total", "max_total"]);
    expect(rows).toHaveLength(hostile.length);
    rows.forEach((row, i) => {
      // The quote is the only change: the instructor still sees the name the student chose.
      expect(row).toEqual([`'${students[i].name}`, `'${students[i].email}`, "6.5", "", "6.5", "20"]);
    });
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("leaves ordinary names, accents and numbers as they were", () => {
    const csv = gradebookCsv(book([{ name: "Conceição Ávila-Lima", email: "ana@x.org" }, { name: "O'Brien, \"Bob\"", email: "bob@x.org" }]));
    const lines = csv.slice(1).split("\r\n");
    expect(lines[1]).toBe("Conceição Ávila-Lima,ana@x.org,6.5,,6.5,20");
    expect(parseCsv(csv.slice(1))[2]).toEqual(["O'Brien, \"Bob\"", "bob@x.org", "6.5", "", "6.5", "20"]);
    expect(Buffer.from(csv, "utf8").includes(Buffer.from("Conceição Ávila", "utf8"))).toBe(true);
  });

  it("never quotes a number, even a negative one (it is a value, not a formula)", () => {
    expect(neutraliseCell(-2)).toBe(-2);
    expect(neutraliseCell(0)).toBe(0);
    expect(neutraliseCell(6.5)).toBe(6.5);
    expect(neutraliseCell("")).toBe("");
    expect(neutraliseCell("-2")).toBe("'-2");
    // Only the first character matters: a formula sign further in is harmless text.
    expect(neutraliseCell("Ana =1")).toBe("Ana =1");
  });
});

/** The same reading with ";" between cells, as a spreadsheet set to Portuguese does. */
const parseBr = (text: string) => parseCsv(text.replaceAll(",", "\u0000").replaceAll(";", ",")).map((r) => r.map((c) => c.replaceAll("\u0000", ",")));

describe("gradebook CSV for Brazilian spreadsheets", () => {
  it("uses semicolons, decimal commas and the BOM, with Portuguese headers and the tasks' titles", () => {
    const csv = gradebookCsv(book([{ name: "Conceição Ávila", email: "ana@x.org" }]), { format: "br", locale: "pt-BR" });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    // A title holding the separator is quoted; nothing else is.
    expect(lines[0]).toBe('Nome;E-mail;Próximo número;"Previsão do seno; com LSTM";Total;Máximo');
    expect(lines[1]).toBe("Conceição Ávila;ana@x.org;6,5;;6,5;20");
    expect(parseBr(csv.slice(1))[1]).toEqual(["Conceição Ávila", "ana@x.org", "6,5", "", "6,5", "20"]);
  });

  it("heads the columns in English for an English reader, and still neutralises formulas", () => {
    const csv = gradebookCsv(book([{ name: "=HYPERLINK(1)", email: "-1@x.org" }]), { format: "br", locale: "en" });
    const [header, row] = parseBr(csv.slice(1));
    expect(header).toEqual(["Name", "Email", "Next number", "Sine forecast", "Total", "Maximum"]);
    expect(row).toEqual(["'=HYPERLINK(1)", "'-1@x.org", "6,5", "", "6,5", "20"]);
  });

  it("writes numbers with a decimal comma and no thousands separator", () => {
    expect(decimalComma(6.5)).toBe("6,5");
    expect(decimalComma(1234.25)).toBe("1234,25");
    expect(decimalComma(10)).toBe("10");
  });
});
