import { describe, expect, it } from "vitest";
import { passedEveryTask, passRate, studentsWhoPassed, type GradedWithVerdict } from "./pass-rate";

const d = (s: string) => new Date(`2026-03-${s}Z`);
const task = { opensAt: null, dueAt: d("10T23:59:59"), lateUntil: d("12T23:59:59"), lateCredit: 0.5, policy: "best" };
let n = 0;
const sub = (userId: string, day: string, score: number, passed: boolean): GradedWithVerdict => ({ id: `s${n++}`, userId, createdAt: d(`${day}T12:00:00`), score, maxScore: 10, passed });

describe("pass rate by students", () => {
  it("counts each student once, however many submissions they made", () => {
    const graded = [sub("ana", "01", 2, false), sub("ana", "02", 3, false), sub("ana", "03", 9, true), sub("bia", "02", 1, false), sub("bia", "03", 2, false)];
    // A submission rate would say 1 of 5; by students it is 1 of 3 (Caio never handed in).
    expect(passRate(task, ["ana", "bia", "caio"], graded)).toEqual({ passed: 1, students: 3 });
  });

  it("reads the verdict of the counting submission, not of any submission", () => {
    // Under "last", Ana's last try failed: it is the one that counts.
    const graded = [sub("ana", "01", 9, true), sub("ana", "05", 4, false)];
    expect(passRate({ ...task, policy: "last" }, ["ana"], graded)).toEqual({ passed: 0, students: 1 });
    expect(passRate(task, ["ana"], graded)).toEqual({ passed: 1, students: 1 });
  });

  it("ignores work after the task closed and students not enrolled", () => {
    const graded = [sub("ana", "13", 10, true), sub("ghost", "01", 10, true)];
    expect(passRate(task, ["ana"], graded)).toEqual({ passed: 0, students: 1 });
  });

  it("over the course: the students who passed every task", () => {
    const a = studentsWhoPassed(task, ["ana", "bia"], [sub("ana", "01", 9, true), sub("bia", "01", 9, true)]);
    const b = studentsWhoPassed(task, ["ana", "bia"], [sub("ana", "01", 9, true), sub("bia", "01", 2, false)]);
    expect(passedEveryTask(["ana", "bia", "caio"], [a, b])).toEqual({ passed: 1, students: 3 });
    expect(passedEveryTask(["ana"], [])).toEqual({ passed: 0, students: 1 });
  });
});
