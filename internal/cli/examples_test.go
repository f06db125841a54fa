package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao"
)

// buildExamples builds every program under examples/ into a temporary
// directory, so that the examples cannot rot, and returns the directory.
func buildExamples(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build the examples with")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-o", dir+string(filepath.Separator), "./examples/...")
	cmd.Dir = "../.."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./examples/...: %v\n%s", err, out)
	}
	return dir
}

// runExample runs a built example from the repository root.
func runExample(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(dir, name), args...)
	cmd.Dir = "../.."
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("examples/%s %q: %v\n%s", name, args, err, stderr.String())
	}
	return string(out)
}

func TestExamples(t *testing.T) {
	dir := buildExamples(t)
	entries, err := os.ReadDir("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]bool{}
	root := func(p string) string { rel, _ := filepath.Rel("../..", p); return rel }
	files := seeds(t)

	t.Run("keynumbers", func(t *testing.T) {
		tested["keynumbers"] = true
		out := runExample(t, dir, "keynumbers", root(files[4]), root(files[3]))
		for _, f := range []string{files[4], files[3]} {
			r := parseFile(t, f)
			for _, want := range []string{
				"agency 机关:   " + r.Agency,
				"year 年度:     " + strconv.Itoa(r.Year),
				"本年新收申请:    " + r.Requests.New.Total.String(),
				"t4.review.total:            " + r.Reviews.Review.Total.String(),
			} {
				if !strings.Contains(out, want) {
					t.Errorf("keynumbers output lacks %q:\n%s", want, out)
				}
			}
		}
	})

	t.Run("build", func(t *testing.T) {
		tested["build"] = true
		out := runExample(t, dir, "build")
		r, err := nianbao.Parse([]byte(out))
		if err != nil {
			t.Fatalf("the built report does not parse: %v", err)
		}
		if got := string(nianbao.Format(r)); got != out {
			t.Errorf("the built report is not in canonical form:\n%s", cmp.Diff(out, got))
		}
		if r.Agency != "示例市数据资源局" || r.Year != 2024 || r.Edition() != nianbao.E2021 {
			t.Errorf("built report: agency %q year %d edition %q", r.Agency, r.Year, r.Edition())
		}
		for ref, want := range map[string]string{"t2.fees.amount": "12.5", "t3.new.total": "15", "t2.coercion.decisions": "/", "t3.denied_secret.total": "0"} {
			if c, _ := r.Cell(ref); c.String() != want {
				t.Errorf("built report %s = %q, want %q", ref, c.String(), want)
			}
		}
	})

	t.Run("exportseries", func(t *testing.T) {
		tested["exportseries"] = true
		var args []string
		for _, f := range files {
			args = append(args, root(f))
		}
		out := runExample(t, dir, "exportseries", args...)
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != len(files)+1 {
			t.Fatalf("%d rows, want %d", len(recs)-1, len(files))
		}
		header := recs[0]
		var keys []string
		for _, rec := range recs[1:] {
			r := parseFile(t, filepath.Join("../..", rec[0]))
			keys = append(keys, fmt.Sprintf("%s\x00%04d", r.Agency, r.Year))
			for j, ref := range header[3:] {
				if c, _ := r.Cell(ref); rec[3+j] != c.String() {
					t.Errorf("%s %s = %q, want %q", rec[0], ref, rec[3+j], c.String())
				}
			}
		}
		if !slices.IsSorted(keys) {
			t.Errorf("rows are not sorted by agency and year: %q", keys)
		}
	})

	t.Run("validatedir", func(t *testing.T) {
		tested["validatedir"] = true
		out := runExample(t, dir, "validatedir", "testdata/validate")
		// Every error Validate finds in the directory is printed, then the
		// summary counts them.
		files, _ := filepath.Glob("../../testdata/validate/*.txt")
		reports, withErrors, errs := 0, 0, 0
		for _, f := range files {
			reports++
			fs := nianbao.Validate(parseFile(t, f))
			if nianbao.HasErrors(fs) {
				withErrors++
			}
			for _, x := range fs {
				if x.Severity == nianbao.SeverityError {
					errs++
					x.File = root(f)
					if !strings.Contains(out, x.Error()+"\n") {
						t.Errorf("validatedir output lacks %q:\n%s", x.Error(), out)
					}
				}
			}
		}
		if want := fmt.Sprintf("%d reports, %d with errors, 0 not read", reports, withErrors); errs == 0 || !strings.Contains(out, want) {
			t.Errorf("validatedir output lacks %q (%d errors):\n%s", want, errs, out)
		}
	})

	for _, e := range entries {
		if e.IsDir() && !tested[e.Name()] && !t.Failed() {
			if _, err := os.Stat(filepath.Join(dir, e.Name())); err == nil {
				t.Errorf("examples/%s is built but not run by TestExamples", e.Name())
			}
		}
	}
}
