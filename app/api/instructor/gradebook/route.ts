import { instructorCourse, requireInstructor } from "@/server/instructor/access";
import { gradebook } from "@/server/instructor/gradebook";
import { gradebookCsv } from "@/server/instructor/gradebook-csv";

export async function GET() {
  const user = await requireInstructor();
  if (!user) return new Response("forbidden", { status: 403 });
  const course = await instructorCourse(user);
  if (!course) return new Response("no course", { status: 404 });
  const csv = gradebookCsv(await gradebook(course.id));
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="treino-${course.slug}-notas.csv"`,
      "cache-control": "no-store",
    },
  });
}
