import { describe, expect, it } from "vitest";
import { dictionary } from "@/i18n/dictionary";
import { epochChartData, modelDisplayName } from "./epoch-data";

const pt = dictionary("pt-BR").charts;
const en = dictionary("en").charts;
const curve = (losses: number[], valLosses?: number[]) => losses.map((loss, i) => ({ epoch: i, loss, valLoss: valLosses?.[i] ?? null }));

describe("epochChartData", () => {
  it("names one model's lines by series, in the reader's language, training and validation apart", () => {
    const data = epochChartData({ model: curve([0.5, 0.2, 0.1], [0.6, 0.3, 0.2]) }, ["loss", "valLoss"], pt);
    expect(data.lines.map((l) => l.name)).toEqual(["perda de treino", "perda de validação"]);
    expect(epochChartData({ model: curve([0.5, 0.2]) }, ["loss", "valLoss"], en).lines.map((l) => l.name)).toEqual(["training loss"]);
    const [train, validation] = data.lines;
    expect(train.color).not.toBe(validation.color);
    expect(train.dash).not.toBe(validation.dash);
    expect(data.rows).toEqual([
      { epoch: 1, "model.loss": 0.5, "model.valLoss": 0.6 },
      { epoch: 2, "model.loss": 0.2, "model.valLoss": 0.3 },
      { epoch: 3, "model.loss": 0.1, "model.valLoss": 0.2 },
    ]);
    expect(train).toMatchObject({ final: 0.1, epochs: 3 });
  });

  it("names lines by model when models share a chart, and takes given names", () => {
    const two = epochChartData({ rnn: curve([0.5]), lstm: curve([0.4]) }, ["loss"], pt);
    expect(two.lines.map((l) => l.name)).toEqual(["SimpleRNN — treino", "LSTM — treino"]);
    expect(two.lines[0].color).not.toBe(two.lines[1].color);
    const named = epochChartData({ ref: curve([0.5]), model: curve([0.4]) }, ["loss"], pt, { ref: "referência", model: "estudante" });
    expect(named.lines.map((l) => l.name)).toEqual(["referência — treino", "estudante — treino"]);
    expect(epochChartData({ ref: curve([0.5]) }, ["loss"], pt, { ref: "referência" }).lines[0].name).toBe("referência — treino");
  });

  it("puts the loss on a log scale with power-of-ten ticks when it falls over more than a decade", () => {
    const data = epochChartData({ model: curve([0.9, 0.1, 0.004]) }, ["loss", "valLoss"], pt);
    expect(data.log).toBe(true);
    expect(data.ticks).toEqual([0.001, 0.01, 0.1, 1]);
  });

  it("keeps a linear axis from zero with round ticks otherwise", () => {
    const data = epochChartData({ model: curve([0.7, 0.5, 0.3]) }, ["loss"], pt);
    expect(data.log).toBe(false);
    expect(data.ticks[0]).toBe(0);
    expect(data.ticks[data.ticks.length - 1]).toBeGreaterThanOrEqual(0.7);
  });

  it("never puts accuracies on a log scale", () => {
    const acc = [{ epoch: 0, loss: 1, acc: 0.01 }, { epoch: 1, loss: 1, acc: 0.9 }];
    expect(epochChartData({ model: acc }, ["acc", "valAcc"], pt).log).toBe(false);
  });
});

describe("modelDisplayName", () => {
  it("spells the known layers as readers know them and keeps a seed's suffix", () => {
    expect(modelDisplayName("lstm", pt)).toBe("LSTM");
    expect(modelDisplayName("model", pt)).toBe("modelo");
    expect(modelDisplayName("model · 2/5", en)).toBe("model · 2/5");
    expect(modelDisplayName("encoder", en)).toBe("encoder");
  });
});
