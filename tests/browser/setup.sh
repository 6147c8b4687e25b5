# tests/browser/setup.sh - sourced by the browser tests: puppeteer-core
# from npm, pinned by tests/browser/package-lock.json, installed once into
# BUILD/browser (a lock keeps two tests from installing at once), and the
# test's script with the shared launcher copied beside it. Exits 77
# (skipped) without node, npm or chromium, or when no npm registry answers.
# Needs: $src (tests/), $build; sets $dir.
command -v node >/dev/null && command -v npm >/dev/null ||
  { echo "node or npm is not installed: skipped"; exit 77; }
command -v chromium >/dev/null || { echo "chromium is not installed: skipped"; exit 77; }
dir="$build/browser"
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
if ! cmp -s "$src/browser/package-lock.json" "$dir/package-lock.json" ||
   [ ! -d "$dir/node_modules/puppeteer-core" ]; then
  cp "$src/browser/package.json" "$src/browser/package-lock.json" "$dir/"
  # no npm registry reachable (an offline machine): skipped, said loudly
  (cd "$dir" && timeout 300 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) ||
    { echo "npm ci failed (no registry reachable?): skipped"; exit 77; }
fi
flock -u 9
cp "$src/browser/launch.mjs" "$src/browser/report.mjs" "$src/browser/serve.mjs" "$dir/"
