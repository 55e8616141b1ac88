/**
 * A roster file's bytes as text. Spreadsheets save CSV in whatever their locale likes: UTF-8
 * with or without a byte-order mark, UTF-16 ("Unicode text"), and Excel in Portuguese
 * (Brazil) the Windows-1252 code page. A byte-order mark says which; without one, bytes that
 * are valid UTF-8 are read as UTF-8 (Windows-1252 text with accents almost never is), and
 * anything else as Windows-1252.
 *
 * iconv-lite, not TextDecoder, for Windows-1252: Node's TextDecoder reads that label as
 * Latin-1, which turns Excel's curly apostrophe (0x92, as in "D’Ávila") into a control code.
 */
import iconv from "iconv-lite";

export type RosterEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export function decodeRoster(bytes: Uint8Array): { text: string; encoding: RosterEncoding } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), "utf-16be"), encoding: "utf-16be" };
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(body, "win1252"), encoding: "windows-1252" };
  }
}
