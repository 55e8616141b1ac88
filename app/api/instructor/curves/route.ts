import { NextResponse } from "next/server";
import { instructorTask, requireInstructor } from "@/server/instructor/access";
import { studentCurves } from "@/server/instructor/overview";

/** A student's loss curves on a task (their newest graded submission that trained), or why there are none. */
export async function GET(req: Request) {
  const user = await requireInstructor();
  if (!user) return NextResponse.json({ error: "forbidden" }, { status: 403 });
  const url = new URL(req.url);
  const task = await instructorTask(user, url.searchParams.get("task") ?? "");
  if (!task) return NextResponse.json({ error: "notFound" }, { status: 404 });
  return NextResponse.json(await studentCurves(task.id, url.searchParams.get("student") ?? ""));
}
