/** Limits shared with the web app, kept apart so importing them pulls in nothing else. */
export const MAX_CODE_BYTES = 256 * 1024;
