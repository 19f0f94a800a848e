#!/usr/bin/env bash
# bench/compare-build.sh IN OUT: the respmatrix side of ../shared/bench/compare.sh, e.g.
#   ../shared/bench/compare.sh 1000 "bench/compare-build.sh {in} {out}"
# Turns the generated pages in IN into a content folder beside IN when it is missing
# (compare-content.sh), so the warm-up run pays for the copy, then builds it cold (cache off)
# into OUT.
set -euo pipefail
IN=$1
OUT=$2
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONTENT="$("$REPO/bench/compare-content.sh" "$IN")"
RESPMATRIX_CACHE=0 exec node "$REPO/bin/respmatrix.js" build --content "$CONTENT" --out "$OUT" --quiet
