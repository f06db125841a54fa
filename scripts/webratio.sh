#!/usr/bin/env bash
# Parse over the JSON decode of the same report, for every web page of the
# corpus and of testdata/html, from one run of BenchmarkWebInput: "runs" is
# the ns/op of its parse over that of its json (run seconds apart), "rounds"
# the median ratio within rounds of 3 parses and 3 decodes (its ratio
# metric), which a machine whose speed drifts disturbs far less. Largest
# last. Extra arguments go to go test (with -count N, each value is the
# median of N).
#
#   scripts/webratio.sh
#   scripts/webratio.sh -count 3
set -euo pipefail
cd "$(dirname "$0")/.."
go test -run '^$' -bench '^BenchmarkWebInput$' "$@" . |
  awk '
    /^BenchmarkWebInput\// {
      n = split($1, p, "/"); k = p[2] "/" p[3]; step = p[4]; sub(/-[0-9]+$/, "", step)
      v = $3
      if (step == "ratio") v = $5
      if (step == "parse" || step == "json" || step == "ratio") { t[k, step, ++c[k, step]] = v; seen[k] = 1 }
    }
    function median(k, s,   i, j, m, v, x) {
      m = c[k, s]
      for (i = 1; i <= m; i++) v[i] = t[k, s, i]
      for (i = 2; i <= m; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
      return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
    }
    END {
      for (k in seen) {
        r = median(k, "parse") / median(k, "json"); q = median(k, "ratio")
        printf "%-45s parse/json runs %.2f  rounds %.2f\n", k, r, q
      }
    }' | sort -k6 -n |
  awk '{ print } $4 > r { r = $4; rk = $1 } $6 > q { q = $6; qk = $1 }
    END { printf "largest: runs %.2f (%s), rounds %.2f (%s)\n", r, rk, q, qk }'
