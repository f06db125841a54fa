#!/usr/bin/env bash
# Builds the browser page of nianbao (issue 20) into web/dist (or $OUT):
# nianbao.wasm (the library compiled to WebAssembly, ./web), index.html,
# app.js and the Go distribution's wasm_exec.js. Serve the directory with any
# static file server, or put it on an intranet share; nothing in it loads
# anything from elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-web/dist}
mkdir -p "$out"
GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" -o "$out/nianbao.wasm" ./web
root=$(go env GOROOT)
exec_js="$root/lib/wasm/wasm_exec.js"          # Go 1.24 and later
[ -f "$exec_js" ] || exec_js="$root/misc/wasm/wasm_exec.js"  # earlier
cp "$exec_js" "$out/wasm_exec.js"
cp web/index.html web/app.js "$out/"
echo "$out: $(ls "$out" | tr '\n' ' ')"
