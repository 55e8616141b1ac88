import { expect, it } from "vitest";
import { trainStarts } from "@/grader/data/next-number";
import { NEXT_NUMBER_LAST_TRAINING_START } from "./next-number-range";

it("marks the end of the training range where the grader's training data ends", () => {
  expect(NEXT_NUMBER_LAST_TRAINING_START).toBe(Math.max(...trainStarts()));
});
