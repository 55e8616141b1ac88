import type { NextConfig } from "next";

const config: NextConfig = {
  // Native modules and the database client stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "@node-rs/argon2"],
  poweredByHeader: false,
  turbopack: { root: __dirname },
};

export default config;
