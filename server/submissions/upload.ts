/**
 * What may be handed in: a TypeScript file, UTF-8 text, not too large. Checked before
 * anything is stored or queued, with a reason the student can act on.
 */
import { MAX_CODE_BYTES } from "../../grader/limits";

export type UploadError =
  | { code: "upload.empty" }
  | { code: "upload.tooLarge"; params: { maxKb: number; kb: number } }
  | { code: "upload.notText" }
  | { code: "upload.notUtf8" }
  | { code: "upload.notTypeScript"; params: { name: string } };

export const MAX_UPLOAD_BYTES = MAX_CODE_BYTES;

/** Decodes and validates an uploaded or pasted file. `fileName` is null for the editor. */
export function validateSource(bytes: Uint8Array, fileName: string | null): { ok: true; code: string } | { ok: false; error: UploadError } {
  if (fileName !== null && (!/\.ts$/i.test(fileName) || /\.d\.ts$/i.test(fileName))) {
    return { ok: false, error: { code: "upload.notTypeScript", params: { name: fileName.slice(0, 100) } } };
  }
  if (bytes.length > MAX_UPLOAD_BYTES) {
    return { ok: false, error: { code: "upload.tooLarge", params: { maxKb: MAX_UPLOAD_BYTES / 1024, kb: Math.ceil(bytes.length / 1024) } } };
  }
  if (bytes.includes(0)) return { ok: false, error: { code: "upload.notText" } };
  let code: string;
  try {
    code = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: { code: "upload.notUtf8" } };
  }
  if (code.trim().length === 0) return { ok: false, error: { code: "upload.empty" } };
  return { ok: true, code: code.replace(/^\uFEFF/, "") };
}
