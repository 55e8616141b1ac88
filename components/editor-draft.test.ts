import { describe, expect, it } from "vitest";
import { clearDraft, draftKey, readDraft, saveDraft, type DraftStore } from "./editor-draft";

function memoryStore(): DraftStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

describe("editor drafts", () => {
  it("are kept per user and per task", () => {
    expect(draftKey("u1", "t1")).not.toBe(draftKey("u2", "t1"));
    expect(draftKey("u1", "t1")).not.toBe(draftKey("u1", "t2"));
  });

  it("round-trip the code with the time it was saved", () => {
    const store = memoryStore();
    const key = draftKey("u1", "t1");
    expect(saveDraft(store, key, "const x = 1;\n", "starter", new Date("2026-05-10T12:00:00Z"))).toBe(true);
    expect(readDraft(store, key)).toEqual({ code: "const x = 1;\n", savedAt: "2026-05-10T12:00:00.000Z" });
    expect(readDraft(store, draftKey("u2", "t1"))).toBeNull();
  });

  it("forget the draft when the code is back to what the page loads anyway", () => {
    const store = memoryStore();
    const key = draftKey("u1", "t1");
    saveDraft(store, key, "edited", "starter");
    expect(saveDraft(store, key, "starter", "starter")).toBe(false);
    expect(readDraft(store, key)).toBeNull();
    saveDraft(store, key, "edited", "starter");
    clearDraft(store, key);
    expect(store.items.size).toBe(0);
  });

  it("ignore damaged entries and storage that refuses", () => {
    const store = memoryStore();
    store.items.set("k", "{not json");
    expect(readDraft(store, "k")).toBeNull();
    store.items.set("k", JSON.stringify({ code: 42 }));
    expect(readDraft(store, "k")).toBeNull();
    const refusing: DraftStore = {
      getItem: () => { throw new Error("SecurityError"); },
      setItem: () => { throw new Error("QuotaExceededError"); },
      removeItem: () => { throw new Error("SecurityError"); },
    };
    expect(readDraft(refusing, "k")).toBeNull();
    expect(saveDraft(refusing, "k", "code", "starter")).toBe(false);
    expect(() => clearDraft(refusing, "k")).not.toThrow();
  });
});
