/**
 * Whether this browser's WebGL runs on a GPU. Without one, Chromium still offers WebGL,
 * rendered on the CPU by SwiftShader (Mesa's llvmpipe on some Linux setups, Microsoft's Basic
 * Render Driver on Windows), and there tfjs's WebGL backend is several times slower than
 * WebAssembly: the sine reference took about 5 s per epoch against 0.7 s on wasm on this
 * machine's headless Chromium. `failIfMajorPerformanceCaveat` does not catch it here, so the
 * renderer's name decides.
 */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render driver|lavapipe/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERERS.test(renderer);
}

/** The WebGL renderer's name as the driver gives it, or null where there is no WebGL 2 at all. */
export function webglRenderer(): string | null {
  if (typeof OffscreenCanvas === "undefined") return null;
  const gl = new OffscreenCanvas(1, 1).getContext("webgl2") as WebGL2RenderingContext | null;
  if (!gl) return null;
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext(); // tfjs makes its own
  return name;
}

/** WebGL is worth it: present, and on a GPU. */
export function hardwareWebgl(): boolean {
  try {
    const renderer = webglRenderer();
    return renderer != null && !isSoftwareRenderer(renderer);
  } catch {
    return false;
  }
}
