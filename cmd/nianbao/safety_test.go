package main

// Tests of issue 16: output, fmt -w and directory walks under abuse.

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
				if n == 5 && rec[0] != c.want[0] {
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
