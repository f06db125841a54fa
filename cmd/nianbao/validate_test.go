package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// jsonKeys are the keys of every finding in validate -f json.
var jsonKeys = []string{"cells", "code", "column", "file", "line", "message", "message_en", "severity"}

func TestValidateJSONShape(t *testing.T) {
	files := seeds(t)
	res := nb(t, "", append([]string{"validate", "-f", "json", "-v"}, files...)...)
	if res.code == exitBad {
		t.Fatalf("exit %d; stderr:\n%s", res.code, res.stderr)
	}
	var findings []map[string]any
	if err := json.Unmarshal([]byte(res.stdout), &findings); err != nil {
		t.Fatalf("validate -f json: not a JSON array of objects: %v\n%s", err, res.stdout)
	}
	if len(findings) == 0 {
		t.Fatal("validate -f json -v on the seeds found nothing; the seeds have parser warnings")
	}
	lastFile, lastLine := -1, 0
	for i, f := range findings {
		keys := make([]string, 0, len(f))
		for k := range f {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if diff := cmp.Diff(jsonKeys, keys); diff != "" {
			t.Fatalf("finding %d keys mismatch (-want +got):\n%s", i, diff)
		}
		file, _ := f["file"].(string)
		fi := slices.Index(files, file)
		if fi < 0 {
			t.Errorf("finding %d names file %q, not an input", i, file)
		}
		if sev := f["severity"]; sev != "warning" && sev != "error" {
			t.Errorf("finding %d severity %v", i, sev)
		}
		if _, ok := f["cells"].([]any); !ok {
			t.Errorf("finding %d cells is %T, want an array", i, f["cells"])
		}
		line, ok := f["line"].(float64)
		if !ok {
			t.Errorf("finding %d line is %T", i, f["line"])
		}
		if msg, _ := f["message"].(string); msg == "" {
			t.Errorf("finding %d has no message", i)
		}
		// Per-file findings come in input order, then by line.
		if code, _ := f["code"].(string); !strings.HasPrefix(code, "series") {
			if fi < lastFile || fi == lastFile && int(line) < lastLine {
				t.Errorf("finding %d (%s:%v) is out of order", i, file, line)
			}
			lastFile, lastLine = fi, int(line)
		}
	}
	// No findings: an empty array, not null.
	empty := nb(t, readFile(t, files[4]), "validate", "-f", "json")
	if strings.TrimSpace(empty.stdout) != "[]" && !strings.HasPrefix(empty.stdout, "[\n") {
		t.Errorf("validate -f json with no findings printed %q", empty.stdout)
	}
}

func TestValidateTextForm(t *testing.T) {
	files := seeds(t)
	res := nb(t, "", append([]string{"validate", "-v"}, files...)...)
	for _, line := range strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n") {
		// file:line:col: severity: message [code]
		file, rest, ok := strings.Cut(line, ":")
		if !ok || !slices.Contains(files, file) {
			t.Errorf("line %q does not start with an input file", line)
			continue
		}
		if !strings.Contains(rest, ": warning: ") && !strings.Contains(rest, ": error: ") || !strings.HasSuffix(rest, "]") {
			t.Errorf("line %q is not file:line:col: severity: message [code]", line)
		}
	}
}

func TestValidateStrict(t *testing.T) {
	// Seed 001 needs repairs; -strict makes them errors.
	name := seeds(t)[1]
	if r := parseFile(t, name); len(r.Warnings) == 0 {
		t.Fatalf("%s parses without warnings; the test needs a seed with repairs", name)
	}
	res := nb(t, "", "validate", "-strict", name)
	if res.code != exitFindings || !strings.Contains(res.stdout, ": error: ") {
		t.Errorf("validate -strict %s: exit %d, want %d with errors:\n%s", name, res.code, exitFindings, res.stdout)
	}
}

func TestValidateRules(t *testing.T) {
	res := nb(t, "", "validate", "-rules", "-f", "json")
	if res.code != exitOK {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	var rules []rule
	if err := json.Unmarshal([]byte(res.stdout), &rules); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rules {
		if r.Code == "" || seen[r.Code] || r.Description == "" || r.DescriptionEN == "" ||
			(r.Severity != "error" && r.Severity != "warning") {
			t.Errorf("rule %+v: empty field, duplicate code or unknown severity", r)
		}
		seen[r.Code] = true
	}
	text := nb(t, "", "validate", "-rules")
	for _, r := range rules {
		if !strings.Contains(text.stdout, r.Code) {
			t.Errorf("validate -rules does not list %s", r.Code)
		}
	}
	if res := nb(t, "", "validate", "-rules", "x.txt"); res.code != exitBad {
		t.Errorf("validate -rules x.txt: exit %d, want %d", res.code, exitBad)
	}
}
