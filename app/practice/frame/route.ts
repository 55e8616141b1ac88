/** The sandboxed frame that hosts a practice run's worker (server/practice/frame-page.ts). */
import { framePage } from "@/server/practice/frame-page";

export function GET(): Response {
  const { html, headers } = framePage();
  return new Response(html, { headers });
}
