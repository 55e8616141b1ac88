/**
 * Secrets that every host of an installation must share are never generated per host where
 * there are several hosts: the settings refuse to load, and the web server to start, saying
 * which and why (server/shared-secrets.mjs).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

/** Loads server/env.ts in a process of its own with exactly these settings: its stderr and exit code. */
function load(vars: Record<string, string>): { code: number; stderr: string; dataDir: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-env-test-"));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, TREINO_DATA_DIR: dataDir, ...vars } as unknown as NodeJS.ProcessEnv;
  try {
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--eval", 'require("./server/env.ts")'], { env, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    return { code: 0, stderr: "", dataDir };
  } catch (err) {
    const e = err as { status: number; stderr: string };
    return { code: e.status, stderr: e.stderr, dataDir };
  }
}

describe("shared secrets on several hosts", () => {
  it("one machine (SQLite file, no role): generates the session secret into the data folder", () => {
    const r = load({});
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(r.dataDir, "auth-secret"))).toBe(true);
  });

  it("a further web host (TREINO_ROLE=web) without the secrets: refuses to start, naming each, and writes nothing", () => {
    const r = load({ TREINO_ROLE: "web" });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/TREINO_ROLE=web/);
    expect(r.stderr).toMatch(/NEXTAUTH_SECRET: signs and encrypts the session cookies/);
    expect(r.stderr).toMatch(/TREINO_SECRET_SEED: chooses the hidden test data/);
    expect(fs.existsSync(path.join(r.dataDir, "auth-secret"))).toBe(false);
  });

  it("names only what is missing, and starts once both are set", () => {
    const r = load({ TREINO_ROLE: "web", NEXTAUTH_SECRET: "a-shared-secret-of-32-characters" });
    expect(r.stderr).not.toMatch(/NEXTAUTH_SECRET:/);
    expect(r.stderr).toMatch(/TREINO_SECRET_SEED:/);
    expect(load({ TREINO_ROLE: "web", NEXTAUTH_SECRET: "a-shared-secret-of-32-characters", TREINO_SECRET_SEED: "shared-seed-123" }).code).toBe(0);
  });

  it("a shared database (not a file: URL) counts as several hosts", async () => {
    const { missingSharedSecrets } = await import("./shared-secrets.mjs");
    const message = missingSharedSecrets({}, "postgresql://treino@db.internal:5432/treino");
    expect(message).toMatch(/DATABASE_URL is a shared database \(postgresql:\)/);
    expect(message).toMatch(/NEXTAUTH_SECRET/);
    expect(message).not.toMatch(/db\.internal/); // never echoes the URL's host or credentials
    expect(missingSharedSecrets({ NEXTAUTH_SECRET: "x".repeat(32), TREINO_SECRET_SEED: "seed-1234" }, "postgresql://db/treino")).toBeNull();
    expect(missingSharedSecrets({}, "file:/var/treino/treino.db")).toBeNull();
  });

  it("the web server refuses at start, before serving a request, and serve.mjs stops with it", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-env-test-"));
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, TREINO_DATA_DIR: dataDir, TREINO_ROLE: "web", PORT: "3599", HOST: "127.0.0.1" } as unknown as NodeJS.ProcessEnv;
    let failure: { status: number; stderr: string } | null = null;
    try {
      execFileSync(process.execPath, ["scripts/serve.mjs"], { env, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", timeout: 60_000 });
    } catch (err) {
      failure = err as { status: number; stderr: string };
    }
    expect(failure?.status).not.toBe(0);
    expect(failure?.stderr).toMatch(/\[web\] Treino runs on several hosts here \(TREINO_ROLE=web/);
    expect(failure?.stderr).toMatch(/\[serve\] web exited \(1\); stopping/);
  });
});
