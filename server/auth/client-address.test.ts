/**
 * Which address the login limit counts: the connection's by default, X-Forwarded-For only on
 * connections from a trusted proxy, read from the right.
 */
import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, parseTrustedProxies } from "./client-address.mjs";

const none = parseTrustedProxies("");
const nginx = parseTrustedProxies("127.0.0.1,::1");

describe("client address", () => {
  it("is the connection's address when no proxy is trusted, whatever the client claims", () => {
    expect(clientAddress("198.51.100.7", undefined, none)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", "203.0.113.1", none)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", "203.0.113.1, 203.0.113.2", none)).toBe("198.51.100.7");
    // Loopback is not trusted unless listed: a local client cannot pose as a proxy either.
    expect(clientAddress("127.0.0.1", "203.0.113.1", none)).toBe("127.0.0.1");
  });

  it("ignores the header on a connection that does not come from a trusted proxy", () => {
    expect(clientAddress("198.51.100.7", "203.0.113.1", nginx)).toBe("198.51.100.7");
    expect(clientAddress("::ffff:198.51.100.7", "127.0.0.1", nginx)).toBe("198.51.100.7");
  });

  it("behind a trusted proxy, takes the right-most entry that is not a trusted proxy", () => {
    // nginx with $proxy_add_x_forwarded_for: the client's own header, then what nginx saw.
    expect(clientAddress("127.0.0.1", "203.0.113.9", nginx)).toBe("203.0.113.9");
    expect(clientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9", nginx)).toBe("203.0.113.9");
    expect(clientAddress("::1", "1.1.1.1, 2.2.2.2,203.0.113.9", nginx)).toBe("203.0.113.9");
    // A chain of trusted proxies is walked through.
    const two = parseTrustedProxies("10.0.0.2, 10.0.0.3");
    expect(clientAddress("10.0.0.3", "6.6.6.6, 203.0.113.9, 10.0.0.2", two)).toBe("203.0.113.9");
    // A client cannot hide behind an entry that names a trusted proxy: it stops being trusted at its own address.
    expect(clientAddress("10.0.0.3", "10.0.0.2, 203.0.113.9, 10.0.0.2", two)).toBe("203.0.113.9");
    // Several headers arrive joined by commas (node does so; an array is read the same way).
    expect(clientAddress("127.0.0.1", ["6.6.6.6", "203.0.113.9"], nginx)).toBe("203.0.113.9");
  });

  it("falls back to the proxy when it sent no usable address", () => {
    expect(clientAddress("127.0.0.1", undefined, nginx)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", "", nginx)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", "203.0.113.9, not-an-address", nginx)).toBe("127.0.0.1");
    // Every entry a trusted proxy: the left-most is as far as anyone can tell.
    expect(clientAddress("127.0.0.1", "::1, 127.0.0.1", nginx)).toBe("::1");
  });

  it("reads one spelling per address", () => {
    expect(clientAddress("::ffff:127.0.0.1", "203.0.113.9", nginx)).toBe("203.0.113.9");
    expect(clientAddress("127.0.0.1", "203.0.113.9:51234", nginx)).toBe("203.0.113.9");
    expect(clientAddress("127.0.0.1", "[2001:DB8::7]:443", nginx)).toBe("2001:db8::7");
    expect(clientAddress("127.0.0.1", "::FFFF:203.0.113.9", nginx)).toBe("203.0.113.9");
    expect(normalizeAddress("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(normalizeAddress("localhost")).toBeUndefined();
    expect(clientAddress(undefined, "203.0.113.9", nginx)).toBeUndefined();
  });

  it("refuses a trusted-proxy list with something that is not an address", () => {
    expect([...parseTrustedProxies(" 127.0.0.1 , ::1 ,, ")]).toEqual(["127.0.0.1", "::1"]);
    expect([...parseTrustedProxies(undefined)]).toEqual([]);
    expect(() => parseTrustedProxies("127.0.0.1,nginx")).toThrow(/"nginx" is not an IP address/);
    expect(() => parseTrustedProxies("10.0.0.0/8")).toThrow(/not an IP address/);
  });
});
