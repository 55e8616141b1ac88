/** A task's public practice data (IMDb's training sample), for signed-in users only. */
import { currentUser } from "@/server/auth";
import { practiceDataFile } from "@/server/practice/public-data";

export async function GET(_req: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  if (!(await currentUser())) return new Response("unauthorized", { status: 401 });
  const { slug } = await ctx.params;
  const bytes = practiceDataFile(slug);
  if (!bytes) return Response.json({ error: "practice data unavailable" }, { status: 404 });
  return new Response(new Uint8Array(bytes), { headers: { "Content-Type": "application/octet-stream", "Cache-Control": "private, max-age=86400" } });
}
