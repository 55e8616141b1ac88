/** The result charts, one file per kind; their numbers come from the pure modules beside them. */
export { EpochChart, lossUnit } from "./epoch-chart";
export { PredictionChart } from "./prediction-chart";
export { ProbabilityHistogram } from "./probability-histogram";
export { NEXT_NUMBER_LAST_TRAINING_START } from "./next-number-range";
