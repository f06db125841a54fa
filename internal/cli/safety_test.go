package cli

// Tests of issue 16: output, fmt -w and directory walks under abuse.

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao"
)

// seed004 is the seed the hostile inputs of these tests are built from.
const seed004 = seedsDir + "/004_a48343d0f3c95c5a.txt"

// injected writes seed 004 with a title naming the agency +HYPERLINK局 and
// table 2's 规章 row holding =1+1, @x and -3, as the file =cmd.txt in a new
// directory that becomes the working directory of the test, and returns
// the seed's absolute path.
func injected(t *testing.T) (seed string) {
	t.Helper()
	src := readFile(t, seed004)
	src = strings.Replace(src, "规章\t0\t0\t0", "规章\t=1+1\t@x\t-3", 1)
	src = strings.Replace(src, "# 芜湖市医疗保障局 2023 年政府信息公开 公开工作年度报告", "# +HYPERLINK局2023年政府信息公开工作年度报告", 1)
	seed, err := filepath.Abs(seed004)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "=cmd.txt"), src)
	t.Chdir(dir)
	return seed
}

// seedWith writes seed 004 with old replaced by new to a new file and
// returns its path.
func seedWith(t *testing.T, name, old, new string) string {
	t.Helper()
	src := readFile(t, seed004)
	if !strings.Contains(src, old) {
		t.Fatalf("seed 004 has no %q", old)
	}
	p := filepath.Join(t.TempDir(), name)
	writeFile(t, p, strings.Replace(src, old, new, 1))
	return p
}

