import { describe, expect, it } from "vitest";
import { formatLogTick, formatPercent, formatTick, formatValue, yAxisWidth } from "./format";

describe("chart numbers", () => {
  it("use pt-BR's decimal comma and English's decimal point", () => {
    expect(formatValue("pt-BR", 0.012345)).toBe("0,0123");
    expect(formatValue("en", 0.012345)).toBe("0.0123");
    expect(formatValue("en", null)).toBe("—");
    expect(formatTick("pt-BR", 0.25)).toBe("0,25");
    expect(formatPercent("pt-BR", 0.92)).toBe("92%");
  });
  it("print small log ticks as powers of ten", () => {
    expect(formatLogTick("pt-BR", 0.01)).toBe("0,01");
    expect(formatLogTick("pt-BR", 0.000001)).toBe("10⁻⁶");
    expect(formatLogTick("pt-BR", 0.0002)).toBe("2×10⁻⁴");
    expect(formatLogTick("en", 0.00025)).toBe("2.5×10⁻⁴");
  });
  it("widen the y axis for longer tick labels, within bounds", () => {
    expect(yAxisWidth(["0", "1"])).toBe(44);
    expect(yAxisWidth(["0,0001"])).toBeGreaterThan(yAxisWidth(["0,1"]));
    expect(yAxisWidth(["0,0001"])).toBeGreaterThanOrEqual(6 * 6.5 + 28);
    expect(yAxisWidth(["x".repeat(40)])).toBe(96);
  });
});
