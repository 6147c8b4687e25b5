# tests/npm_install.sh - sourced by the tests that run node programs: the
# packages of the folder $pkg (its package.json and package-lock.json)
# installed once with `npm ci` into $dir (a lock keeps two tests from
# installing at once). Exits 77 (skipped) without node and npm, or when no
# npm registry answers.
command -v node >/dev/null && command -v npm >/dev/null ||
  { echo "node or npm is not installed: skipped"; exit 77; }
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
if ! cmp -s "$pkg/package-lock.json" "$dir/package-lock.json" ||
   [ ! -d "$dir/node_modules" ]; then
  cp "$pkg/package.json" "$pkg/package-lock.json" "$dir/"
  # no npm registry reachable (an offline machine): skipped, said loudly
  (cd "$dir" && timeout 300 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) ||
    { echo "npm ci failed (no registry reachable?): skipped"; exit 77; }
fi
flock -u 9
