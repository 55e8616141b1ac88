import { NextResponse } from "next/server";
import { currentUser } from "@/server/auth";
import { getSubmissionView } from "@/server/submissions/read";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: "auth.required" }, { status: 401 });
  const view = await getSubmissionView(user, (await params).id);
  if (!view) return NextResponse.json({ error: "notFound" }, { status: 404 });
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
}
