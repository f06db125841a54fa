#!/usr/bin/env bash
# scripts/release.sh — builds a release of nianbao for people who do not
# write Go: a program for each platform with its version in it, packed with
# LICENSE, NOTICE and the README, and the SHA-256 checksums of the archives.
#
#   scripts/release.sh                    # every platform; the version from git describe
#   VERSION=v0.2.0 scripts/release.sh     # a given version (tag the commit first)
#   scripts/release.sh linux/amd64        # some platforms only (CI builds this one)
#   OUT=/tmp/dist scripts/release.sh      # another output directory (default: dist)
#
# Output, in $OUT:
#   nianbao-VERSION-windows-amd64.zip      nianbao.exe, LICENSE, NOTICE, README.md
#   nianbao-VERSION-linux-amd64.tar.gz     nianbao, …
#   nianbao-VERSION-linux-arm64.tar.gz
#   nianbao-VERSION-darwin-arm64.tar.gz
#   SHA256SUMS                             check with sha256sum -c SHA256SUMS
#                                          (macOS: shasum -a 256 -c SHA256SUMS)
#
# The programs are static (CGO_ENABLED=0), built with -trimpath, and carry
# the version, the commit and its date (-ldflags -X main.buildVersion=…):
# nianbao version prints them. A rebuild of the same commit gives the same
# archives: their files carry the commit's date.
set -euo pipefail
cd "$(dirname "$0")/.."

platforms=("$@")
if [ ${#platforms[@]} -eq 0 ]; then
  platforms=(windows/amd64 linux/amd64 linux/arm64 darwin/arm64)
fi
out=${OUT:-dist}
version=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
date=$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ 2>/dev/null || echo 2000-01-01T00:00:00Z)

mkdir -p "$out"
archives=()
for p in "${platforms[@]}"; do
  goos=${p%/*} goarch=${p#*/}
  name=nianbao-$version-$goos-$goarch
  stage=$out/$name
  rm -rf "$stage"
  mkdir -p "$stage"
  exe=""
  [ "$goos" = windows ] && exe=.exe
  echo "building $name" >&2
  CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath \
    -ldflags "-s -w -X main.buildVersion=$version -X main.buildCommit=$commit -X main.buildDate=$date" \
    -o "$stage/nianbao$exe" ./cmd/nianbao
  cp LICENSE NOTICE README.md "$stage/"
  archive=$out/$name.tar.gz
  [ "$goos" = windows ] && archive=$out/$name.zip
  go run ./internal/cmd/pack -o "$archive" -time "$date" "$stage"
  rm -rf "$stage"
  archives+=("$archive")
done
go run ./internal/cmd/pack -sums "$out/SHA256SUMS" "${archives[@]}"
cat "$out/SHA256SUMS"
