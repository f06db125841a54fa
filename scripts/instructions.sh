#!/usr/bin/env bash
# Instructions per step of reading one corpus file, counted by valgrind
# (cachegrind, with its branch simulator): the work a step does, which a
# shared machine's load does not disturb where its times swing twofold.
# Each step is run 0 and 40 times (TestRunSteps, GC off) and the difference
# divided by 40; "cost" adds 15 instructions for each mispredicted branch,
# roughly what one costs. The last line is parse over json.
#
#   scripts/instructions.sh 025_shuyang_fgj_2023_html [front core parse json]
#
# Needs valgrind (apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
file=$1
shift
steps=${*:-front core parse json}
bin=$(mktemp)
trap 'rm -f "$bin" "$bin".out.*' EXIT
go test -c -o "$bin" .
declare -A cost
for step in $steps; do
  for n in 0 40; do
    NIANBAO_STEP=$step NIANBAO_FILE=$file NIANBAO_N=$n GOGC=off GODEBUG=asyncpreemptoff=1 \
      valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes --cachegrind-out-file=/dev/null \
      "$bin" -test.run '^TestRunSteps$' > "$bin.out.$n" 2>&1
  done
  read -r ins mis c < <(awk '
    FNR == 1 { f++ }
    /I +refs:/ { gsub(",", "", $NF); i[f] = $NF }
    /Mispredicts:/ { gsub(",", "", $3); m[f] = $3 }
    END { di = (i[2] - i[1]) / 40; dm = (m[2] - m[1]) / 40; printf "%d %d %d\n", di, dm, di + 15 * dm }' "$bin.out.0" "$bin.out.40")
  cost[$step]=$c
  printf '%-6s %9d instructions %7d mispredicted  cost %9d\n' "$step" "$ins" "$mis" "$c"
done
if [[ -n ${cost[parse]:-} && -n ${cost[json]:-} ]]; then
  awk -v p="${cost[parse]}" -v j="${cost[json]}" 'BEGIN { printf "parse/json %.2f\n", p / j }'
fi
