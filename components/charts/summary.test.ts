import { describe, expect, it } from "vitest";
import { dictionary } from "@/i18n/dictionary";
import { epochChartData } from "./epoch-data";
import { epochSummary, predictionSummary, probabilitySummary } from "./summary";

const pt = dictionary("pt-BR").charts;
const en = dictionary("en").charts;

describe("epochSummary", () => {
  it("gives each line's final value with the locale's decimal comma, and says when the scale is logarithmic", () => {
    const losses = Array.from({ length: 20 }, (_, i) => ({ epoch: i, loss: 0.5 / (i + 1) ** 1.2 }));
    losses[19].loss = 0.0123;
    const data = epochChartData({ model: losses }, ["loss", "valLoss"], pt);
    expect(epochSummary(data.lines, data.log, pt, "pt-BR", "MSE")).toBe("Perda de treino (MSE) final 0,0123 após 20 épocas; eixo vertical em escala logarítmica.");
    const en20 = epochChartData({ model: losses }, ["loss"], en);
    expect(epochSummary(en20.lines, false, en, "en", "MSE")).toBe("Final training loss (MSE) 0.0123 after 20 epochs.");
  });
});

describe("epochSummary for accuracies", () => {
  it("gives them as percentages", () => {
    const data = epochChartData({ model: [{ epoch: 0, loss: 1, acc: 0.6 }, { epoch: 1, loss: 1, acc: 0.7071 }] }, ["acc", "valAcc"], pt);
    expect(epochSummary(data.lines, data.log, pt, "pt-BR")).toBe("Acurácia de treino final 70,7% após 2 épocas.");
  });
});

describe("predictionSummary", () => {
  const points = [
    { x: 0, actual: 0.05, predicted: 0.06 },
    { x: 50, actual: 0.55, predicted: 0.53 },
    { x: 110, actual: 1.15, predicted: 1.05 },
  ];
  it("gives the mean absolute error per model, split at the end of the training range", () => {
    expect(predictionSummary({ lstm: points }, { lstm: "LSTM" }, pt, "pt-BR", 99)).toBe(
      "LSTM: erro absoluto médio 0,0433 em 3 pontos (dentro do intervalo de treino 0,015, fora dele 0,1).",
    );
    expect(predictionSummary({ model: points.slice(0, 2) }, { model: "predicted" }, en, "en")).toBe("Predicted: mean absolute error 0.015 over 2 points.");
  });
  it("says so when a model has no valid prediction", () => {
    expect(predictionSummary({ rnn: [{ x: 0, actual: 1, predicted: null }] }, { rnn: "SimpleRNN" }, en, "en")).toBe("SimpleRNN: no valid predictions.");
  });
});

describe("probabilitySummary", () => {
  it("gives the share of each class on its right side of the threshold", () => {
    const shares = { positives: 100, positivesAbove: 92, negatives: 100, negativesBelow: 85 };
    expect(probabilitySummary(shares, 0.5, pt, "pt-BR")).toBe(
      "92% das resenhas positivas com probabilidade de pelo menos 0,5; 85% das negativas abaixo de 0,5 (200 resenhas).",
    );
    expect(probabilitySummary({ ...shares, negatives: 0, negativesBelow: 0 }, 0.5, en, "en")).toContain("— of negative ones below 0.5 (100 reviews)");
  });
});
