/**
 * The calibration files (`npm run calibrate`) against the tasks: every valid solution the team
 * wrote is calibrated over at least 10 seeds at the full profile, each full-marks threshold
 * lies beyond every calibrated median by the stated margin, and the statements render their
 * figures from the file (no placeholder left, the numbers as the file has them).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../grader/paths";
import { CALIBRATION_MARGIN, requiredThreshold, worstMedian } from "../../grader/tasks/calibration";
import { loadCalibration } from "../../grader/tasks/calibration-file";
import { loadTask, taskSlugs } from "../../grader/tasks/registry";
import { formatFigure, renderStatement } from "../../grader/tasks/statement";
import { battery } from "./battery";

for (const slug of taskSlugs()) {
  describe(`${slug}: calibration`, async () => {
    const spec = (await loadTask(slug))!;
    const calibration = loadCalibration(slug);
    const variants = battery("variants", slug).map((v) => v.name);

    it("covers the reference and every valid variant, at the full profile, over at least 10 seeds", () => {
      expect(calibration, `run npm run calibrate -- ${slug}`).not.toBeNull();
      const c = calibration!;
      expect(c.profile).toBe("full");
      expect(c.seeds.length).toBeGreaterThanOrEqual(10);
      expect(variants.length).toBeGreaterThanOrEqual(5);
      expect(c.entries.map((e) => e.name).sort()).toEqual(["reference", ...variants].sort());
      for (const e of c.entries) {
        expect(e.scores, e.name).toHaveLength(c.seeds.length);
        expect(e.failures.filter((f) => f !== null), `${e.name} failed on some seeds`).toEqual([]);
      }
    });

    for (const { check, metric, lowerIsBetter } of spec.calibrated) {
      it(`${check}: the full-marks threshold lies beyond every median of ${metric} by the margin`, () => {
        const threshold = spec.rules.full[check].threshold!.full;
        for (const e of calibration!.entries) {
          const median = e.metrics[metric].median;
          const needed = requiredThreshold(median, lowerIsBetter);
          const detail = `${e.name}: median ${median}, threshold ${threshold}, margin ${lowerIsBetter ? `${CALIBRATION_MARGIN.relative * 100}%` : CALIBRATION_MARGIN.absolute}`;
          if (lowerIsBetter) expect(threshold, detail).toBeGreaterThanOrEqual(needed);
          else expect(threshold, detail).toBeLessThanOrEqual(needed);
        }
      });
    }

    it("every calibrated solution passes on its median score", () => {
      const max = Object.values(spec.rules.full).reduce((s, r) => s + r.points, 0);
      for (const e of calibration!.entries) expect(e.medianScore, e.name).toBeGreaterThanOrEqual(spec.passFraction * max);
    });

    for (const locale of ["pt-BR", "en"] as const) {
      it(`the ${locale} statement takes its figures from the task and the calibration file`, () => {
        const markdown = fs.readFileSync(path.join(REPO_ROOT, "exercises", slug, `statement.${locale}.md`), "utf8");
        const lowerIsBetter = (m: string) => spec.calibrated.find((c) => c.metric === m)?.lowerIsBetter ?? true;
        const text = renderStatement(markdown, locale, { rules: spec.rules.full, runs: spec.runs.full, calibration, lowerIsBetter });
        expect(text).not.toMatch(/\{\{/);
        expect(markdown).toMatch(/\{\{calibration\.seeds\}\}/);
        for (const { check, metric, lowerIsBetter: lower } of spec.calibrated) {
          expect(text).toContain(formatFigure(spec.rules.full[check].threshold!.full, locale));
          expect(text).toContain(formatFigure(calibration!.entries.find((e) => e.name === "reference")!.metrics[metric].median, locale));
          expect(text).toContain(formatFigure(worstMedian(calibration!, metric, lower)!.value, locale));
        }
      });
    }
  });
}
