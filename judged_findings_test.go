package nianbao_test

// The judged findings: every finding nianbao validate gives on the corpus
// and the seeds (validated together, as "nianbao validate
// testdata/corpus/*.txt testdata/seeds/*.txt" does), each with a verdict a
// person reached by reading the source text, in testdata/corpus/findings.tsv.
//
//	true   what the finding says is so in the source, where it says (for a
//	       series finding: in the set of reports given)
//	false  it is not: a false alarm
//	noise  true, but it repeats another finding or says nothing a report
//	       officer would act on
//
// A finding is known by its file, line, code and cells — not by its wording,
// so messages can change freely. TestJudgedFindings fails when a finding
// appears that has no verdict, when a finding judged true disappears, when an
// error is judged false, and prints the precision of each rule. After a
// change that makes new findings, run
//
//	go test -run TestJudgedFindings -judge
//
// which writes them into findings.tsv with the verdict "?" and their message;
// read the source at that place, replace "?" with a verdict and the message
// with the reason, and run the test again.

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/opengovcn/nianbao"
)

var judge = flag.Bool("judge", false, "write the findings not yet judged into testdata/corpus/findings.tsv, with the verdict ?")

const findingsFile = "testdata/corpus/findings.tsv"

// judgedFinding is one row of findings.tsv.
type judgedFinding struct {
	File    string // "corpus/005_hongze_qzf_2024_pdflayout.txt"
	Line    int
	Code    string
	Cells   string // space-separated references
	Verdict string // true, false, noise, or ? (not judged yet)
	Why     string
}

func (j judgedFinding) key() string {
	return fmt.Sprintf("%s\t%d\t%s\t%s", j.File, j.Line, j.Code, j.Cells)
}

