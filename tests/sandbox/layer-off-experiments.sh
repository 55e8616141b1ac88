#!/usr/bin/env bash
# Each sandbox layer edited to a no-op in its code, the layer matrix run, the tests that went
# red listed, the edit reverted (git checkout of that file). The README's "Proving each layer"
# lists what this printed. About 5 minutes; the layer files must have no uncommitted changes.
set -uo pipefail
cd "$(dirname "$0")/../.."
if ! git diff --quiet -- grader/sandbox; then
  echo "grader/sandbox has uncommitted changes: this script reverts its edits with git checkout; commit first." >&2
  exit 1
fi
run() { # name file python-replacement
  local name="$1" file="$2" old="$3" new="$4"
  python3 - "$file" "$old" "$new" <<'PY'
import sys
p,old,new=sys.argv[1:4]
s=open(p).read()
assert old in s, f"pattern not found in {p}: {old}"
open(p,'w').write(s.replace(old,new,1))
PY
  echo "=== $name ($file)"
  timeout 300 npx vitest run tests/sandbox/layer-matrix.test.ts ${EXTRA:-} --reporter=verbose 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -E "(×|✗|FAIL)|Tests " 
  git checkout -q -- "$file"
}
EXTRA=tests/sandbox/layer-grading.test.ts run "cgroup: createJobCgroup makes no group" grader/sandbox/cgroup.ts 'return host.version === 2 ? createV2' 'return null; return host.version === 2 ? createV2'
run "cgroup: pids limit not written (v1)" grader/sandbox/cgroup.ts 'write(path.join(pids, "pids.max"), String(limits.pids))' 'true'
run "cgroup: memory limit not written (v1)" grader/sandbox/cgroup.ts 'write(path.join(mem, "memory.limit_in_bytes"), String(limits.memoryBytes)) &&' ''
run "prlimit: no prlimit" grader/sandbox/isolation.ts 'const prlimit = disabled.has("prlimit") ? null : which("prlimit");' 'const prlimit = null as string | null;'
run "prlimit: wrapper dropped, layer still listed" grader/sandbox/isolation.ts '    layers.push("prlimit");
  }' '    layers.push("prlimit");
    argv = argv.slice(argv.indexOf("--") + 1);
  }'
run "bubblewrap: host network shared (--share-net)" grader/sandbox/isolation.ts '      "--unshare-all",
' '      "--unshare-all", "--share-net",
'
run "bubblewrap: no --unshare-all (host namespaces)" grader/sandbox/isolation.ts '      "--unshare-all",
' '      "--unshare-user",
'
run "bubblewrap: the host's whole file system bound" grader/sandbox/isolation.ts '"--ro-bind", "/usr/lib", "/usr/lib",' '"--bind", "/", "/", "--ro-bind", "/usr/lib", "/usr/lib",'
run "bubblewrap: no --clearenv" grader/sandbox/isolation.ts '"--die-with-parent", "--new-session", "--clearenv",' '"--die-with-parent", "--new-session",'
run "seccomp: the filter allows everything (still listed)" grader/sandbox/seccomp.ts '  const prog: Insn[] = [' '  if (arch) return Buffer.from([6, 0, 0, 0, 0, 0, 0xff, 0x7f]);
  const prog: Insn[] = ['
run "seccomp: no filter" grader/sandbox/isolation.ts 'const filter = disabled.has("seccomp") ? null : buildSeccompFilter();' 'const filter = null as Buffer | null;'
run "node-permission: flag dropped (still listed)" grader/sandbox/isolation.ts '            "--experimental-permission",' ''
run "clean-env: grader environment passed (still listed)" grader/sandbox/isolation.ts 'env: cleanEnv ? { ...CHILD_ENV }' 'env: cleanEnv ? { ...(process.env as Record<string, string>), ...CHILD_ENV }'
run "timeout: phase timer never armed" grader/sandbox/run-sandbox.ts '    if (this.paused || !this.timersOn) return;' '    if (this.paused || !this.timersOn || true) return;'
