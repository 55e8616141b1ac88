// `prisma generate` for both clients (npm's postinstall): server/db/generated from
// prisma/schema.prisma (SQLite) and server/db/generated-pg from prisma/postgresql/schema.prisma.
// prisma.config.ts picks the schema from DATABASE_URL, so each run gets a URL of its kind;
// generating connects to nothing.
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const prisma = path.join("node_modules", "prisma", "build", "index.js");
for (const url of ["file:./.data/treino.db", "postgresql://localhost:5432/treino"]) {
  execFileSync(process.execPath, [prisma, "generate"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
}
