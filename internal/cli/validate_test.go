package cli

import (
	"encoding/json"
	"fmt"
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
		if sev := f["severity"]; sev != "warning" && sev != "error" && sev != "info" {
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
		if !strings.Contains(rest, ": warning: ") && !strings.Contains(rest, ": error: ") && !strings.Contains(rest, ": info: ") || !strings.HasSuffix(rest, "]") {
			t.Errorf("line %q is not file:line:col: severity: message [code]", line)
		}
	}
}

func TestValidateStrict(t *testing.T) {
	// Seed 002 leaves cells blank; -strict makes those warnings errors.
	name := seeds(t)[2]
	res := nb(t, "", "validate", "-strict", name)
	if res.code != exitFindings || !strings.Contains(res.stdout, ": error: ") {
		t.Errorf("validate -strict %s: exit %d, want %d with errors:\n%s", name, res.code, exitFindings, res.stdout)
	}
	// Seed 001 needs only the repairs of extraction (labels broken across
	// lines): -v lists them, -strict leaves them out, and its one finding is
	// information, which -strict leaves as it is.
	name = seeds(t)[1]
	if v := nb(t, "", "validate", "-v", name); !strings.Contains(v.stdout, "[parse-artefact]") {
		t.Fatalf("validate -v %s lists no parse-artefact; the test needs a seed with repairs:\n%s", name, v.stdout)
	}
	res = nb(t, "", "validate", "-strict", name)
	if res.code != exitOK || strings.Contains(res.stdout, "parse-artefact") || !strings.Contains(res.stdout, ": info: ") {
		t.Errorf("validate -strict %s: exit %d, want %d, no parse-artefact, the info kept:\n%s", name, res.code, exitOK, res.stdout)
	}
}

