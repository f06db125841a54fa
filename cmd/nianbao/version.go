package main

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
)

var versionCmd = &command{
	name:     "version",
	synopsis: "nianbao version",
	zh:       "显示版本",
	en:       "print the version",
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		return func(args []string) int {
			if len(args) > 0 {
				return usageError(e, "version", fmt.Sprintf("不需要参数 %q", args[0]), fmt.Sprintf("unexpected argument %q", args[0]))
			}
			fmt.Fprintf(e.stdout, "nianbao %s %s %s/%s\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return exitOK
		}
	},
}

// version returns the module version of the binary, or the VCS revision it
// was built from, or "(devel)".
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	v := bi.Main.Version
	if v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		return "(devel) " + rev + modified
	}
	return "(devel)"
}
