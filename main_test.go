package nianbao

import (
	"flag"
	"os"
	"testing"
)

// fuzzMinimizeDefault is the -fuzzminimizetime that go test -fuzz uses for
// this package when the command line gives none: at most 1000 calls of the
// fuzz function to shrink each input.
//
// Whenever a mutant reaches new code, the fuzzing coordinator hands it to a
// worker to shrink before it joins the corpus, and by default the worker
// may spend 60 s on that (-fuzzminimizetime 60s), calling the fuzz function
// once for every candidate: each byte removed, then each span of bytes.
// Mutants of the report-sized seeds (5-7 KB; FuzzParse parses, formats and
// parses again on every call) never shrink that far in a minute. At the
// start of a run the first mutant of nearly every seed reaches new code, so
// both workers spend the whole of a 20 s run (CI's) minimizing: "execs: 9"
// in all, for FuzzParse as for FuzzValidate; minimization's own calls are
// counted only when it ends. No call was slow (none over 0.25 s, most a few
// ms); there were just tens of thousands of them per input.
//
// 1000 calls cut a long tail and the first bytes, then fuzzing resumes; a
// crasher is still written (shrunk less). An explicit -fuzzminimizetime,
// e.g. 60s to shrink a crasher fully, is left alone.
const fuzzMinimizeDefault = "1000x"

func TestMain(m *testing.M) {
	flag.Parse()
	setFuzzMinimizeDefault(flag.CommandLine)
	os.Exit(m.Run())
}

// setFuzzMinimizeDefault sets test.fuzzminimizetime in fs to
// fuzzMinimizeDefault when fs fuzzes (test.fuzz is set) and the command line
// did not give test.fuzzminimizetime.
func setFuzzMinimizeDefault(fs *flag.FlagSet) {
	if f := fs.Lookup("test.fuzz"); f == nil || f.Value.String() == "" {
		return
	}
	given := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "test.fuzzminimizetime" {
			given = true
		}
	})
	if !given {
		if err := fs.Set("test.fuzzminimizetime", fuzzMinimizeDefault); err != nil {
			panic(err)
		}
	}
}

func TestSetFuzzMinimizeDefault(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "60s"},
		{[]string{"-test.fuzz=^FuzzParse$"}, fuzzMinimizeDefault},
		{[]string{"-test.fuzz=^FuzzParse$", "-test.fuzzminimizetime=60s"}, "60s"},
		{[]string{"-test.fuzz=^FuzzParse$", "-test.fuzzminimizetime=0"}, "0"},
	} {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.String("test.fuzz", "", "")
		fs.String("test.fuzzminimizetime", "60s", "")
		if err := fs.Parse(c.args); err != nil {
			t.Fatal(err)
		}
		setFuzzMinimizeDefault(fs)
		if got := fs.Lookup("test.fuzzminimizetime").Value.String(); got != c.want {
			t.Errorf("%q: test.fuzzminimizetime = %q, want %q", c.args, got, c.want)
		}
	}
}