// TestValidateEnableDisable selects rules by code, and refuses codes that
// name no rule.
func TestValidateEnableDisable(t *testing.T) {
	name := seeds(t)[2]
	all := nb(t, "", "validate", name)
	if !strings.Contains(all.stdout, "[blank-cell]") || !strings.Contains(all.stdout, "[no-period]") {
		t.Fatalf("seed 002 no longer has blank-cell and no-period findings:\n%s", all.stdout)
	}
	only := nb(t, "", "validate", "-enable", "no-period", name)
	if strings.Contains(only.stdout, "[blank-cell]") || !strings.Contains(only.stdout, "[no-period]") {
		t.Errorf("-enable no-period:\n%s", only.stdout)
	}
	without := nb(t, "", "validate", "-disable", "no-period,blank-cell", name)
	if strings.Contains(without.stdout, "[blank-cell]") || strings.Contains(without.stdout, "[no-period]") {
		t.Errorf("-disable no-period,blank-cell:\n%s", without.stdout)
	}
	if bad := nb(t, "", "validate", "-disable", "no-such-rule", name); bad.code != exitBad || !strings.Contains(bad.stderr, "no-such-rule") {
		t.Errorf("-disable no-such-rule: exit %d, stderr %q", bad.code, bad.stderr)
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
			(r.Severity != "error" && r.Severity != "warning" && r.Severity != "info") {
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

// TestValidateFindings runs validate on hand-broken reports: exit 1, every
// rule that fails named with the file, line and column of the cell.
func TestValidateFindings(t *testing.T) {
	res := nb(t, "", "validate", "../../testdata/validate/004_broken_sums.txt", "../../testdata/validate/004_broken_t4_text.txt")
	if res.code != exitFindings {
		t.Errorf("exit %d, want %d", res.code, exitFindings)
	}
	for _, want := range []string{
		"004_broken_sums.txt:56:19: error: 表三“自然人”列：一、本年新收 + 二、上年结转 = 4，（七）总计 + 四、结转下年度继续办理 = 5，相差 1 [t3-balance]",
		"004_broken_sums.txt:80:8: error: 表三“自然人”列：（七）总计 = 4，办理结果各行之和 = 5，相差 1 [t3-results]",
		"004_broken_t4_text.txt:88:9: error: 表四“行政复议”行：总计 = 0，结果维持、结果纠正、其他结果、尚未审结之和 = 1，相差 1 [t4-row-sum]",
		"004_broken_t4_text.txt:56:31: warning: “一、总体情况”写“新收政府信息公开申请 5 件”，表格中一、本年新收政府信息公开申请数量是 4 [text-table]",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("validate output lacks\n%s\ngot:\n%s", want, res.stdout)
		}
	}
	en := nb(t, "", "validate", "-en", "../../testdata/validate/004_broken_sums.txt")
	if want := "004_broken_sums.txt:80:8: error: table 3, column 自然人 (natural_person): total = 4, sum of result rows = 5, difference 1 [t3-results]"; !strings.Contains(en.stdout, want) {
		t.Errorf("validate -en output lacks\n%s\ngot:\n%s", want, en.stdout)
	}
}

// TestValidateSeriesFiles gives two reports of one agency together: the
// carry-over that does not chain is reported on the later file.
func TestValidateSeriesFiles(t *testing.T) {
	dir := t.TempDir()
	seed := readFile(t, "../../testdata/seeds/004_a48343d0f3c95c5a.txt")
	y2023 := dir + "/2023.txt"
	writeFile(t, y2023, seed)
	// The 2024 report says it carried over 3 requests; 2023 carried forward 0.
	// (Writing the file with the year replaced also keeps its table 2.)
	next := strings.ReplaceAll(seed, "2023", "2024")
	next = strings.Replace(next, "二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0", "二、上年结转政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3", 1)
	y2024 := dir + "/2024.txt"
	writeFile(t, y2024, next)
	res := nb(t, "", "validate", "-f", "json", y2024, y2023)
	var fs []finding
	if err := json.Unmarshal([]byte(res.stdout), &fs); err != nil {
		t.Fatalf("%v\n%s", err, res.stdout)
	}
	var series []string
	for _, f := range fs {
		if strings.HasPrefix(f.Code, "series") {
			series = append(series, f.File+" "+f.Code+" "+strings.Join(f.Cells, " "))
		}
	}
	want := []string{
		y2024 + " series-carried-over t3.carried_over.natural_person t3.carried_forward.natural_person",
		y2024 + " series-carried-over t3.carried_over.total t3.carried_forward.total",
		// The copy keeps 2023's 4 new normative documents and 29 in force.
		y2024 + " series-in-force t2.normative_docs.in_force t2.normative_docs.issued t2.normative_docs.repealed",
		// And it is a copy: sections 1 (the year changed) and 5.
		y2024 + " series-copy ",
		y2024 + " series-copy ",
	}
	if diff := cmp.Diff(want, series); diff != "" {
		t.Errorf("series findings (-want +got):\n%s\n%s", diff, res.stdout)
	}
	// Each file alone is no series.
	if one := nb(t, "", "validate", y2024); strings.Contains(one.stdout, "series") {
		t.Errorf("one report gave series findings:\n%s", one.stdout)
	}
	// The same agency signing 2024's report with its province in front is
	// the same series.
	if !strings.Contains(next, "芜湖市医疗保障局") {
		t.Fatal("seed 004 no longer names 芜湖市医疗保障局")
	}
	writeFile(t, y2024, strings.ReplaceAll(next, "芜湖市医疗保障局", "安徽省芜湖市医疗保障局"))
	renamed := nb(t, "", "validate", y2024, y2023)
	if n := strings.Count(renamed.stdout, "[series-carried-over]"); n != 2 || !strings.Contains(renamed.stdout, "安徽省芜湖市医疗保障局 2024 年") {
		t.Errorf("2023 and 2024 signed 芜湖市 / 安徽省芜湖市医疗保障局: %d series-carried-over findings, want 2 naming the longer name:\n%s", n, renamed.stdout)
	}
}

// TestValidateDirectory validates the directory of hand-broken reports:
// only the reports are read (their golden files are not .txt), and the
// errors make the exit status 1.
func TestValidateDirectory(t *testing.T) {
	res := nb(t, "", "validate", "-q", "../../testdata/validate")
	if res.code != exitFindings || res.stderr != "" {
		t.Errorf("validate -q: exit %d, want %d; stderr:\n%s", res.code, exitFindings, res.stderr)
	}
	// Without -q: a note on the golden files skipped, and the summary.
	loud := nb(t, "", "validate", "../../testdata/validate")
	want := "../../testdata/validate: 另有 11 个文件不是报告格式（.golden 11 个），已跳过；读取的是 .txt .md .html .htm .docx 文件 / " +
		"11 other files not in a report format (11 .golden) skipped; a walk reads .txt .md .html .htm .docx files\n" +
		fmt.Sprintf("6 份报告：%d 个错误，%d 个警告，%d 个提示；跳过 11 个文件\n", strings.Count(res.stdout, ": error: "), strings.Count(res.stdout, ": warning: "), strings.Count(res.stdout, ": info: "))
	if loud.stdout != res.stdout || loud.stderr != want {
		t.Errorf("validate without -q: stderr mismatch (-want +got):\n%s", cmp.Diff(want, loud.stderr))
	}
	for _, f := range []string{"000_broken_total.txt:49:", "001_broken_total.txt:161:", "002_broken_total.txt:445:"} {
		if !strings.Contains(res.stdout, f) {
			t.Errorf("no finding at %s:\n%s", f, res.stdout)
		}
	}
}
