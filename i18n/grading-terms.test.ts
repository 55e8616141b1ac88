import { describe, expect, it } from "vitest";
import { makeFailure } from "../grader/failures";
import { FAILURE_KINDS } from "../grader/result";
import { failureKindLabel, failureText, formatMetric, metricLabel, phaseLabel } from "./grading-terms";

describe("failure kinds", () => {
  it("has words for every kind the grader knows, in both languages", () => {
    for (const kind of FAILURE_KINDS) {
      expect(failureKindLabel(kind, "pt-BR")).not.toBe(kind);
      expect(failureKindLabel(kind, "en")).not.toBe(kind);
    }
    expect(failureKindLabel("type", "pt-BR")).toBe("erro de tipo");
    expect(failureKindLabel("timeout", "en")).toBe("time limit exceeded");
  });
  it("leaves a kind it does not know as it is", () => {
    expect(failureKindLabel("novel", "pt-BR")).toBe("novel");
  });
});

describe("phases", () => {
  it("names the model a phase works on", () => {
    expect(phaseLabel("train:lstm", "pt-BR")).toBe("treino do modelo «lstm»");
    expect(phaseLabel("build:model", "en")).toBe("building model «model»");
    expect(phaseLabel("predict:rnn", "pt-BR")).toBe("previsões do modelo «rnn»");
  });
  it("drops the sandbox session's prefix of timing names, but keeps train:<model>", () => {
    expect(phaseLabel("describe:prepare:model", "pt-BR")).toBe("preparação dos dados do modelo «model»");
    expect(phaseLabel("describe:load", "en")).toBe("loading your code");
    expect(phaseLabel("train:model", "en")).toBe("training model «model»");
  });
  it("keeps the whole-grading and per-run suffixes, translated", () => {
    expect(phaseLabel("train:lstm (whole grading)", "pt-BR")).toBe("treino do modelo «lstm» (correção inteira)");
    expect(phaseLabel("train:lstm (2/5)", "en")).toBe("training model «lstm» (run 2 of 5)");
  });
  it("leaves an unknown phase as it is", () => {
    expect(phaseLabel("mystery", "pt-BR")).toBe("mystery");
  });
});

describe("metrics", () => {
  it("names whole and per-model metrics", () => {
    expect(metricLabel("testMse", "pt-BR")).toBe("MSE no teste");
    expect(metricLabel("rnn.maeInRange", "en")).toBe("model «rnn» MAE inside the range");
    expect(metricLabel("accuracy", "pt-BR")).toBe("acurácia no teste");
    expect(metricLabel("weird.thing", "en")).toBe("weird.thing");
  });
  it("formats figures the way the statements do, with the locale's decimal mark", () => {
    expect(formatMetric("testMse", 0.017512, "pt-BR")).toBe("0,0175");
    expect(formatMetric("testMse", 0.017512, "en")).toBe("0.0175");
    expect(formatMetric("accuracy", 0.85312, "pt-BR")).toBe("0,853");
    expect(formatMetric("accuracy", 0.8, "en")).toBe("0.800");
    expect(formatMetric("lstm.mae", 1.23456, "pt-BR")).toBe("1,23");
    expect(formatMetric("testReviews", 12500, "pt-BR")).toBe("12500");
    expect(formatMetric("testMse", null, "pt-BR")).toBe("—");
    expect(formatMetric("testMse", 0.00001234, "en")).toBe("1.23E-5");
  });
});

describe("failure text", () => {
  it("renders the message again with the phase in words", () => {
    const f = makeFailure("exception", "failure.exception", { phase: "build:lstm", detail: "boom" });
    expect(f.text["pt-BR"]).toContain("durante build:lstm");
    expect(failureText(f, "pt-BR")).toBe("Seu código lançou um erro durante construção do modelo «lstm»: boom");
    expect(failureText(f, "en")).toContain("during building model «lstm»: boom");
  });
  it("keeps the stored text when the message has no phase or its code is unknown", () => {
    const plain = makeFailure("syntax", "failure.syntax", { detail: "';' expected" });
    expect(failureText(plain, "pt-BR")).toBe(plain.text["pt-BR"]);
    const old = { text: { code: "failure.gone", params: { phase: "load" }, "pt-BR": "antigo", en: "old" } };
    expect(failureText(old, "en")).toBe("old");
  });
});
