#!/usr/bin/env bash
# parse/json of every web page of the corpus and of testdata/html, from one
# run of BenchmarkWebInput (Parse of the page against encoding/json decoding
# the same report), largest last. Extra arguments go to go test
# (e.g. -count 3: each file's ratio is then the median of its runs).
#
#   scripts/webratio.sh
#   scripts/webratio.sh -count 3 -benchtime 2s
set -euo pipefail
cd "$(dirname "$0")/.."
go test -run '^$' -bench '^BenchmarkWebInput$' "$@" . |
  awk '
    /^BenchmarkWebInput\// {
      n = split($1, p, "/"); kind = p[2]; file = p[3]; step = p[4]; sub(/-[0-9]+$/, "", step)
      if (step == "parse" || step == "json") { t[kind "/" file, step, ++c[kind "/" file, step]] = $3; seen[kind "/" file] = 1 }
    }
    function median(k, s,   i, j, m, v, x) {
      m = c[k, s]
      for (i = 1; i <= m; i++) v[i] = t[k, s, i]
      for (i = 2; i <= m; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
      return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
    }
    END {
      for (k in seen) {
        # each run pairs a parse with the json right after it
        r = median(k, "parse") / median(k, "json")
        printf "%-45s parse/json %.2f\n", k, r
        if (r > max) { max = r; maxk = k }
      }
      printf "largest: %s %.2f\n", maxk, max
    }' | sort -k3 -n
