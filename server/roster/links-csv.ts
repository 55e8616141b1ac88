/**
 * The invitation links of an import as CSV, for the instructor to mail merge or hand out:
 * name, email, link, expiry. The same two formats and the same guard as the gradebook's CSV
 * (server/instructor/gradebook-csv.ts): a name in a roster is whatever the file said, so a
 * cell a spreadsheet would run as a formula is made inert.
 */
import { stringify } from "csv-stringify/sync";
import { dictionary, fmtDate, type Locale } from "../../i18n/dictionary";
import { neutraliseCell, type CsvFormat } from "../instructor/gradebook-csv";

export interface LinkRow {
  name: string;
  email: string;
  link: string;
  expiresAt: Date;
}

export function invitationLinksCsv(rows: LinkRow[], opts: { format?: CsvFormat; locale?: Locale } = {}): string {
  const br = opts.format === "br";
  const locale = opts.locale ?? "pt-BR";
  const t = dictionary(locale).roster.csv;
  const header = br ? [t.name, t.email, t.link, t.expiresAt] : ["name", "email", "link", "expires_at"];
  const body = rows.map((r) => [r.name, r.email, r.link, br ? fmtDate(locale, r.expiresAt.toISOString()) : r.expiresAt.toISOString()]);
  const cells = [header, ...body].map((row) => row.map(neutraliseCell));
  return "\uFEFF" + stringify(cells, { record_delimiter: "\r\n", delimiter: br ? ";" : "," });
}
