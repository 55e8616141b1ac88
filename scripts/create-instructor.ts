/**
 * `npm run create-instructor -- --email a@b.c --name "Ana" [--password …] [--course JOIN-CODE]`:
 * the first (or another) instructor. With --course, they become one of that course's
 * instructors; without, they start with no course and create their own (or are added to one
 * by its instructors).
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { upsertInstructor } from "../server/accounts/register";
import { courseByJoinCode } from "../server/courses/join-codes";
import { db } from "../server/db";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" }, course: { type: "string" } } });
if (!values.email || !values.name) {
  console.error('usage: npm run create-instructor -- --email EMAIL --name "NAME" [--password PASSWORD] [--course JOIN-CODE]');
  process.exit(2);
}
const password = values.password ?? randomBytes(9).toString("base64url");

async function main() {
  const course = values.course ? await courseByJoinCode(values.course) : null;
  if (values.course && !course) throw new Error(`no course has the join code ${values.course}`);
  await upsertInstructor({ email: values.email!, name: values.name!, password }, { staffOf: course ? [course.id] : [] });
  console.log(`instructor ${values.email}${values.password ? "" : ` / ${password}`} is ready${course ? ` (staff of ${course.title})` : ""}`);
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
