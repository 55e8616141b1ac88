/**
 * Seeds `Math.random`. TensorFlow.js draws initial weights from generators seeded with
 * `Math.random()` and `model.fit` shuffles with it, so seeding it makes the same file on
 * the same backend train to the same weights and the same score.
 */
import seedrandom from "seedrandom";

export function seedMathRandom(seed: number): void {
  const rng = seedrandom.alea(String(seed));
  Math.random = () => rng();
}
