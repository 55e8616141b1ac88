/*
 * The Node side of the layer matrix: installed as the harness's `describe.cjs`, it reads one
 * attack as a JSON line on stdin ({ mode, arg }) and prints what happened, one "key value" line
 * per fact. Plain CommonJS: it runs as the sandbox's entry point, with no build step.
 */
"use strict";
const fs = require("node:fs");

function code(err) {
  return (err && (err.code || err.errno)) || String(err);
}

const attacks = {
  spawn() {
    try {
      const r = require("node:child_process").spawnSync("/usr/bin/node", ["-e", "0"]);
      console.log("spawn", r.error ? code(r.error) : `status-${r.status}`);
    } catch (err) {
      console.log("spawn", code(err));
    }
  },
  read(file) {
    try {
      console.log("read ok", fs.readFileSync(file, "utf8").trim());
    } catch (err) {
      console.log("read", code(err));
    }
  },
  write(file) {
    try {
      fs.writeFileSync(file, "pwned\n");
      console.log("write ok");
    } catch (err) {
      console.log("write", code(err));
    }
  },
  burn() {
    console.log("burning");
    for (;;) {
      // nothing: only a CPU limit or a timer ends this
    }
  },
  /** What grading needs of the kernel under every layer: libuv's thread pool, timers, crypto, zlib. */
  async allowed() {
    const own = await fs.promises.readFile(__filename, "utf8");
    const random = await new Promise((ok, ko) => require("node:crypto").randomBytes(16, (e, b) => (e ? ko(e) : ok(b))));
    const zipped = await new Promise((ok, ko) => require("node:zlib").gzip(own, (e, b) => (e ? ko(e) : ok(b))));
    await new Promise((ok) => setTimeout(ok, 10));
    console.log("node ok", own.length > 0 && random.length === 16 && zipped.length > 0);
  },
};

let input = "";
process.stdin.on("data", (chunk) => {
  input += chunk;
  const nl = input.indexOf("\n");
  if (nl < 0) return;
  process.stdin.pause();
  const { mode, arg } = JSON.parse(input.slice(0, nl));
  Promise.resolve(attacks[mode](arg)).then(
    () => process.exit(0),
    (err) => {
      console.log("error", code(err));
      process.exit(1);
    },
  );
});