// canonical returns the canonical form of the seed 004 with old replaced
// by new.
func canonical(t *testing.T, old, new string) string {
	t.Helper()
	r, err := nianbao.Parse([]byte(strings.Replace(readFile(t, seed004), old, new, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return string(nianbao.Format(r))
}

// csvRecords parses CSV output, failing the test when it is not CSV.
func csvRecords(t *testing.T, out string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("output is not CSV with records: %v\n%s", err, out)
	}
	return recs
}

// TestCSVFormulaInjection checks that CSV output neutralises text a
// spreadsheet would run as a formula (issue 16 item 6): agency, file name
// and text cells get a leading apostrophe, the number -3 does not, and
// -csv-formulas turns it off.
func TestCSVFormulaInjection(t *testing.T) {
	seed := injected(t)
	const p = "=cmd.txt"
	cells := []string{"t2.regulations.issued", "t2.regulations.repealed", "t2.regulations.in_force"}
	for _, c := range []struct {
		formulas bool
		want     []string // file, agency, then the cells
	}{
		{false, []string{"'" + p, "'+HYPERLINK局", "'=1+1", "'@x", "-3"}},
		{true, []string{p, "+HYPERLINK局", "=1+1", "@x", "-3"}},
	} {
		flags := []string{}
		if c.formulas {
			flags = append(flags, "-csv-formulas")
		}
		// export: one wide record.
		args := append(append([]string{"export"}, flags...), p)
		res := nb(t, "", args...)
		if res.code != exitOK {
			t.Fatalf("nianbao %q: exit %d; stderr:\n%s", args, res.code, res.stderr)
		}
		recs := csvRecords(t, res.stdout)
		col := map[string]string{}
		for i, h := range recs[0] {
			col[h] = recs[1][i]
		}
		got := []string{col["file"], col["agency"]}
		for _, ref := range cells {
			got = append(got, col[ref])
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("nianbao %q: file, agency, cells mismatch (-want +got):\n%s", args, diff)
		}
		// parse -f csv, of one file and of two (a leading file column).
		for _, files := range [][]string{{p}, {p, seed}} {
			args := append(append([]string{"parse", "-f", "csv"}, flags...), files...)
			res := nb(t, "", args...)
			if res.code != exitOK {
				t.Fatalf("nianbao %q: exit %d; stderr:\n%s", args, res.code, res.stderr)
			}
			values := map[string]string{}
			for _, rec := range csvRecords(t, res.stdout)[1:] {
				n := len(rec)
				if n == 7 && rec[0] != c.want[0] {
					if rec[0] != seed {
						t.Errorf("nianbao %q: file column %q, want %q or %q", args, rec[0], c.want[0], seed)
					}
					continue // the seed's records
				}
				values[strings.Join(rec[n-4:n-1], ".")] = rec[n-1]
			}
			var got []string
			for _, ref := range cells {
				got = append(got, values[ref])
			}
			if diff := cmp.Diff(c.want[2:], got); diff != "" {
				t.Errorf("nianbao %q: cells mismatch (-want +got):\n%s", args, diff)
			}
		}
	}
}

// failWriter fails every write after the first n bytes; with short set, it
// reports a short write without an error instead, as a broken io.Writer
// may.
type failWriter struct {
	n     int
	short bool
}

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	n := w.n
	w.n = 0
	if w.short {
		return n, nil
	}
	return n, errors.New("no space left on device")
}

// TestWriteErrors checks that every command reports a failed or short
// write on standard output with exit status 2 (issue 16 item 1: nianbao
// export >/dev/full exited 0).
func TestWriteErrors(t *testing.T) {
	seed, broken := seed004, "../../testdata/validate/004_broken_sums.txt"
	for _, args := range [][]string{
		{"parse", seed},
		{"parse", "-f", "csv", seed, seed},
		{"parse", "-f", "md", seed},
		{"parse", "-f", "html", seed},
		{"fmt", seed},
		{"fmt", "-d", seed},
		{"fmt", "-l", seed},
		{"validate", broken},
		{"validate", "-f", "json", broken},
		{"validate", "-f", "json", seed}, // no findings: "[]"
		{"validate", "-rules"},
		{"validate", "-rules", "-f", "json"},
		{"export", seed},
		{"export", "-f", "jsonl", seed},
		{"schema"},
		{"schema", "-f", "json"},
		{"version"},
		{"help"},
		{"help", "parse"},
	} {
		full := nb(t, "", args...)
		if full.stdout == "" {
			t.Fatalf("%q prints nothing", args)
		}
		half := len(full.stdout) / 2
		for _, w := range []*failWriter{{n: 0}, {n: half}, {n: half, short: true}} {
			name := fmt.Sprintf("%q after %d of %d bytes, short=%v", args, w.n, len(full.stdout), w.short)
			var errb bytes.Buffer
			code := run(args, strings.NewReader(""), w, &errb)
			if code != exitBad {
				t.Errorf("%s: exit %d, want %d; stderr:\n%s", name, code, exitBad, errb.String())
			}
			if !strings.Contains(errb.String(), "cannot write to standard output") || !strings.Contains(errb.String(), "无法写入标准输出") {
				t.Errorf("%s: stderr does not say the output could not be written:\n%s", name, errb.String())
			}
		}
	}
}

// TestWriteErrorDevFull runs nianbao export testdata/seeds >/dev/full as a
// process: exit status 2 and a message on standard error.
func TestWriteErrorDevFull(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	cmd := nianbaoProcess(t, "export", seedsDir)
	cmd.Stdout = full
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitBad {
		t.Errorf("nianbao export %s >/dev/full: %v, want exit status %d; stderr:\n%s", seedsDir, err, exitBad, errb.String())
	}
	if !strings.Contains(errb.String(), "no space left on device") {
		t.Errorf("stderr does not give the reason:\n%s", errb.String())
	}
}

// withTimeout runs f and fails the test if it has not returned after d: a
// hang is a failure, not a test that never ends.
func withTimeout(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %v", what, d)
	}
}

// zeros is an endless reader of NUL bytes, like /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestMaxSize checks the limit on the size of an input (issue 16 item 4):
// a file, /dev/zero named on the command line and an endless standard
// input are refused with a clear message and exit status 2 beyond it.
func TestMaxSize(t *testing.T) {
	for _, args := range [][]string{
		{"parse", "-max-size", "1KB", seed004},
		{"validate", "-max-size", "1k", seed004},
		{"fmt", "-max-size", "1000", seed004},
		{"export", "-max-size", "0.001MB", seed004},
	} {
		res := nb(t, "", args...)
		if res.code != exitBad || !strings.Contains(res.stderr, "-max-size") || !strings.Contains(res.stderr, seed004+": ") {
			t.Errorf("nianbao %q: exit %d, want %d and a message naming the file and -max-size:\n%s", args, res.code, exitBad, res.stderr)
		}
	}
	if res := nb(t, "", "parse", "-max-size", "1MB", seed004); res.code != exitOK {
		t.Errorf("a 7 KB seed under a 1 MB limit: exit %d; stderr:\n%s", res.code, res.stderr)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		var res result
		withTimeout(t, 30*time.Second, "nianbao parse /dev/zero", func() { res = nb(t, "", "parse", "-max-size", "1MB", "/dev/zero") })
		if res.code != exitBad || !strings.Contains(res.stderr, "-max-size") {
			t.Errorf("parse /dev/zero: exit %d, want %d and a message on the limit:\n%s", res.code, exitBad, res.stderr)
		}
	}
	var out, errb bytes.Buffer
	var code int
	withTimeout(t, 30*time.Second, "nianbao parse <endless input", func() {
		code = run([]string{"parse", "-max-size", "1MB"}, zeros{}, &out, &errb)
	})
	if code != exitBad || !strings.Contains(errb.String(), stdinName+": ") || !strings.Contains(errb.String(), "-max-size") {
		t.Errorf("parse <endless input: exit %d, want %d and a message on the limit:\n%s", code, exitBad, errb.String())
	}
	for _, bad := range []string{"x", "-1", "1XB", ""} {
		if res := nb(t, "", "parse", "-max-size", bad, seed004); res.code != exitBad || !strings.Contains(res.stderr, "max-size") {
			t.Errorf("-max-size %q: exit %d, want a usage error:\n%s", bad, res.code, res.stderr)
		}
	}
	if res := nb(t, "", "help", "parse"); !strings.Contains(res.stdout, "200MB") {
		t.Errorf("help parse does not give the default limit of 200MB:\n%s", res.stdout)
	}
}

