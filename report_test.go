package nianbao

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao/schema"
)

// The Report struct tags and the schema catalog must name exactly the same
// cells: the catalog is the single source of rows and columns.
func TestReportFieldsMatchCatalog(t *testing.T) {
	catalog := map[string]bool{}
	for _, e := range schema.Editions {
		for _, b := range schema.Blocks(e) {
			for _, c := range b.AllCells() {
				catalog[c.Ref] = true
			}
		}
	}
	fields := CellRefs()
	for _, ref := range fields {
		if !catalog[ref] {
			t.Errorf("Report has a field for %s, the catalog has no such cell", ref)
		}
	}
	for ref := range catalog {
		if !slices.Contains(fields, ref) {
			t.Errorf("catalog cell %s has no Report field", ref)
		}
	}
}

func TestCellLookup(t *testing.T) {
	r := NewReport(E2021)
	r.Requests.New.Total = IntCell(4)
	if c, ok := r.Cell("t3.new.total"); !ok || !c.Equal(IntCell(4)) {
		t.Errorf(`Cell("t3.new.total") = %v, %v; want 4, true`, c, ok)
	}
	if err := r.SetCell("t2.fees.amount", MustNum("96171.6")); err != nil {
		t.Fatal(err)
	}
	if got := r.Active.Fees.Amount.Value; got != "96171.6" {
		t.Errorf("SetCell(t2.fees.amount) set %q, want 96171.6", got)
	}
	if c, _ := r.Cell("t2.procurement.amount"); c.Kind != Absent {
		t.Errorf("2021 report has t2.procurement.amount of kind %v, want absent", c.Kind)
	}
	if _, ok := r.Cell("t3.nope.total"); ok {
		t.Error(`Cell("t3.nope.total") reported ok`)
	}
	if err := r.SetCell("t9.x.y", IntCell(1)); !errors.Is(err, ErrUnknownCell) {
		t.Errorf("SetCell(t9.x.y) = %v, want ErrUnknownCell", err)
	}
	if n := len(r.Cells()); n != 10+175+15 {
		t.Errorf("a new 2021 report lists %d cells, want 200", n)
	}
	if n := len(NewReport(E2019).Cells()); n != 22+161+15 {
		t.Errorf("a new 2019 report lists %d cells, want 198", n)
	}
}

func TestParseValue(t *testing.T) {
	tests := []struct {
		in   string
		want Cell
	}{
		{"", BlankCell()},
		{"  \u3000", BlankCell()},
		{"0", IntCell(0)},
		{"１２３", IntCell(123)},
		{"96171.6", MustNum("96171.6")},
		{"96171.60", MustNum("96171.60")},
		{"１，２３４．５", MustNum("1234.5")},
		{"1,234", IntCell(1234)},
		{"-8", IntCell(-8)},
		{"＋3", IntCell(3)},
		{"/", NACell()},
		{"／", NACell()},
		{"—", NACell()},
		{"--", NACell()},
		{"无", TextCell("无")},
		{"不适用", TextCell("不适用")},
		{"12件", TextCell("12件")},
		{"1,23", TextCell("1,23")},
		{"1.2.3", TextCell("1.2.3")},
		{".5", TextCell(".5")},
	}
	for _, tt := range tests {
		if got := ParseValue(tt.in); !got.Equal(tt.want) {
			t.Errorf("ParseValue(%q) = %v %q, want %v %q", tt.in, got.Kind, got.Value, tt.want.Kind, tt.want.Value)
		}
	}
}

// A report with every kind of cell survives encoding/json with every
// distinction: blank ≠ 0 ≠ "/" ≠ text, decimals exact.
func TestJSONRoundTrip(t *testing.T) {
	r := NewReport(E2021)
	r.Agency, r.Year, r.Title = "卫滨区医疗保障局", 2023, "卫滨区医疗保障局2023年政府信息公开工作年度报告"
	r.Editions["t2.1"] = E2019 // a hybrid
	r.Active.Regulations = DocRow{NewMade: IntCell(0), NewPublished: BlankCell(), PublishedTotal: NACell()}
	r.Active.Fees.Amount = MustNum("96171.6")
	r.Requests.New.Total = IntCell(4)
	r.Requests.New.NaturalPerson = TextCell("无")
	r.Requests.Other.Total = IntCell(0) // an extra subtotal
	r.Requests.New.Organizations = BlankCell()
	r.Sections = []Section{{Number: 1, Heading: "一、总体情况", Text: "正文", Pos: Position{Line: 3, Column: 1}}}
	r.Unrecognized = []Fragment{{Text: "- 3 -", Pos: Position{Line: 9, Column: 1}}}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var got Report
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, &got); diff != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
	}
	if !got.Sections[0].Pos.IsValid() {
		t.Error("JSON round trip lost a section position")
	}
}

func TestJSONRejectsBadCells(t *testing.T) {
	for _, in := range []string{
		`{"t3":{"new":{"total":{"kind":"number","value":"1e5"}}}}`,
		`{"t3":{"new":{"total":{"kind":"number","value":"12.0.1"}}}}`,
		`{"t3":{"new":{"total":{"kind":"blank","value":"0"}}}}`,
		`{"t3":{"new":{"total":{"kind":"text"}}}}`,
		`{"t3":{"new":{"total":{"kind":"float","value":"1"}}}}`,
	} {
		var r Report
		if err := json.Unmarshal([]byte(in), &r); !errors.Is(err, ErrBadCell) {
			t.Errorf("Unmarshal(%s) = %v, want ErrBadCell", in, err)
		}
	}
}

// Positions do not make equal reports unequal.
func TestEqualIgnoresPositions(t *testing.T) {
	a, b := NewReport(E2019), NewReport(E2019)
	a.Requests.Total.Total = Cell{Kind: Number, Value: "3", Pos: Position{Line: 40, Column: 9}}
	b.Requests.Total.Total = IntCell(3)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("reports differing only in positions compare unequal (-a +b):\n%s", diff)
	}
	b.Requests.Total.Total = IntCell(4)
	if cmp.Equal(a, b) {
		t.Error("reports with different totals compare equal")
	}
}
