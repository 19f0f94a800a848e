#!/usr/bin/env bash
# bench/compare-content.sh IN: prints the respmatrix content folder for compare.sh's generated
# pages in IN, making it beside IN (IN.respmatrix-content: sources/, keywords.yaml, a site.yaml
# with title and linkBase) when it is missing. Beside, not inside: Eleventy reads every .md under
# IN, and a copy there would double its work. Used by compare-build.sh and bench/speed.mjs.
set -euo pipefail
IN=$1
CONTENT="${IN%/}.respmatrix-content"
if [[ ! -f "$CONTENT/site.yaml" ]]; then
  rm -rf "$CONTENT"
  mkdir -p "$CONTENT/sources"
  cp "$IN"/offerings/*.md "$CONTENT/sources/"
  cp "$IN/keywords.yaml" "$CONTENT/"
  printf 'title: Shared responsibilities\nlinkBase: https://cloud.ibm.com\n' >"$CONTENT/site.site.tmp"
  mv "$CONTENT/site.site.tmp" "$CONTENT/site.yaml"
fi
echo "$CONTENT"
