/** The practice bundle's files (worker, declarations, wasm), immutable under their build's hash. */
import { practiceAsset } from "@/server/practice/assets";

export async function GET(_req: Request, ctx: { params: Promise<{ hash: string; file: string }> }): Promise<Response> {
  const { hash, file } = await ctx.params;
  const asset = practiceAsset(hash, file);
  if (!asset) return new Response("not found", { status: 404 });
  return new Response(new Uint8Array(asset.bytes), {
    headers: { "Content-Type": asset.type, "Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff" },
  });
}
