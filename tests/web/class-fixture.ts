/**
 * The class most web integration tests start from: a course with the tasks synced, two
 * students (Ana, Bia) and an instructor of the course. Import it dynamically after `freshDatabase()`, like
 * any server code (server/env.ts reads the environment once).
 */
import { registerStudent, upsertInstructor } from "../../server/accounts/register";
import type { SessionUser } from "../../server/auth";
import { syncTasks } from "../../server/courses/sync-tasks";
import { db } from "../../server/db";

export interface ClassFixture {
  ana: SessionUser;
  bia: SessionUser;
  prof: SessionUser;
  /** next-number's task id. */
  taskId: string;
}

export async function seedClass(): Promise<ClassFixture> {
  const course = await db.course.create({ data: { slug: "c", title: "Course", joinCode: "JOIN" } });
  await syncTasks();
  const user = async (id: string): Promise<SessionUser> => {
    const u = await db.user.findUniqueOrThrow({ where: { id } });
    return { id: u.id, email: u.email, name: u.name, role: u.role as "student" | "instructor" };
  };
  const a = await registerStudent({ name: "Ana", email: "ana@x.org", password: "password-1", joinCode: "JOIN" });
  const b = await registerStudent({ name: "Bia", email: "bia@x.org", password: "password-2", joinCode: "JOIN" });
  if (!a.ok || !b.ok) throw new Error("registration failed");
  return {
    ana: await user(a.userId),
    bia: await user(b.userId),
    prof: await user(await upsertInstructor({ name: "Prof", email: "prof@x.org", password: "password-3" }, { staffOf: [course.id] })),
    taskId: (await db.task.findFirstOrThrow({ where: { slug: "next-number" } })).id,
  };
}
