/**
 * A roster's text as rows of name and email. The first line names the columns, in
 * Portuguese or English ("Nome;E-mail", "Name,Email", "Nome completo;Endereço de e-mail", a
 * first-name and a last-name column, ...); other columns are ignored. The separator is the
 * header's: a semicolon (Excel in Portuguese), a comma, or a tab (UTF-16 "Unicode text"), or
 * the one an Excel "sep=;" first line names. Parsing is csv-parse's: quotes, separators and
 * line breaks inside quoted cells.
 */
import { parse } from "csv-parse/sync";

/** The most students one file may hold: a class, not a university. */
export const MAX_ROSTER_ROWS = 1000;

export type Delimiter = ";" | "," | "\t";

export interface RosterLine {
  /** The line of the file the row ends on (1-based, the header is line 1), as a spreadsheet numbers it. */
  line: number;
  name: string;
  email: string;
}

export type RosterFileError =
  | { code: "roster.empty" }
  | { code: "roster.noColumns" }
  | { code: "roster.malformed"; params: { line: number } }
  | { code: "roster.tooManyRows"; params: { max: number; rows: number } };

export type ParsedRoster = { ok: true; delimiter: Delimiter; rows: RosterLine[] } | { ok: false; error: RosterFileError };

/** "Endereço de E-mail" -> "enderecodeemail": accents, case, spaces and punctuation carry no meaning in a header. */
export function headerKey(header: string): string {
  return header.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

const FULL_NAME = new Set(["nome", "name", "nomecompleto", "fullname", "nomedoaluno", "nomedaaluna", "nomedoestudante", "nomedaestudante", "aluno", "aluna", "estudante", "student", "studentname", "nomesocial"]);
const FIRST_NAME = new Set(["primeironome", "prenome", "firstname", "givenname"]);
const LAST_NAME = new Set(["sobrenome", "ultimonome", "lastname", "surname", "familyname"]);
const isEmailHeader = (key: string) => key.includes("email") || key === "mail" || key === "correioeletronico";

interface Columns {
  name: number;
  /** A separate last-name column, joined to the name when present. */
  last: number | null;
  email: number;
}

function findColumns(header: string[]): Columns | null {
  const keys = header.map(headerKey);
  const email = keys.findIndex(isEmailHeader);
  const full = keys.findIndex((k) => FULL_NAME.has(k));
  const first = keys.findIndex((k) => FIRST_NAME.has(k));
  const last = keys.findIndex((k) => LAST_NAME.has(k));
  const name = full >= 0 ? full : first;
  if (email < 0 || name < 0) return null;
  // With a last-name column, the name column holds the first name (Moodle's "Nome;Sobrenome").
  return { name, last: last >= 0 ? last : null, email };
}

/** The separator the header line uses most; a comma when it uses none. */
function sniffDelimiter(firstLine: string): Delimiter {
  const counts = ([";", ",", "\t"] as const).map((d) => [d, firstLine.split(d).length - 1] as const);
  const [best, n] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return n > 0 ? best : ",";
}

export function parseRoster(text: string): ParsedRoster {
  let body = text.replace(/^\uFEFF/, "");
  let lineOffset = 0;
  // Excel's own hint, "sep=;" alone on the first line.
  const hint = /^sep=([;,\t])\r?\n/i.exec(body);
  if (hint) {
    body = body.slice(hint[0].length);
    lineOffset = 1;
  }
  const firstLine = body.split(/\r?\n/).find((l) => l.trim() !== "");
  if (!firstLine) return { ok: false, error: { code: "roster.empty" } };
  const delimiter = (hint?.[1] as Delimiter | undefined) ?? sniffDelimiter(firstLine);

  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it was read (its type does not say so).
    records = parse(body, {
      delimiter,
      info: true,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // Excel writes a blank spreadsheet row as ";;".
      skip_records_with_empty_values: true,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { ok: false, error: { code: "roster.malformed", params: { line: (typeof line === "number" ? line : 1) + lineOffset } } };
  }
  const [header, ...data] = records;
  if (!header) return { ok: false, error: { code: "roster.empty" } };
  const columns = findColumns(header.record);
  if (!columns) return { ok: false, error: { code: "roster.noColumns" } };
  if (data.length === 0) return { ok: false, error: { code: "roster.empty" } };
  if (data.length > MAX_ROSTER_ROWS) return { ok: false, error: { code: "roster.tooManyRows", params: { max: MAX_ROSTER_ROWS, rows: data.length } } };
  const cell = (r: string[], i: number | null) => (i == null ? "" : (r[i] ?? ""));
  const rows = data.map(({ record, info }) => ({
    line: info.lines + lineOffset,
    name: [cell(record, columns.name), cell(record, columns.last)].filter(Boolean).join(" "),
    email: cell(record, columns.email),
  }));
  return { ok: true, delimiter, rows };
}
