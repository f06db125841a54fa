package nianbao_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao"
)

// TestEscapeFormula checks the OWASP rule for CSV injection (issue 16): a
// field a spreadsheet would run as a formula gets a leading apostrophe.
func TestEscapeFormula(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"=HYPERLINK(\"http://x\",\"点击\")", "'=HYPERLINK(\"http://x\",\"点击\")"},
		{"+86", "'+86"},
		{"-x", "'-x"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"无", "无"},
		{"见附注=1", "见附注=1"},
		{" =1", " =1"}, // a spreadsheet reads it as text
		{"", ""},
		{"'=1", "'=1"},
	} {
		if got := nianbao.EscapeFormula(c.in); got != c.want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestWriteCSVFormulas checks that WriteCSV neutralises text values a
// spreadsheet would run as formulas, leaves numbers (a signed count such as
// -3 in 本年增/减 among them) and not-applicable marks alone, and that
// CSVWriter.Formulas writes them as they are.
func TestWriteCSVFormulas(t *testing.T) {
	r := nianbao.NewReport(nianbao.E2019)
	set := func(ref string, c nianbao.Cell) {
		t.Helper()
		if err := r.SetCell(ref, c); err != nil {
			t.Fatal(err)
		}
	}
	set("t2.licensing.change", nianbao.MustNum("-3"))
	set("t2.licensing.prev_items", nianbao.TextCell("=1+1"))
	set("t2.licensing.decisions", nianbao.TextCell("@SUM(A1)"))
	set("t2.penalty.change", nianbao.TextCell("+见附注"))
	set("t2.penalty.prev_items", nianbao.TextCell("-"+"无"))
	set("t2.penalty.decisions", nianbao.NACell())
	set("t2.coercion.prev_items", nianbao.TextCell("无"))
	values := func(opts *nianbao.CSVWriter) map[string]string {
		t.Helper()
		var buf bytes.Buffer
		var err error
		if opts == nil {
			err = nianbao.WriteCSV(&buf, r)
		} else {
			err = opts.Write(&buf, r)
		}
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, rec := range recs[1:] {
			if rec[0] == "t2" && (rec[1] == "licensing" || rec[1] == "penalty" || rec[1] == "coercion" && rec[2] == "prev_items") {
				out[rec[1]+"."+rec[2]] = rec[3]
			}
		}
		return out
	}
	want := map[string]string{
		"licensing.change": "-3", "licensing.prev_items": "'=1+1", "licensing.decisions": "'@SUM(A1)",
		"penalty.change": "'+见附注", "penalty.prev_items": "'-无", "penalty.decisions": "/",
		"coercion.prev_items": "无",
	}
	if diff := cmp.Diff(want, values(nil)); diff != "" {
		t.Errorf("WriteCSV values mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, values(&nianbao.CSVWriter{})); diff != "" {
		t.Errorf("CSVWriter{}.Write values mismatch (-want +got):\n%s", diff)
	}
	raw := map[string]string{
		"licensing.change": "-3", "licensing.prev_items": "=1+1", "licensing.decisions": "@SUM(A1)",
		"penalty.change": "+见附注", "penalty.prev_items": "-无", "penalty.decisions": "/",
		"coercion.prev_items": "无",
	}
	if diff := cmp.Diff(raw, values(&nianbao.CSVWriter{Formulas: true})); diff != "" {
		t.Errorf("CSVWriter{Formulas: true}.Write values mismatch (-want +got):\n%s", diff)
	}
}
