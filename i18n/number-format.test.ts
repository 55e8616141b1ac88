import { describe, expect, it } from "vitest";
import { numberFormat } from "./number-format";

describe("numberFormat", () => {
  it("formats as Intl.NumberFormat does, per locale and options", () => {
    expect(numberFormat("pt-BR", { maximumSignificantDigits: 3 }).format(0.012345)).toBe("0,0123");
    expect(numberFormat("en", { maximumSignificantDigits: 3 }).format(0.012345)).toBe("0.0123");
    expect(numberFormat("pt-BR", { style: "percent", maximumFractionDigits: 1 }).format(0.7071)).toBe("70,7%");
  });

  it("hands back the same formatter for the same locale and options, another for other ones", () => {
    const a = numberFormat("en", { maximumFractionDigits: 2 });
    expect(numberFormat("en", { maximumFractionDigits: 2 })).toBe(a);
    expect(numberFormat("en", { maximumFractionDigits: 3 })).not.toBe(a);
    expect(numberFormat("pt-BR", { maximumFractionDigits: 2 })).not.toBe(a);
  });
});