// TestNewlineInFileName checks that a file name holding a newline does not
// split line-oriented output (issue 16 item 7): it is quoted in
// file:line:col findings, in fmt -l and in messages.
func TestNewlineInFileName(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "a\nb.txt")
	writeFile(t, broken, readFile(t, "../../testdata/validate/004_broken_sums.txt"))
	notReport := filepath.Join(dir, "c\nd.txt")
	writeFile(t, notReport, "这不是年报。\n")
	quoted := fmt.Sprintf("%q", broken)

	res := nb(t, "", "validate", broken)
	lines := strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n")
	if res.code != exitFindings || len(lines) < 2 {
		t.Fatalf("validate: exit %d, %d lines; want %d and findings:\n%s", res.code, len(lines), exitFindings, res.stdout)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, quoted+":") {
			t.Errorf("validate line %q does not start with the quoted name %s", l, quoted)
		}
	}
	res = nb(t, "", "fmt", "-l", broken)
	if res.stdout != quoted+"\n" {
		t.Errorf("fmt -l = %q, want %q", res.stdout, quoted+"\n")
	}
	res = nb(t, "", "parse", notReport)
	if res.code != exitBad || strings.Count(res.stderr, "\n") != 1 || !strings.HasPrefix(res.stderr, fmt.Sprintf("%q: ", notReport)) {
		t.Errorf("parse of a non-report: exit %d, stderr %q; want one line starting with the quoted name", res.code, res.stderr)
	}
	res = nb(t, "", "parse", "-v", "-f", "csv", broken)
	for _, l := range strings.Split(strings.TrimSuffix(res.stderr, "\n"), "\n") {
		if l != "" && !strings.HasPrefix(l, quoted+":") {
			t.Errorf("parse -v warning %q does not start with the quoted name %s", l, quoted)
		}
	}
}

