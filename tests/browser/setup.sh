# tests/browser/setup.sh - sourced by the browser tests: puppeteer-core
# from npm, pinned by tests/browser/package-lock.json, installed once into
# BUILD/browser (a lock keeps two tests from installing at once), and the
# test's script with the shared launcher copied beside it. Exits 77
# (skipped) without node, npm or chromium, or when no npm registry answers.
# Needs: $src (tests/), $build; sets $dir.
command -v chromium >/dev/null || { echo "chromium is not installed: skipped"; exit 77; }
dir="$build/browser" pkg="$src/browser"
source "$src/npm_install.sh"
cp "$src/browser/launch.mjs" "$src/browser/report.mjs" "$src/browser/serve.mjs" "$dir/"
