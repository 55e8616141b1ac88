import { NextResponse } from "next/server";
import { z } from "zod";
import { instructorContext, taskInCurrentCourse } from "@/server/instructor/access";
import { studentCurves } from "@/server/instructor/overview";

const query = z.object({ taskId: z.string().min(1).max(100), student: z.string().min(1).max(100) });

/**
 * A student's loss curves on a task of the current course (their newest graded submission that
 * trained), or why there are none. A task of another course of the instructor's answers 409
 * (the current course changed since the page was shown); any other task 404.
 */
export async function GET(req: Request) {
  const context = await instructorContext();
  if (!context) return NextResponse.json({ error: "forbidden" }, { status: 403 });
  const url = new URL(req.url);
  const q = query.safeParse({ taskId: url.searchParams.get("taskId"), student: url.searchParams.get("student") });
  if (!context.course || !q.success) return NextResponse.json({ error: "notFound" }, { status: 404 });
  const found = await taskInCurrentCourse(context.user, context.course, q.data.taskId);
  if (!found.ok) return NextResponse.json({ error: found.error }, { status: found.error === "courseChanged" ? 409 : 404 });
  return NextResponse.json(await studentCurves(found.task.id, q.data.student));
}
