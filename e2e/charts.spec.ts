/**
 * The result charts, in Debian's Chromium: a student grades next-number's reference solution
 * (the quick profile trains it in seconds) and its charts carry a title, labelled axes, the
 * shaded values past the training range and a text summary a screen reader can name, with
 * pt-BR's decimal comma; on a 390 px phone they stay inside the screen.
 */
import { expect, test } from "@playwright/test";
import { exercise, registerStudent, setEditorCode } from "./helpers";

test("next-number's charts have titles, axis labels and accessible summaries, and fit a phone", async ({ page }) => {
  await registerStudent(page, "Elisa");
  await page.goto("/tasks/next-number");
  await setEditorCode(page, exercise("next-number", "solution.ts"));
  await page.getByRole("button", { name: "Enviar para correção" }).click();
  await expect(page).toHaveURL(/\/submissions\//);
  await expect(page.getByTestId("verdict")).toBeVisible({ timeout: 150_000 });

  // The two networks against the real values.
  const comparison = page.getByTestId("comparison-chart");
  await expect(comparison.locator("figcaption")).toHaveText("SimpleRNN e LSTM lado a lado (valores públicos de j, fora da nota)");
  await expect(comparison.locator(".recharts-wrapper > svg")).toContainText("j (início da sequência)");
  await expect(comparison.locator(".recharts-wrapper > svg")).toContainText("valor");
  await expect(comparison.locator(".recharts-wrapper > svg")).toContainText("fora do intervalo de treino");
  await expect(comparison.locator(".recharts-legend-wrapper")).toContainText("previsto (SimpleRNN)");
  await expect(comparison.locator(".recharts-legend-wrapper")).toContainText("previsto (LSTM)");
  // One image named by its summary: each network's error inside and past the training range, with decimal commas.
  const comparisonImage = comparison.locator('[role="img"]');
  await expect(comparisonImage).toHaveAccessibleName(/^Previsto \(SimpleRNN\): erro absoluto médio \d+,\d+ em 49 pontos \(dentro do intervalo de treino [\d,]+, fora dele [\d,]+\); previsto \(LSTM\): erro absoluto médio/);
  await expect(comparison.getByTestId("chart-summary")).toHaveText(/erro absoluto médio/);

  // The loss curves: per epoch, MSE, one line per network named by it.
  const loss = page.getByTestId("chart-loss");
  await expect(loss.locator("figcaption")).toHaveText("Perda por época");
  await expect(loss.locator(".recharts-wrapper > svg")).toContainText("época");
  await expect(loss.locator(".recharts-wrapper > svg")).toContainText(/perda \(MSE\)/);
  await expect(loss.locator(".recharts-legend-wrapper")).toContainText("SimpleRNN — treino");
  await expect(loss.locator('[role="img"]')).toHaveAccessibleName(/^SimpleRNN — treino \(MSE\) final \d+,\d+ após \d+ épocas; LSTM — treino \(MSE\) final/);

  // In English, the same charts in English with decimal points.
  await page.context().addCookies([{ name: "treino-locale", value: "en", url: page.url() }]);
  await page.reload();
  await expect(page.getByTestId("comparison-chart").locator(".recharts-wrapper > svg")).toContainText("outside the training range");
  await expect(page.getByTestId("chart-loss").locator('[role="img"]')).toHaveAccessibleName(/^Final SimpleRNN — training \(MSE\) \d+\.\d+ after \d+ epochs/);

  // On a phone, each chart stays within the screen's width.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const id of ["comparison-chart", "chart-loss"]) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  }
});
