import pkg from "../package.json";

export const GRADER_VERSION: string = pkg.version;
