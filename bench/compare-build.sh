#!/usr/bin/env bash
# bench/compare-build.sh IN OUT: the respmatrix side of ../shared/bench/compare.sh, e.g.
#   ../shared/bench/compare.sh 1000 "bench/compare-build.sh {in} {out}"
# Turns the generated pages in IN (offerings/*.md, keywords.yaml) into a content folder beside
# IN (IN.respmatrix-content: sources/, keywords.yaml, a site.yaml with title and linkBase) when
# it is missing, so the warm-up run pays for the copy, then builds it cold (cache off) into OUT.
# Beside, not inside: Eleventy reads every .md under IN, and a copy there would double its work.
set -euo pipefail
IN=$1
OUT=$2
CONTENT="${IN%/}.respmatrix-content"
if [[ ! -f "$CONTENT/site.yaml" ]]; then
  rm -rf "$CONTENT"
  mkdir -p "$CONTENT/sources"
  cp "$IN"/offerings/*.md "$CONTENT/sources/"
  cp "$IN/keywords.yaml" "$CONTENT/"
  printf 'title: Shared responsibilities\nlinkBase: https://cloud.ibm.com\n' >"$CONTENT/site.site.tmp"
  mv "$CONTENT/site.site.tmp" "$CONTENT/site.yaml"
fi
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESPMATRIX_CACHE=0 exec node "$REPO/bin/respmatrix.js" build --content "$CONTENT" --out "$OUT" --quiet
