import { describe, expect, it } from "vitest";
import { dictionary } from "../../i18n/dictionary";
import { rateLimitedMessage, readRateLimited } from "./login-refusal";

describe("a refused login's message", () => {
  const now = new Date(Date.UTC(2026, 2, 1));
  const later = (ms: number) => new Date(now.getTime() + ms);

  it("carries the wait in whole seconds, rounded up, and reads back", () => {
    expect(rateLimitedMessage(later(1), now)).toBe("rate-limited:1");
    expect(rateLimitedMessage(later(2000), now)).toBe("rate-limited:2");
    expect(rateLimitedMessage(later(2001), now)).toBe("rate-limited:3");
    expect(readRateLimited(rateLimitedMessage(later(256_000), now))).toEqual({ seconds: 256 });
  });

  it("is told apart from a wrong password and from anything malformed", () => {
    for (const other of [undefined, null, "", "CredentialsSignin", "rate-limited", "rate-limited:", "rate-limited:-1", "rate-limited:1e9", "rate-limited:5<script>"]) {
      expect(readRateLimited(other)).toBeNull();
    }
  });

  it("tells the person how long to wait, in both languages", () => {
    expect(dictionary("pt-BR").login.rateLimited({ seconds: 2 })).toBe("Muitas tentativas. Espere 2 s e tente de novo.");
    expect(dictionary("pt-BR").login.rateLimited({ seconds: 61 })).toBe("Muitas tentativas. Espere 2 min e tente de novo.");
    expect(dictionary("en").login.rateLimited({ seconds: 256 })).toBe("Too many attempts. Wait 5 min and try again.");
  });
});
