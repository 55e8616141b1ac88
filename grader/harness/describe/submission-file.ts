/** The name the student's compiled module runs under: stacks show it, the source map maps it. */
export const SUBMISSION_FILENAME = "submission.js";
