import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES, validateSource } from "./upload";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("validateSource", () => {
  it("accepts UTF-8 TypeScript from a .ts file or the editor, dropping a BOM", () => {
    expect(validateSource(bytes("\uFEFFexport const a = 'ação';"), "solucao.ts")).toEqual({ ok: true, code: "export const a = 'ação';" });
    expect(validateSource(bytes("export {}"), null)).toMatchObject({ ok: true });
  });

  it("refuses other files, binary, invalid UTF-8, empty and oversized input", () => {
    const err = (b: Uint8Array, name: string | null) => {
      const r = validateSource(b, name);
      return r.ok ? null : r.error.code;
    };
    expect(err(bytes("x"), "model.py")).toBe("upload.notTypeScript");
    expect(err(bytes("x"), "types.d.ts")).toBe("upload.notTypeScript");
    expect(err(Uint8Array.from([0x65, 0x00, 0x66]), "a.ts")).toBe("upload.notText");
    expect(err(Uint8Array.from([0x65, 0xff, 0xfe]), "a.ts")).toBe("upload.notUtf8");
    expect(err(bytes("  \n "), "a.ts")).toBe("upload.empty");
    expect(err(new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x61), "a.ts")).toBe("upload.tooLarge");
    expect(err(new Uint8Array(MAX_UPLOAD_BYTES).fill(0x61), "a.ts")).toBeNull();
  });
});
