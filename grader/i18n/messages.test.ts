import { describe, expect, it } from "vitest";
import { fmt } from "../scoring/metrics";
import { decimalComma, text } from "./messages";

describe("figures in the grader's texts", () => {
  it("get a decimal comma in pt-BR and keep the point in English", () => {
    const t = text("diag.overfitting", { val: fmt(0.0131), train: fmt(0.00042) });
    expect(t["pt-BR"]).toContain("(0,0131)");
    expect(t["pt-BR"]).toContain("(4,20e-4)");
    expect(t.en).toContain("(0.0131)");
    // The stored parameters stay machine-readable.
    expect(t.params.val).toBe("0.0131");
  });

  it("leave integers, names and version-like strings alone", () => {
    expect(decimalComma(3)).toBe(3);
    expect(decimalComma(2.5)).toBe("2,5");
    expect(decimalComma("lstm_1")).toBe("lstm_1");
    expect(decimalComma("4.22.0")).toBe("4.22.0");
    expect(decimalComma("-0.5")).toBe("-0,5");
  });

  it("fmt writes the locale's decimal separator when asked", () => {
    expect(fmt(0.01753, "pt-BR")).toBe("0,0175");
    expect(fmt(0.01753)).toBe("0.0175");
  });
});
