import { describe, expect, it, vi } from "vitest";

// Only the validation is under test here: no database.
vi.mock("../db", () => ({ db: {}, Prisma: { DbNull: null } }));
const { settingsErrors, taskSettings } = await import("./task-settings");

const base = { opensAt: "", dueAt: "", lateUntil: "", lateCreditPercent: "100", maxPerDay: "", policy: "best", leaderboardVisible: false, maxEpochs: "", runs: "" };
const limits = { taskMaxEpochs: 200, taskRuns: 3 };
const refuse = (input: Record<string, unknown>) => {
  const parsed = taskSettings.safeParse({ ...base, ...input });
  if (parsed.success) throw new Error("accepted");
  return settingsErrors(parsed.error.issues, limits);
};

describe("refused task settings, field by field", () => {
  it("says why late-until was refused: no deadline, or a deadline after it", () => {
    expect(refuse({ lateUntil: "2026-03-09T10:00" }).errors).toEqual({ lateUntil: { code: "lateUntilNeedsDue" } });
    expect(refuse({ dueAt: "2026-03-10T10:00", lateUntil: "2026-03-09T10:00" }).errors).toEqual({ lateUntil: { code: "lateUntilBeforeDue" } });
    expect(refuse({ opensAt: "2026-03-11T10:00", dueAt: "2026-03-10T10:00" }).errors).toEqual({ dueAt: { code: "dueBeforeOpen" } });
  });

  it("names each bad number's input, checks included, with the limits it must keep", () => {
    const r = refuse({ lateCreditPercent: "140", maxPerDay: "0", runs: "999", maxEpochs: "-1", points: { mse: "-3" }, thresholdsPartial: { mse: "abc" } });
    expect(r.errors).toEqual({
      lateCreditPercent: { code: "percent" },
      maxPerDay: { code: "positiveInt" },
      runs: { code: "runs", params: { min: 3, max: expect.any(Number) } },
      maxEpochs: { code: "maxEpochs", params: { max: 200 } },
      "points.mse": { code: "number" },
      "partial.mse": { code: "number" },
    });
    expect(r.fields).toEqual(expect.arrayContaining(["lateCreditPercent", "points", "thresholdsPartial"]));
  });

  it("refuses a malformed date as a date", () => {
    expect(refuse({ dueAt: "amanhã" }).errors).toEqual({ dueAt: { code: "date" } });
  });
});
