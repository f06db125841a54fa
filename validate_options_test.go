package nianbao_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/schema"
)

// reportFiles are the corpus, the seeds and the hand-broken reports.
func reportFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"testdata/corpus/*.txt", "testdata/seeds/*.txt", "testdata/validate/*.txt"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("found only %d report files", len(files))
	}
	return files
}

// TestDiagnosticsBilingual: every diagnostic the parser gives on the corpus,
// the seeds and the test reports has a Chinese message of its own (not the
// English after a word for its kind), and converts to a finding whose code
// is a parse rule of the table. A new message of the parser fails here: add
// its translation to diagTranslations in errors.go.
func TestDiagnosticsBilingual(t *testing.T) {
	codes := map[string]bool{}
	for _, r := range nianbao.Rules() {
		if r.Parse {
			codes[r.Code] = true
		}
	}
	missing := map[string]bool{}
	for _, file := range reportFiles(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := (&nianbao.Parser{Filename: file}).Parse(src)
		if r == nil {
			continue
		}
		for _, d := range r.Warnings {
			f := d.Finding()
			if !codes[f.Code] {
				t.Errorf("%s: diagnostic %v converts to code %q, not a parse rule", file, d, f.Code)
			}
			if f.MessageEN != d.Msg || f.File != file || f.Pos != d.Pos || f.Severity != d.Severity {
				t.Errorf("%s: diagnostic %v converts to %+v", file, d, f)
			}
			if strings.Contains(f.Message, "（英文说明）") && !missing[d.Msg] {
				missing[d.Msg] = true
				t.Errorf("%s: no Chinese for the parser's message %q (add it to diagTranslations in errors.go)", file, d.Msg)
			}
		}
	}
}

// TestParserValidate: Parser.Validate fills every finding's File with the
// Parser's Filename, and Validate takes it from the report's diagnostics.
func TestParserValidate(t *testing.T) {
	const file = "testdata/seeds/002_0b44081ec42214c3.txt"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p := &nianbao.Parser{Filename: "报告.txt"}
	r, fs, err := p.Validate(src)
	if r == nil || err != nil || len(fs) == 0 {
		t.Fatalf("Parser.Validate(%s) = %v, %d findings, %v", file, r != nil, len(fs), err)
	}
	for _, f := range fs {
		if f.File != "报告.txt" || !strings.HasPrefix(f.Error(), "报告.txt:") {
			t.Errorf("finding %v: File %q, want 报告.txt", f, f.File)
		}
	}
	if len(r.Warnings) > 0 {
		for _, f := range nianbao.Validate(r) {
			if f.File != "报告.txt" {
				t.Errorf("Validate of a report parsed as 报告.txt: finding File %q", f.File)
			}
		}
	}
	if _, fs, err := (&nianbao.Parser{}).Validate([]byte("不是年报")); fs != nil || err == nil {
		t.Errorf("Parser.Validate of no report: %v, %v", fs, err)
	}
}

// TestValidatorOptions: Enable and Disable select rules, Diagnostics adds
// the parser's diagnostics as findings, Strict makes warnings errors, keeps
// information and leaves out the traces of extraction.
func TestValidatorOptions(t *testing.T) {
	const file = "testdata/seeds/001_a9bda9e5e6ff3691.txt"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := nianbao.Parse(src)
	codes := func(fs []nianbao.Finding) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Severity.String()+" "+f.Code)
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	if got := codes(nianbao.Validate(r)); !slices.Equal(got, []string{"info no-period"}) {
		t.Fatalf("seed 001: %v, want the no-period information only", got)
	}
	if got := codes((&nianbao.Validator{Diagnostics: true}).Validate(r)); !slices.Contains(got, "warning parse-artefact") {
		t.Errorf("Diagnostics: %v, want the parser's traces of extraction", got)
	}
	if got := codes((&nianbao.Validator{Diagnostics: true, Strict: true}).Validate(r)); !slices.Equal(got, []string{"info no-period"}) {
		t.Errorf("Diagnostics and Strict: %v, want only the information", got)
	}
	if got := codes((&nianbao.Validator{Disable: []string{"no-period"}}).Validate(r)); len(got) > 0 {
		t.Errorf("Disable no-period: %v", got)
	}
	if got := codes((&nianbao.Validator{Enable: []string{"blank-cell"}}).Validate(r)); len(got) > 0 {
		t.Errorf("Enable blank-cell: %v", got)
	}
	b := validReport(nianbao.Edition(schema.E2021))
	b.SetCell("t3.partial.research", nianbao.BlankCell())
	if got := codes((&nianbao.Validator{Strict: true}).Validate(b)); !slices.Equal(got, []string{"error blank-cell"}) {
		t.Errorf("Strict on a blank cell: %v, want an error", got)
	}
	if bad := nianbao.UnknownRules([]string{"blank-cell", "no-such-rule", "parse-artefact"}); !slices.Equal(bad, []string{"no-such-rule"}) {
		t.Errorf("UnknownRules = %v", bad)
	}
}

// TestSeriesCopy: prose copied from the report before, the same but for its
// numbers, nearly the same, and a table copied whole are information naming
// both places; short sections and tables of zeros alike from year to year
// are not.
func TestSeriesCopy(t *testing.T) {
	const para = "我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，" +
		"严格执行《中华人民共和国政府信息公开条例》，围绕中心工作，扎实推进决策、执行、管理、服务、结果公开，不断提升政务公开质量和实效。"
	mk := func(year int, s1, s5, s6 string) *nianbao.Report {
		r := validReport(nianbao.Edition(schema.E2021))
		r.Agency, r.Year = "某某县医疗保障局", year
		r.Sections[0].Text, r.Sections[4].Text, r.Sections[5].Text = s1, s5, s6
		for i := range r.Sections {
			r.Sections[i].Pos = nianbao.Position{Line: 10 * (i + 1), Column: 1}
		}
		return r
	}
	prev := mk(2022, "2022年，"+para+"全年主动公开信息120条。", para, "无。")
	cur := mk(2023, "2023年，"+para+"全年主动公开信息135条。", strings.Replace(para, "不断提升", "进一步提升", 1), "无。")
	cur.SetCell("t2.licensing.decisions", nianbao.IntCell(99)) // table 2 differs; tables 3 and 4 are copied
	var got []string
	for _, f := range (&nianbao.Validator{Enable: []string{"series-copy"}}).ValidateSeries([]*nianbao.Report{cur, prev}) {
		if f.Code != "series-copy" || f.Severity != nianbao.SeverityInfo || f.Report != cur {
			t.Errorf("unexpected finding %v", f)
			continue
		}
		got = append(got, f.Message)
	}
	want := []string{"“一、总体情况”（10:1）与 2022 年报告的“一、总体情况”（10:1）文字除数字外相同",
		"“五、存在的主要问题及改进情况”（50:1）与 2022 年报告的“五、存在的主要问题及改进情况”（50:1）文字几乎相同",
		"表三", "表四"}
	if len(got) != len(want) {
		t.Fatalf("series-copy findings %q, want %d", got, len(want))
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("finding %q does not say %q", got[i], w)
		}
	}
}
