import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { z } from "zod";
import { requireInstructor } from "@/server/instructor/access";
import { publicOrigin } from "@/server/roster/deliver";
import { invitationLink, reissueInvitation } from "@/server/roster/invitations";

const body = z.object({ userId: z.string().min(1).max(100), courseId: z.string().max(100).optional() });

/**
 * A new invitation link for a student of the current course who has no password yet.
 * `courseId`, the course the roster page was shown for, must still be current (409 otherwise).
 */
export async function POST(req: Request) {
  const user = await requireInstructor();
  if (!user) return NextResponse.json({ ok: false, error: "forbidden" }, { status: 403 });
  const parsed = body.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ ok: false, error: "forbidden" }, { status: 400 });
  const issued = await reissueInvitation(user, await cookies(), parsed.data.userId, parsed.data.courseId ?? null);
  if (!issued.ok) return NextResponse.json(issued, { status: issued.error === "forbidden" ? 403 : 409 });
  return NextResponse.json(
    { ok: true, name: issued.name, email: issued.email, link: invitationLink(publicOrigin(req.url), issued.token), expiresAt: issued.expiresAt.toISOString() },
    { status: 201, headers: { "cache-control": "no-store" } },
  );
}
