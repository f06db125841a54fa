package cli

import (
	_ "embed"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

var versionCmd = &command{
	name:     "version",
	synopsis: "nianbao version [-v]",
	zh:       "显示版本",
	en:       "print the version",
	longZH: `
显示版本、构建所用的提交及其日期、Go 版本和平台。发布的程序（scripts/release.sh）带有版本号；
go install 或 go build 构建的程序显示模块版本或构建时的提交（(devel) 表示未发布的版本，+dirty 表示有未提交的改动）。
-v 再列出程序中包含的第三方代码及其许可证（NOTICE；能读 PDF 的程序还有 PDFium、wazero 等）。`,
	longEN: `
Prints the version, the commit built and its date, the Go version and the platform. Release builds
(scripts/release.sh) carry their version; a program built with go install or go build shows its module
version or the commit it was built from ((devel) for an unreleased build, +dirty for uncommitted changes).
-v also prints the third-party code the program bundles and its licences (NOTICE; for the PDF-capable
program also PDFium, wazero and what they bundle).`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		notices := fs.Bool("v", false, "再列出第三方代码及其许可证 / also print the third-party notices")
		return func(args []string) int {
			if len(args) > 0 {
				return usageError(e, "version", fmt.Sprintf("不需要参数 %q", args[0]), fmt.Sprintf("unexpected argument %q", args[0]))
			}
			fmt.Fprintf(e.stdout, "nianbao %s %s %s/%s\n", e.version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			if *notices {
				fmt.Fprint(e.stdout, "\n"+notice)
				if e.opts.Notice != "" {
					fmt.Fprint(e.stdout, "\n"+e.opts.Notice)
				}
			}
			return exitOK
		}
	},
}

// notice is the project's NOTICE (a copy of the one at the repository's
// root, which TestNoticeCopy keeps equal): the licence and the third-party
// code every nianbao binary bundles.
//
//go:embed NOTICE
var notice string

// version returns what nianbao version shows before the Go version: the
// release's version, commit and date ("v0.2.0 (0c042a0e1f2a, 2026-12-07)",
// Options.Version, set by scripts/release.sh through cmd/nianbao's
// -ldflags "-X main.buildVersion=…"); else the module version of a go
// install ("v0.2.0"); else the VCS revision the binary was built from
// ("(devel) 0c042a0e1f2a+dirty 2026-12-07"); else "(devel)".
func (e *env) version() string {
	info, _ := debug.ReadBuildInfo()
	return versionOf(e.opts.Version, e.opts.Commit, e.opts.Date, info)
}

func versionOf(v, commit, date string, info *debug.BuildInfo) string {
	if v != "" {
		var meta []string
		if commit != "" && commit != "unknown" {
			meta = append(meta, short(commit))
		}
		if d, _, _ := strings.Cut(date, "T"); d != "" {
			meta = append(meta, d)
		}
		if len(meta) > 0 {
			v += " (" + strings.Join(meta, ", ") + ")"
		}
		return v
	}
	if info == nil {
		return "(devel)"
	}
	if m := info.Main.Version; m != "" && m != "(devel)" {
		return m
	}
	var rev, when, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = short(s.Value)
		case "vcs.time":
			when, _, _ = strings.Cut(s.Value, "T")
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev == "" {
		return "(devel)"
	}
	out := "(devel) " + rev + modified
	if when != "" {
		out += " " + when
	}
	return out
}

func short(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}
