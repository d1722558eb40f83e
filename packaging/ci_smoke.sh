#!/usr/bin/env bash
# CI stage: build the Linux bundle in a fresh venv, unpack its tarball, and run it with a clean
# environment and no Python on PATH: --version, --smoke-test, demo-data into a temp folder (creates
# an encrypted database), sessions list (reopens it), check, and report summary (writes a PDF).
#
# Usage: bash packaging/ci_smoke.sh        (PYTHON=python3.11 to pick the build interpreter;
#        CLEAN_CHECKOUT=1 builds from the committed tree (git archive HEAD) instead of the working tree;
#        KEEP_WORK=1 keeps the temp folder; BUDGET_S=300 is the time limit of the whole stage.)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
BUDGET_S=${BUDGET_S:-300}
started=$(date +%s)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/facilitator-ci-smoke.XXXXXX")
cleanup() { if [ "${KEEP_WORK:-0}" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
elapsed() { echo $(( $(date +%s) - started )); }
fail() { echo "ci_smoke: FAIL: $*" >&2; exit 1; }
step() { echo "== [$(elapsed) s] $*"; }

SRC=$ROOT
if [ "${CLEAN_CHECKOUT:-0}" = 1 ]; then
  step "clean checkout of $(git rev-parse --short HEAD)"
  SRC=$WORK/src && mkdir -p "$SRC" && git archive HEAD | tar -x -C "$SRC"
fi

step "fresh build venv"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --upgrade pip
"$WORK/venv/bin/python" -m pip install --quiet pyinstaller "$SRC"

step "build the bundle"
build_started=$(date +%s)
"$WORK/venv/bin/python" "$SRC/packaging/build.py" --dist "$WORK/dist" --work "$WORK/build" | tee "$WORK/build.log"
build_s=$(( $(date +%s) - build_started ))
tarball=$(ls "$WORK"/dist/facilitator-*-linux-*.tar.gz) || fail "no tarball was written"
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$SRC/facilitator/__init__.py")

step "unpack $(basename "$tarball") ($(du -m "$tarball" | cut -f1) MB)"
mkdir -p "$WORK/unpacked"
tar -xzf "$tarball" -C "$WORK/unpacked"
APP=$(ls -d "$WORK"/unpacked/facilitator-*)/facilitator
[ -x "$APP" ] || fail "the tarball holds no facilitator executable"
bundle_mb=$(du -sm "$(dirname "$APP")" | cut -f1)

# /usr/bin and /bin without any Python: the bundle must carry its own interpreter.
NOPY=$WORK/bin-without-python
mkdir -p "$NOPY"
for tool in /usr/bin/* /bin/*; do
  case $(basename "$tool") in python*|pip*|pydoc*|idle*) continue ;; esac
  [ -e "$NOPY/$(basename "$tool")" ] || ln -s "$tool" "$NOPY/$(basename "$tool")"
done
mkdir -p "$WORK/home" "$WORK/data"
DATA=$WORK/data
run() {  # run the bundle with a clean environment
  env -i PATH="$NOPY" HOME="$WORK/home" QT_QPA_PLATFORM=offscreen \
    FACILITATOR_USER=demo FACILITATOR_PASSWORD=demo-clinic-pass "$APP" "$@"
}
env -i PATH="$NOPY" sh -c 'command -v python3 || command -v python' >/dev/null && fail "Python is on the test PATH"

step "--version"
out=$(run --version) || fail "--version exited non-zero"
[ "$out" = "facilitator $version" ] || fail "--version printed '$out', expected 'facilitator $version'"
echo "$out"

step "--smoke-test (first window, offscreen)"
out=$(run --data-dir "$DATA" --smoke-test 2>"$WORK/smoke.err") || { cat "$WORK/smoke.err" >&2; fail "--smoke-test exited non-zero"; }
echo "$out"
startup_ms=$(echo "$out" | sed -n 's/^startup_ms=\([0-9]*\)$/\1/p')
[ -n "$startup_ms" ] || fail "--smoke-test printed no startup_ms"

step "demo-data --years 1 (creates the encrypted database; runs the bundled migrations)"
t0=$(date +%s)
run --data-dir "$DATA" demo-data --years 1 || fail "demo-data exited non-zero"
demo_s=$(( $(date +%s) - t0 ))
[ -f "$DATA/facilitator.db" ] || fail "demo-data wrote no database"
if head -c 15 "$DATA/facilitator.db" | grep -q "SQLite format"; then fail "the database is not encrypted"; fi

step "sessions list (reopens the encrypted database)"
run --data-dir "$DATA" sessions list >"$WORK/sessions.txt" || fail "sessions list exited non-zero"
count=$(wc -l <"$WORK/sessions.txt")
head -3 "$WORK/sessions.txt"
[ "$count" -gt 0 ] || fail "sessions list printed nothing"
grep -qP '^\d+\t\d{4}-\d\d-\d\d \d\d:\d\d\t[^\t]+\t(planned|running|finished|cancelled)$' "$WORK/sessions.txt" \
  || fail "sessions list lines are not id<TAB>start<TAB>group<TAB>status"
echo "($count sessions)"

step "check (schema at head, integrity)"
run --data-dir "$DATA" check || fail "check found problems"

step "report summary (PDF)"
session_id=$(awk -F'\t' '$4 == "finished" { print $1; exit }' "$WORK/sessions.txt")
pdf_note=""
set +e
run --data-dir "$DATA" report summary "$session_id" -o "$WORK/summary.pdf" 2>"$WORK/report.err"
rc=$?
set -e
if [ $rc -eq 0 ]; then
  [ "$(head -c 5 "$WORK/summary.pdf")" = "%PDF-" ] || fail "report summary wrote no PDF"
  pdf_note="PDF written ($(du -k "$WORK/summary.pdf" | cut -f1) kB)"
elif [ $rc -eq 2 ] && grep -q "not available yet" "$WORK/report.err"; then
  pdf_note="not available yet in this build (exit 2 accepted)"
else
  cat "$WORK/report.err" >&2
  fail "report summary exited $rc"
fi
echo "$pdf_note"

total=$(elapsed)
echo "ci_smoke: ok: build ${build_s} s, bundle ${bundle_mb} MB, startup_ms=${startup_ms}, demo-data ${demo_s} s," \
     "${count} sessions, report summary: ${pdf_note}; stage ${total} s (budget ${BUDGET_S} s)"
[ "$total" -le "$BUDGET_S" ] || fail "the stage took ${total} s, over its ${BUDGET_S} s budget"
