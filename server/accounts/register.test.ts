/** Registering with a join code, against a real SQLite file: the code's case and spaces do not matter. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../tests/web/test-db";
import { matchJoinCode, normalizeJoinCode } from "./join-code";

const testDb = freshDatabase();
const { db } = await import("../db");
const { registerStudent } = await import("./register");

let courseId: string;
beforeAll(async () => {
  courseId = (await db.course.create({ data: { slug: "c", title: "Course", joinCode: "RNN-AB12CD" } })).id;
});
afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

describe("join codes", () => {
  it("normalize case and surrounding spaces only", () => {
    expect(normalizeJoinCode("  rnn-ab12cd\t")).toBe("RNN-AB12CD");
    expect(matchJoinCode([{ joinCode: "RNN-AB12CD" }], "rnn-ab12cd ")).toEqual({ joinCode: "RNN-AB12CD" });
    expect(matchJoinCode([{ joinCode: "RNN-AB12CD" }], "RNN-AB12C")).toBeNull();
    expect(matchJoinCode([{ joinCode: "RNN-AB12CD" }], "RNNAB12CD")).toBeNull();
    expect(matchJoinCode([{ joinCode: "RNN-AB12CD" }], "   ")).toBeNull();
  });

  it("enrolls a student who typed the code in lower case with spaces around it", async () => {
    const r = await registerStudent({ name: "Ana", email: "ana@x.org", password: "password-1", joinCode: "  rnn-ab12cd  " });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const enrollments = await db.enrollment.findMany({ where: { userId: r.userId } });
    expect(enrollments.map((e) => e.courseId)).toEqual([courseId]);
  });

  it("accepts mixed case, and still refuses a different code", async () => {
    expect((await registerStudent({ name: "Bia", email: "bia@x.org", password: "password-2", joinCode: "Rnn-Ab12Cd" })).ok).toBe(true);
    expect(await registerStudent({ name: "Caio", email: "caio@x.org", password: "password-3", joinCode: "rnn-ab12ce" })).toEqual({ ok: false, error: "unknownJoinCode" });
  });
});
