/** `npm run create-instructor -- --email a@b.c --name "Ana" [--password …]`: the first (or another) instructor. */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { upsertInstructor } from "../server/accounts/register";
import { db } from "../server/db";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } } });
if (!values.email || !values.name) {
  console.error('usage: npm run create-instructor -- --email EMAIL --name "NAME" [--password PASSWORD]');
  process.exit(2);
}
const password = values.password ?? randomBytes(9).toString("base64url");
upsertInstructor({ email: values.email, name: values.name, password })
  .then(() => {
    console.log(`instructor ${values.email}${values.password ? "" : ` / ${password}`} is ready`);
    return db.$disconnect();
  })
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
