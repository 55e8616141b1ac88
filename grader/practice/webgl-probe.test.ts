import { describe, expect, it } from "vitest";
import { hardwareWebgl, isSoftwareRenderer } from "./webgl-probe";

describe("isSoftwareRenderer", () => {
  it("names CPU renderers as software", () => {
    for (const name of [
      "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)", // this machine's headless Chromium
      "Google SwiftShader",
      "llvmpipe (LLVM 15.0.6, 256 bits)",
      "ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)",
      "Mesa softpipe",
    ]) expect(isSoftwareRenderer(name), name).toBe(true);
  });

  it("leaves GPUs alone", () => {
    for (const name of [
      "ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)",
      "ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)",
      "Apple M1",
      "Mali-G78",
      "AMD Radeon Pro 5500M OpenGL Engine",
    ]) expect(isSoftwareRenderer(name), name).toBe(false);
  });

  it("finds no WebGL where there is none (Node)", () => {
    expect(hardwareWebgl()).toBe(false);
  });
});
