import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// Two web hosts on one PostgreSQL (scripts/e2e-two-hosts.sh): host A at baseURL, host B beside it.
export const HOST_A = Number(process.env.E2E_PORT_A ?? 3110);
export const HOST_B = Number(process.env.E2E_PORT_B ?? 3111);

export default defineConfig({
  ...base,
  testDir: "e2e/two-hosts",
  testIgnore: [],
  use: { ...base.use, baseURL: `http://127.0.0.1:${HOST_A}` },
  webServer: {
    command: "bash scripts/e2e-two-hosts.sh",
    // Host B starts last: when it answers, both do.
    url: `http://127.0.0.1:${HOST_B}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    env: { E2E_PORT_A: String(HOST_A), E2E_PORT_B: String(HOST_B) },
    stdout: "pipe",
    stderr: "pipe",
  },
});
