/**
 * The result-reads migration (20261201020002) on a database from before it, on both providers:
 * every stored result's leaderboard figures are copied into the new column (a result without
 * them stays null), nothing else of the result changes, and its checks, metrics and epochs
 * stay attached. On SQLite the table is rebuilt to put the column before the result: the rows,
 * the new index, and the cascade from submissions must survive that. The PostgreSQL half runs
 * where TREINO_TEST_POSTGRES_URL names a server (`npm run test:postgres`, and `npm test`).
 */
import Database from "better-sqlite3";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databaseUrl, runSqlSync, testPostgresUrl } from "./test-db";

const THIS_ONE = "20261201020002_result_reads";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-result-reads-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const figures = { metric: "mse", higherIsBetter: false, public: 0.0123, private: 0.0145 };
const withFigures = JSON.stringify({ score: 9, curves: { lstm: [{ epoch: 1, loss: 0.5 }] }, leaderboard: figures });
const without = JSON.stringify({ score: 0, failure: { kind: "compile" } });
const nullFigures = JSON.stringify({ score: 3, leaderboard: null });

function migrations(folder: string) {
  const all = fs.readdirSync(folder).filter((m) => /^\d{14}_/.test(m)).sort();
  expect(all).toContain(THIS_ONE);
  const sqlOf = (m: string) => fs.readFileSync(path.join(folder, m, "migration.sql"), "utf8");
  return { earlier: all.filter((m) => m < THIS_ONE).map(sqlOf), thisOne: sqlOf(THIS_ONE) };
}

/** The rows every provider's test starts from (identifiers quoted for PostgreSQL). */
const SEED = [
  `INSERT INTO "User" ("id", "email", "name", "passwordHash", "role") VALUES ('ana', 'ana@x.org', 'Ana', 'x', 'student')`,
  `INSERT INTO "Course" ("id", "slug", "title", "joinCode") VALUES ('c1', 'c1', 'One', 'ONE')`,
  `INSERT INTO "Task" ("id", "courseId", "slug", "titlePt", "titleEn") VALUES ('t1', 'c1', 'sine-forecast', 'a', 'b')`,
  `INSERT INTO "Submission" ("id", "userId", "taskId", "attempt", "code", "status") VALUES ('s1', 'ana', 't1', 1, 'x', 'graded'), ('s2', 'ana', 't1', 2, 'y', 'graded')`,
  `INSERT INTO "GradingResult" ("id", "submissionId", "current", "passed", "score", "maxScore", "graderVersion", "seed", "profile", "durationMs", "result") VALUES
     ('r1', 's1', false, true, 9, 10, 'g', 1, 'full', 5, '${withFigures}'),
     ('r2', 's1', true, false, 0, 10, 'g', 1, 'full', 5, '${without}'),
     ('r3', 's2', true, true, 3, 10, 'g', 1, 'full', 5, '${nullFigures}')`,
  `INSERT INTO "CheckResult" ("id", "resultId", "checkId", "status", "points", "maxPoints") VALUES ('k1', 'r1', 'mse', 'pass', 9, 10)`,
];

describe("the result-reads migration", () => {
  it("on SQLite: copies each result's leaderboard figures into their column, before the result, and keeps the rest", () => {
    const { earlier, thisOne } = migrations(path.join("prisma", "migrations"));
    const db = new Database(path.join(dir, "old.db"));
    for (const sql of earlier) db.exec(sql);
    for (const sql of SEED) db.exec(sql); // SQLite reads true and false as 1 and 0

    db.exec(thisOne);

    const rows = db.prepare(`SELECT "id", "current", "score", "leaderboard", "result" FROM "GradingResult" ORDER BY "id"`).all() as { id: string; current: number; score: number; leaderboard: string | null; result: string }[];
    expect(rows.map((r) => [r.id, r.current, r.score, r.leaderboard && JSON.parse(r.leaderboard)])).toEqual([["r1", 0, 9, figures], ["r2", 1, 0, null], ["r3", 1, 3, null]]);
    expect(rows.map((r) => JSON.parse(r.result))).toEqual([JSON.parse(withFigures), JSON.parse(without), JSON.parse(nullFigures)]);
    // The column sits before the result (a read of it does not walk the result's overflow pages).
    const columns = (db.prepare(`PRAGMA table_info("GradingResult")`).all() as { name: string }[]).map((c) => c.name);
    expect(columns.indexOf("leaderboard")).toBe(columns.indexOf("result") - 1);
    // The gradebook's read is served by the new index alone.
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT "score", "maxScore" FROM "GradingResult" WHERE "submissionId" = 's1' AND "current" = 1`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/COVERING INDEX GradingResult_submissionId_current_score_maxScore_idx/);
    expect(db.prepare(`PRAGMA foreign_key_check`).all()).toEqual([]);
    // The rebuilt table is still tied to its neighbours: a check stays attached, a deleted submission takes its results along.
    expect(db.prepare(`SELECT "resultId" FROM "CheckResult"`).all()).toEqual([{ resultId: "r1" }]);
    db.pragma("foreign_keys = ON");
    db.exec(`DELETE FROM "Submission" WHERE "id" = 's1'`);
    expect(db.prepare(`SELECT "id" FROM "GradingResult" ORDER BY "id"`).all()).toEqual([{ id: "r3" }]);
    expect(db.prepare(`SELECT count(*) AS n FROM "CheckResult"`).get()).toEqual({ n: 0 });
    db.close();
  });

  const server = testPostgresUrl();
  it.runIf(server)("on PostgreSQL: copies each result's leaderboard figures into their column and keeps the rest", async () => {
    const { earlier, thisOne } = migrations(path.join("prisma", "postgresql", "migrations"));
    const name = `treino_test_${process.pid}_result_reads`;
    const url = databaseUrl(server!, name);
    runSqlSync(server!, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, `CREATE DATABASE "${name}"`]);
    try {
      runSqlSync(url, [...earlier, ...SEED, thisOne]);
      const { Client } = await import("pg");
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT "id", "current", "score", "leaderboard", "result" FROM "GradingResult" ORDER BY "id"`);
        expect(rows.map((r) => [r.id, r.current, r.score, r.leaderboard])).toEqual([["r1", false, 9, figures], ["r2", true, 0, null], ["r3", true, 3, null]]);
        expect(rows.map((r) => r.result)).toEqual([JSON.parse(withFigures), JSON.parse(without), JSON.parse(nullFigures)]);
        const { rows: indexes } = await client.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'GradingResult' ORDER BY indexname`);
        expect(indexes.map((i) => i.indexname)).toEqual(["GradingResult_pkey", "GradingResult_submissionId_current_score_maxScore_idx"]);
      } finally {
        await client.end();
      }
    } finally {
      runSqlSync(server!, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
    }
  });
});