// currentFindings validates the corpus and the seeds as nianbao validate
// does: each file with its source, then the series over all of them.
func currentFindings(t *testing.T) []judgedFinding {
	t.Helper()
	var files []string
	for _, pat := range []string{"testdata/corpus/*.txt", "testdata/seeds/*.txt"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	var out []judgedFinding
	var entries []nianbao.SeriesEntry
	add := func(f nianbao.Finding) {
		out = append(out, judgedFinding{File: f.File, Line: f.Pos.Line, Code: f.Code, Cells: strings.Join(f.Cells, " "), Why: f.Message})
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(file, "testdata/")
		r, err := nianbao.Parse(src)
		if r == nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, f := range (&nianbao.Validator{File: name, Source: src}).Validate(r) {
			add(f)
		}
		entries = append(entries, nianbao.NewSeriesEntry(name, r))
	}
	for _, f := range (&nianbao.Validator{}).ValidateSeriesEntries(entries) {
		add(f)
	}
	return out
}

func readJudged(t *testing.T) []judgedFinding {
	t.Helper()
	f, err := os.Open(findingsFile)
	if err != nil {
		t.Fatalf("%v (run go test -run TestJudgedFindings -judge to start it)", err)
	}
	defer f.Close()
	var out []judgedFinding
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 6 {
			t.Fatalf("%s:%d: %d fields, want 6 (file, line, code, cells, verdict, why)", findingsFile, n, len(p))
		}
		ln, err := strconv.Atoi(p[1])
		if err != nil {
			t.Fatalf("%s:%d: line %q: %v", findingsFile, n, p[1], err)
		}
		if !slices.Contains([]string{"true", "false", "noise", "?"}, p[4]) {
			t.Fatalf("%s:%d: verdict %q, want true, false, noise or ?", findingsFile, n, p[4])
		}
		out = append(out, judgedFinding{File: p[0], Line: ln, Code: p[2], Cells: p[3], Verdict: p[4], Why: p[5]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

const findingsHeader = `# The findings of nianbao validate on testdata/corpus and testdata/seeds, each judged by reading the
# source: true (what the finding says is so, there; for a series finding, in the set of reports given),
# false (a false alarm), noise (true, but it repeats another finding or says nothing to act on). Read by
# TestJudgedFindings (judged_findings_test.go); go test -run TestJudgedFindings -judge adds the findings
# not judged yet with the verdict ? and their message in place of the reason.
# file	line	code	cells	verdict	why
`

func writeJudged(t *testing.T, rows []judgedFinding) {
	t.Helper()
	var b strings.Builder
	b.WriteString(findingsHeader)
	for _, j := range rows {
		why := strings.NewReplacer("\t", " ", "\n", " ").Replace(j.Why)
		fmt.Fprintf(&b, "%s\t%d\t%s\t%s\t%s\t%s\n", j.File, j.Line, j.Code, j.Cells, j.Verdict, why)
	}
	if err := os.WriteFile(findingsFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestJudgedFindings(t *testing.T) {
	if testing.Short() {
		t.Skip("validates the whole corpus")
	}
	cur := currentFindings(t)
	var judged []judgedFinding
	if _, err := os.Stat(findingsFile); err == nil || !*judge {
		judged = readJudged(t)
	}
	pool := map[string][]int{} // key → indexes of judged rows not yet matched
	for i, j := range judged {
		pool[j.key()] = append(pool[j.key()], i)
	}
	matched := make([]bool, len(judged))
	var rows []judgedFinding // the file as -judge writes it
	var unjudged []judgedFinding
	type tally struct{ all, true, false, noise int }
	byRule := map[string]*tally{}
	for _, f := range cur {
		k := f.key()
		if len(pool[k]) == 0 {
			f.Verdict = "?"
			unjudged = append(unjudged, f)
			rows = append(rows, f)
			continue
		}
		i := pool[k][0]
		pool[k] = pool[k][1:]
		matched[i] = true
		j := judged[i]
		rows = append(rows, j)
		if j.Verdict == "?" {
			unjudged = append(unjudged, j)
			continue
		}
		tl := byRule[f.Code]
		if tl == nil {
			tl = &tally{}
			byRule[f.Code] = tl
		}
		tl.all++
		switch j.Verdict {
		case "true":
			tl.true++
		case "false":
			tl.false++
		case "noise":
			tl.noise++
		}
		if j.Verdict == "false" && severity(f.Code) == nianbao.SeverityError {
			t.Errorf("%s:%d: error %s judged false: %s", f.File, f.Line, f.Code, j.Why)
		}
	}
	for i, j := range judged {
		if matched[i] {
			continue
		}
		if j.Verdict == "true" {
			t.Errorf("%s:%d: %s on %q, judged true, is no longer reported (%s)", j.File, j.Line, j.Code, j.Cells, j.Why)
			rows = append(rows, j) // kept, so that the loss stays visible
		}
	}
	if *judge {
		writeJudged(t, rows)
		t.Logf("wrote %s: %d findings, %d not judged yet (verdict ?)", findingsFile, len(rows), len(unjudged))
	}
	for _, f := range unjudged {
		t.Errorf("%s:%d: %s on %q not judged yet: %s (go test -run TestJudgedFindings -judge writes it into %s)",
			f.File, f.Line, f.Code, f.Cells, f.Why, findingsFile)
	}
	// Precision by rule.
	codes := make([]string, 0, len(byRule))
	var sum, single tally
	for c, tl := range byRule {
		codes = append(codes, c)
		for _, s := range []*tally{&sum, &single} {
			if s == &single && strings.HasPrefix(c, "series-") {
				continue
			}
			s.all += tl.all
			s.true += tl.true
			s.false += tl.false
			s.noise += tl.noise
		}
	}
	sort.Strings(codes)
	var b strings.Builder
	fmt.Fprintf(&b, "precision by rule (true / all):\n%-22s %5s %5s %5s %5s %9s\n", "code", "all", "true", "false", "noise", "precision")
	line := func(name string, tl tally) {
		fmt.Fprintf(&b, "%-22s %5d %5d %5d %5d %8.1f%%\n", name, tl.all, tl.true, tl.false, tl.noise, 100*float64(tl.true)/float64(max(tl.all, 1)))
	}
	for _, c := range codes {
		line(c, *byRule[c])
	}
	line("all but series", single)
	line("all", sum)
	t.Log(b.String())
}

// severity returns the severity of the rule with the given code.
func severity(code string) nianbao.Severity {
	for _, r := range nianbao.Rules() {
		if r.Code == code {
			return r.Severity
		}
	}
	return nianbao.SeverityWarning
}
