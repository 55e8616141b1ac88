/**
 * Global setup of both test runs (vitest.config.mts, vitest.postgres.config.mts): one database
 * migrated for the whole run, which every test file's fresh database copies (test-db.ts). The
 * workers start after this and inherit the variable that names it.
 */
import { makeTemplateDatabase, TEMPLATE_ENV } from "./test-db";

export default function setup(): () => void {
  const template = makeTemplateDatabase();
  process.env[TEMPLATE_ENV] = template.url;
  return () => template.remove();
}
