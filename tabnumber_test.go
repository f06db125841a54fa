package nianbao

import (
	"os"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A row's number set apart from its mark in a TAB-separated field ("1 、
// 申请人…", as a PDF reader keeping WPS's gaps writes it) is the row's
// label, not a value "1" followed by text: every cell reads as with "1.".
// Before, table 3's "1 、 申请人无正当理由逾期不补正…" gave its row's values
// to the 2019 row （六）其他处理, one column off (issue 18, 淮安市 2024's PDF).
func TestTabFieldSpacedListNumber(t *testing.T) {
	src, err := os.ReadFile("testdata/seeds/004_a48343d0f3c95c5a.txt")
	if err != nil {
		t.Fatal(err)
	}
	spaced := regexp.MustCompile(`\t(\d)\. ?`).ReplaceAll(src, []byte("\t$1 、 "))
	if string(spaced) == string(src) {
		t.Fatal("the seed has no TAB field that starts with a row number")
	}
	want, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(spaced)
	if err != nil {
		t.Fatal(err)
	}
	cells := func(r *Report) map[string]string {
		m := map[string]string{}
		for _, rc := range r.Cells() {
			m[rc.Ref] = corpusValue(rc.Cell)
		}
		return m
	}
	if diff := cmp.Diff(cells(want), cells(got)); diff != "" {
		t.Errorf("cells differ (-want +got):\n%s", diff)
	}
}
