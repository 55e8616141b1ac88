/**
 * next-number trains on j = 0..99 (grader/data/next-number.ts, trainStarts): the chart marks
 * the values of j past this one as outside the training range. Kept here, not imported, so the
 * grader's data module stays out of the browser bundle; a test holds the two together.
 */
export const NEXT_NUMBER_LAST_TRAINING_START = 99;