// TestProgressClearsBeforeOutput checks that the progress line on a
// terminal is cleared before output is written to standard output on the
// same terminal (issue 16 item 7: it ran into the output).
func TestProgressClearsBeforeOutput(t *testing.T) {
	defer func(f func(io.Writer) bool, d time.Duration) { isTerminal, delay = f, d }(isTerminal, delay)
	isTerminal = func(io.Writer) bool { return true }
	delay = 0
	var term syncBuffer // stdout and stderr on one terminal
	e := &env{stdout: &term, stderr: &term, workers: 1}
	ins := []input{{name: "a"}, {name: "b"}, {name: "c"}}
	ordered(e, ins, func(in input) string {
		time.Sleep(500 * time.Millisecond) // long enough for a progress line
		return "output of " + in.name + "\n"
	}, func(_ input, out string) {
		io.WriteString(e.stdout, out)
	})
	got := term.String()
	if !strings.Contains(got, "files") {
		t.Fatalf("no progress line was shown: %q", got)
	}
	for _, name := range []string{"a", "b", "c"} {
		i := strings.Index(got, "output of "+name)
		if i < 0 {
			t.Fatalf("output of %s missing: %q", name, got)
		}
		if before := got[:i]; !strings.HasSuffix(before, "\r\x1b[K") && !strings.HasSuffix(before, "\n") && before != "" {
			t.Errorf("output of %s follows %q on the same line: %q", name, before[max(0, len(before)-30):], got)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// findingBomb writes testdata/validate/004_broken_sums.txt (errors in table
// 3) with n sentences in section 1 that each disagree with the table (a
// text-table warning each, before the errors), and returns its path.
func findingBomb(t *testing.T, n int) string {
	t.Helper()
	src := readFile(t, "../../testdata/validate/004_broken_sums.txt")
	const at = "## 一、总体情况\n\n"
	if !strings.Contains(src, at) {
		t.Fatalf("no %q in the report", at)
	}
	src = strings.Replace(src, at, at+strings.Repeat("本年新收政府信息公开申请 9 件。\n", n), 1)
	p := filepath.Join(t.TempDir(), "bomb.txt")
	writeFile(t, p, src)
	return p
}

// TestFindingCap checks the cap on the findings and warnings printed per
// file (issue 16 item 5: 86,526 lines for one input): at most
// -max-findings (default 1000) of them, then one line saying how many more
// there are; the exit status still counts the errors left out; 0 lists all.
func TestFindingCap(t *testing.T) {
	p := findingBomb(t, 3000)
	res := nb(t, "", "validate", p)
	lines := strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n")
	if len(lines) != 1001 {
		t.Fatalf("validate printed %d lines, want 1000 and one more", len(lines))
	}
	last := lines[1000]
	if !strings.Contains(last, "另有") || !strings.Contains(last, "[more]") || !strings.HasPrefix(last, p+": error: ") {
		t.Errorf("last line %q, want one saying how many more, errors among them", last)
	}
	if res.code != exitFindings {
		t.Errorf("exit %d, want %d: the errors of table 3 are among those left out", res.code, exitFindings)
	}
	all := nb(t, "", "validate", "-max-findings", "0", p)
	n := strings.Count(all.stdout, "\n")
	if n <= 3000 || strings.Contains(all.stdout, "[more]") {
		t.Errorf("-max-findings 0 printed %d lines, want every finding (more than 3000)", n)
	}
	if want := fmt.Sprintf("%d", n-1000); !strings.Contains(last, want) {
		t.Errorf("last line %q does not say %s more", last, want)
	}
	en := nb(t, "", "validate", "-en", "-max-findings", "10", p)
	if lines := strings.Split(strings.TrimSuffix(en.stdout, "\n"), "\n"); len(lines) != 11 || !strings.Contains(lines[10], "and ") {
		t.Errorf("-en -max-findings 10: %d lines, last %q", len(lines), lines[len(lines)-1])
	}
	js := nb(t, "", "validate", "-f", "json", "-max-findings", "10", p)
	var fs []finding
	if err := json.Unmarshal([]byte(js.stdout), &fs); err != nil || len(fs) != 11 || fs[10].Code != "more" {
		t.Errorf("-f json -max-findings 10: %v, %d findings, want 10 and one with code more", err, len(fs))
	}

	// parse -v lists the parser's warnings under the same cap.
	v := nb(t, "", "parse", "-v", "-f", "csv", "-max-warnings", "3", seeds(t)[1]) // seed 001: some 27 warnings
	wl := strings.Split(strings.TrimSuffix(v.stderr, "\n"), "\n")
	if len(wl) != 4 || !strings.Contains(wl[3], "另有") || !strings.Contains(wl[3], "more") {
		t.Errorf("parse -v -max-warnings 3: %d lines, want 3 and one more:\n%s", len(wl), v.stderr)
	}
}

// TestLongMessages checks that no line of output quotes a huge input
// whole (issue 16 item 5: 5 MB a finding): a table row ending in 300,000
// characters, and a cell of 300,000, under parse -v, validate -v and fmt.
func TestLongMessages(t *testing.T) {
	const maxLine = 2000
	long := strings.Repeat("无", 300_000)
	for _, c := range []struct{ name, old, new string }{
		{"a row ending in a long text", "规章\t0\t0\t0", "规章\t0\t0\t0\t" + long},
		{"a long text cell", "规章\t0\t0\t0", "规章\t" + long + "\t0\t0"},
	} {
		p := seedWith(t, "long.txt", c.old, c.new)
		for _, args := range [][]string{{"parse", "-v", "-f", "csv", p}, {"validate", "-v", p}, {"validate", "-v", "-f", "json", p}, {"fmt", p}} {
			res := nb(t, "", args...)
			out := res.stderr
			if args[0] == "validate" {
				out += res.stdout
			}
			for _, l := range strings.Split(out, "\n") {
				if len(l) > maxLine {
					t.Errorf("%s: nianbao %s: a line of %d bytes, want at most %d: %.80q…", c.name, args[0], len(l), maxLine, l)
					break
				}
			}
		}
	}
}
