import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeRoster } from "./decode";

const text = "Nome;E-mail\r\nJoão D’Ávila;joao@x.org\r\nConceição;c@x.org\r\n";

describe("reading a roster file's bytes", () => {
  it("reads UTF-8 with and without a byte-order mark", () => {
    const utf8 = Buffer.from(text, "utf8");
    expect(decodeRoster(utf8)).toEqual({ text, encoding: "utf-8" });
    expect(decodeRoster(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toEqual({ text, encoding: "utf-8" });
  });

  it("reads Excel's Windows-1252, the curly apostrophe (0x92) included, which Latin-1 would turn into a control code", () => {
    const cp1252 = iconv.encode(text, "win1252");
    expect(cp1252.includes(0x92)).toBe(true);
    expect(decodeRoster(cp1252)).toEqual({ text, encoding: "windows-1252" });
  });

  it("reads UTF-16 text by its byte-order mark", () => {
    expect(decodeRoster(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]))).toEqual({ text, encoding: "utf-16le" });
    expect(decodeRoster(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf-16be")]))).toEqual({ text, encoding: "utf-16be" });
  });

  it("reads a view into a larger buffer from its own offset", () => {
    const whole = Buffer.from(`xxxx${text}`, "utf8");
    expect(decodeRoster(new Uint8Array(whole.buffer, whole.byteOffset + 4, whole.byteLength - 4)).text).toBe(text);
  });
});
