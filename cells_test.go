package nianbao

import (
	"reflect"
	"testing"
)

// TestCellAt checks the switches of cells.go against cellIndex, which is
// built from the struct tags: every reference reaches the same field, and
// the switches reach no other cell.
func TestCellAt(t *testing.T) {
	var r Report
	rv := reflect.ValueOf(&r).Elem()
	seen := map[*Cell]string{}
	for ref, path := range cellIndex() {
		want := rv.FieldByIndex(path).Addr().Interface().(*Cell)
		got := r.CellPtr(ref)
		if got != want {
			t.Errorf("CellPtr(%q) is not the field at %v", ref, path)
		}
		if other, dup := seen[got]; dup {
			t.Errorf("CellPtr(%q) and CellPtr(%q) are the same cell", ref, other)
		}
		seen[got] = ref
	}
	// Each table has as many Cell fields as cellIndex has references.
	cells := 0
	for _, i := range []int{fieldIndex(t, "Active"), fieldIndex(t, "Requests"), fieldIndex(t, "Reviews")} {
		tt := rv.Field(i).Type()
		for j := range tt.NumField() {
			cells += tt.Field(j).Type.NumField()
		}
	}
	if cells != len(cellIndex()) {
		t.Errorf("the tables have %d cells, cellIndex %d", cells, len(cellIndex()))
	}
	for _, ref := range []string{"", "t3", "t3.new", "t3.new.", "t3.new.total.x", "t3.new..total", "t9.new.total", "t2.new.total", "t4.review.natural_person", ".new.total"} {
		if p := r.CellPtr(ref); p != nil {
			t.Errorf("CellPtr(%q) = a cell, want nil", ref)
		}
	}
	if p := (*Report)(nil).CellPtr("t3.new.total"); p != nil {
		t.Errorf("nil report: CellPtr = a cell, want nil")
	}
}

func fieldIndex(t *testing.T, name string) int {
	f, ok := reflect.TypeFor[Report]().FieldByName(name)
	if !ok {
		t.Fatalf("Report has no field %s", name)
	}
	return f.Index[0]
}
