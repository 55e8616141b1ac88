/**
 * Errors that mean "out of memory" whichever runtime raised them (V8, typed arrays, the wasm
 * heap): a `memory` failure, not the student's exception. Shared by both sandbox harnesses
 * and the browser practice run.
 */
export const MEMORY_PATTERNS = /out of memory|Array buffer allocation failed|Cannot allocate|WebAssembly\.Memory|Invalid typed array length|memory access out of bounds/i;
