/**
 * Authentication: next-auth with email and password, JWT sessions that carry the role.
 * Pages and API routes call `requireUser` / `requireInstructor` on the server: the proxy's
 * redirect to /login is a convenience, never the check.
 */
import { getServerSession, type NextAuthOptions } from "next-auth";
import { cache } from "react";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { hasPassword, verifyAgainstDecoy, verifyPassword } from "./password";
import { rateLimitedMessage } from "./login-refusal";
import { beginLoginAttempt, clearLoginFailures, UNKNOWN_IP } from "./rate-limit";

export type Role = "student" | "instructor";
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

declare module "next-auth" {
  interface Session {
    user: SessionUser;
  }
}

const credentials = z.object({ email: z.string().email().max(200), password: z.string().min(1).max(200) });

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  // Our own pages, in the interface language: next-auth's built-in ones never show.
  pages: { signIn: "/login", signOut: "/sair" },
  providers: [
    CredentialsProvider({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const email = parsed.data.email.toLowerCase();
        // The one address scripts/web-server.mjs wrote there, whatever the client sent
        // (server/auth/client-address.mjs).
        const forwarded = (req?.headers?.["x-forwarded-for"] as string | undefined)?.split(",")[0]?.trim();
        const ip = forwarded || UNKNOWN_IP;
        // Stored as a failure before the password is checked, so parallel guesses cannot all
        // pass the check before any of them is counted (rate-limit.ts).
        const limit = await beginLoginAttempt(email, ip);
        // Refused before the password is checked: a guess inside the wait learns nothing.
        // The message carries the wait so the login page can say how long (login-refusal.ts).
        if (limit.blocked) throw new Error(rateLimitedMessage(limit.retryAt));
        const found = await db.user.findUnique({ where: { email } });
        // An account still waiting for its invitation to be accepted has no password: no
        // password opens it. It costs the same argon2 work as any other refusal.
        const user = found && hasPassword(found.passwordHash) ? found : null;
        // Wrong: the attempt stays stored as a failure.
        const ok = user ? await verifyPassword(user.passwordHash, parsed.data.password) : await verifyAgainstDecoy(parsed.data.password);
        if (!user || !ok) return null;
        await clearLoginFailures(email, ip);
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as unknown as SessionUser).role;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = { id: String(token.uid), email: String(token.email), name: String(token.name), role: token.role === "instructor" ? "instructor" : "student" };
      return session;
    },
  },
};

/**
 * The signed-in user, checked against the database (the account may have been deleted, or its
 * role changed, since the token was issued). Once per request: the layout and the page both
 * ask, and React's `cache` hands the second the first's answer (outside a render, as in route
 * handlers, every call reads).
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  const exists = await db.user.findUnique({ where: { id: session.user.id }, select: { id: true, role: true } });
  return exists ? { ...session.user, role: exists.role === "instructor" ? "instructor" : "student" } : null;
});
