package nianbao_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/opengovcn/nianbao"
)

// internalName matches what a reader of a report does not know: a cell
// reference (t3.carried_forward.total), a block ID (t2.1, t3) or a rule
// code (t3-balance).
var internalName = regexp.MustCompile(`\bt[234](\.[a-z0-9_]+)*\b|\bt[234]-[a-z-]+\b`)

// TestMessagesInWords checks that the Chinese message of every finding on
// the test reports, the parser's diagnostics included, names tables, rows,
// columns and rules in words (表三“总计”列), never by reference, block ID or
// rule code (issue 19 item 4): those are in the finding's Cells and Code.
func TestMessagesInWords(t *testing.T) {
	var files []string
	for _, g := range []string{"testdata/seeds/*.txt", "testdata/corpus/*.txt", "testdata/validate/*.txt", "testdata/web/*", "testdata/html/*.html", "testdata/lopdf/*.txt"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	var entries []nianbao.SeriesEntry
	seen := 0
	check := func(f nianbao.Finding) {
		seen++
		msg := f.Message
		for _, file := range files { // a file name may hold anything
			msg = strings.ReplaceAll(msg, file, "")
		}
		if m := internalName.FindString(msg); m != "" {
			t.Errorf("%s:%s [%s]: the Chinese message names %q: %s", f.File, f.Pos, f.Code, m, f.Message)
		}
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := (&nianbao.Parser{Filename: name}).Parse(src)
		if err != nil {
			continue
		}
		v := &nianbao.Validator{File: name, Source: src, Diagnostics: true}
		for _, f := range v.Validate(r) {
			check(f)
		}
		entries = append(entries, nianbao.NewSeriesEntry(name, r))
	}
	for _, f := range (&nianbao.Validator{}).ValidateSeriesEntries(entries) {
		check(f)
	}
	if seen < 500 {
		t.Errorf("only %d findings checked", seen)
	}
}

// TestUndecidableInWords checks the message of a rule that a "/" cell
// leaves undecided: the rule and the cells in words.
func TestUndecidableInWords(t *testing.T) {
	r := nianbao.NewReport(nianbao.E2021)
	for _, rc := range r.Cells() {
		r.SetCell(rc.Ref, nianbao.IntCell(0))
	}
	r.SetCell("t3.carried_forward.total", nianbao.NACell())
	var got []nianbao.Finding
	for _, f := range nianbao.Validate(r) {
		if f.Code == "undecidable" {
			got = append(got, f)
		}
	}
	if len(got) == 0 {
		t.Fatal("no undecidable finding on a report with a \"/\" in 四、结转下年度继续办理 × 总计")
	}
	for _, f := range got {
		if m := internalName.FindString(f.Message); m != "" || !strings.Contains(f.Message, "表三“四、结转下年度继续办理”行“总计”列") {
			t.Errorf("undecidable: %s / %s", f.Message, f.MessageEN)
		}
		if strings.Contains(f.MessageEN, "t3-") {
			t.Errorf("undecidable (English) names the rule by its code: %s", f.MessageEN)
		}
	}
}
