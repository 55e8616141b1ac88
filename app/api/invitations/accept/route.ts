import { NextResponse } from "next/server";
import { acceptInvitation } from "@/server/roster/invitations";

/** Sets an invited student's password with their link's token: `{ token, password }`. */
export async function POST(req: Request) {
  const result = await acceptInvitation(await req.json().catch(() => null));
  return NextResponse.json(result, { status: result.ok ? 200 : result.error === "invalid" ? 400 : result.error === "unknown" ? 404 : 410 });
}
