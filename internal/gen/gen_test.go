package gen

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/schema"
	"pgregory.net/rapid"
)

// sumRule is one arithmetic rule of FORMAT.md: cell sum equals the sum of
// parts (minus the sum of minus).
type sumRule struct {
	name        string
	sum         []string
	parts       []string
	minus       []string // subtracted from parts
	subtractSum []string // added to sum
}

// rules lists the arithmetic rules of FORMAT.md that apply to r, written
// out here independently of the generator.
func rules(r *nianbao.Report) []sumRule {
	var out []sumRule
	has := func(ref string) bool { c, _ := r.Cell(ref); return c.Kind != nianbao.Absent }
	if b, ok := schema.LookupBlock(r.Editions["t3"], "t3"); ok {
		rows := append(append([]schema.Row(nil), b.Rows...), b.ExtraRows...)
		cols := append(append([]schema.Column(nil), b.Columns...), b.ExtraColumns...)
		for _, row := range rows {
			if !has(b.Ref(row.Name, "total")) {
				continue
			}
			var parts []string
			for _, c := range b.Columns[:6] {
				parts = append(parts, b.Ref(row.Name, c.Name))
			}
			out = append(out, sumRule{name: "row total " + row.Name, sum: []string{b.Ref(row.Name, "total")}, parts: parts})
			for _, x := range b.ExtraColumns {
				if has(b.Ref(row.Name, x.Name)) {
					var ps []string
					for _, p := range x.Sum {
						ps = append(ps, b.Ref(row.Name, p))
					}
					out = append(out, sumRule{name: "subtotal column " + row.Name, sum: []string{b.Ref(row.Name, x.Name)}, parts: ps})
				}
			}
		}
		for _, c := range cols {
			if !has(b.Ref("new", c.Name)) {
				continue
			}
			var results []string
			for _, row := range b.Rows {
				if len(row.Groups) > 0 && row.Name != "total" {
					results = append(results, b.Ref(row.Name, c.Name))
				}
			}
			ref := func(row string) string { return b.Ref(row, c.Name) }
			out = append(out,
				sumRule{name: "result total " + c.Name, sum: []string{ref("total")}, parts: results},
				sumRule{name: "balance " + c.Name, sum: []string{ref("new"), ref("carried_over")}, parts: []string{ref("total"), ref("carried_forward")}})
			for _, x := range b.ExtraRows {
				if has(ref(x.Name)) {
					var ps []string
					for _, p := range x.Sum {
						ps = append(ps, ref(p))
					}
					out = append(out, sumRule{name: "subtotal row " + x.Name, sum: []string{ref(x.Name)}, parts: ps})
				}
			}
		}
	}
	if b, ok := schema.LookupBlock(r.Editions["t4"], "t4"); ok {
		for _, row := range b.Rows {
			var parts []string
			for _, c := range b.Columns[:4] {
				parts = append(parts, b.Ref(row.Name, c.Name))
			}
			out = append(out, sumRule{name: "t4 total " + row.Name, sum: []string{b.Ref(row.Name, "total")}, parts: parts})
		}
	}
	return out
}

// broken returns the rules r decides and breaks.
func broken(r *nianbao.Report) []string {
	var out []string
	for _, rule := range rules(r) {
		total := func(refs []string) (int64, bool) {
			var s int64
			for _, ref := range refs {
				c, _ := r.Cell(ref)
				n, ok := c.Int64()
				if !ok {
					return 0, false
				}
				s += n
			}
			return s, true
		}
		a, ok1 := total(rule.sum)
		b, ok2 := total(rule.parts)
		if ok1 && ok2 && a != b {
			out = append(out, fmt.Sprintf("%s: %d != %d", rule.name, a, b))
		}
	}
	return out
}

// layout maps each edition's cell references, extra ones included, to
// their catalog cells.
var layout = func() map[nianbao.Edition]map[string]schema.Cell {
	m := map[nianbao.Edition]map[string]schema.Cell{}
	for _, e := range schema.Editions {
		m[e] = map[string]schema.Cell{}
		for _, b := range schema.Blocks(e) {
			for _, c := range b.AllCells() {
				m[e][c.Ref] = c
			}
		}
	}
	return m
}()

// lookup returns the catalog cell of ref in the layout of r's block.
func lookup(r *nianbao.Report, ref string) (schema.Cell, bool) {
	for _, e := range schema.Editions {
		if c, ok := layout[e][ref]; ok {
			c, ok := layout[r.Editions[c.Block]][ref]
			return c, ok
		}
	}
	return schema.Cell{}, false
}

// checkShape checks what every generated report must be: blocks complete,
// metadata consistent with the text, text normalised, and renderable.
func checkShape(t *rapid.T, r *nianbao.Report) {
	for id, e := range r.Editions {
		b, ok := schema.LookupBlock(e, id)
		if !ok {
			t.Fatalf("block %s has edition %s that lacks it", id, e)
		}
		for _, c := range b.Cells() {
			if cell, _ := r.Cell(c.Ref); cell.Kind == nianbao.Absent {
				t.Fatalf("cell %s of block %s is absent", c.Ref, id)
			}
		}
	}
	for _, rc := range r.Cells() {
		c, ok := lookup(r, rc.Ref)
		if !ok {
			t.Fatalf("cell %s is outside the report's blocks", rc.Ref)
		}
		if back := nianbao.ParseValue(rc.Cell.String()); !back.Equal(rc.Cell) {
			t.Fatalf("cell %s = %#v does not read back as itself", rc.Ref, rc.Cell)
		}
		if rc.Kind == nianbao.Number {
			if !c.Kind.AllowsDecimal() && strings.Contains(rc.Value, ".") {
				t.Fatalf("count cell %s = %s has a decimal point", rc.Ref, rc.Value)
			}
			if !c.Kind.AllowsSign() && strings.HasPrefix(rc.Value, "-") {
				t.Fatalf("cell %s = %s is negative", rc.Ref, rc.Value)
			}
		}
	}
	if want := fmt.Sprintf("%s%d年政府信息公开工作年度报告", r.Agency, r.Year); r.Title != want {
		t.Fatalf("title %q, want %q", r.Title, want)
	}
	if r.Year < 2019 || r.Year > 2025 {
		t.Fatalf("year %d", r.Year)
	}
	if (r.Period == "") != (r.Preamble == "") || r.Preamble != "" && !strings.Contains(r.Preamble, "本报告中所列数据的统计期限为"+r.Period+"。") {
		t.Fatalf("preamble %q does not state period %q", r.Preamble, r.Period)
	}
	if r.Signature != "" && r.Signature != r.Agency+"\n"+r.Published || r.Signature == "" && r.Published != "" {
		t.Fatalf("signature %q, published %q", r.Signature, r.Published)
	}
	texts := []string{r.Preamble, r.Signature}
	for _, s := range r.Sections {
		texts = append(texts, s.Text)
	}
	for _, text := range texts {
		if text == "" {
			continue
		}
		for _, l := range strings.Split(text, "\n") {
			if l == "" || strings.TrimSpace(l) != l {
				t.Fatalf("text line %q is empty or untrimmed", l)
			}
		}
	}
	if len(r.Warnings) > 0 || len(r.Unrecognized) > 0 {
		t.Fatal("generated report has warnings or unrecognized text")
	}
	if err := nianbao.Render(&bytes.Buffer{}, r); err != nil {
		t.Fatalf("Render: %v", err)
	}
}

func TestReport(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := Report().Draw(t, "report")
		checkShape(t, r)
		if b := broken(r); len(b) > 0 {
			t.Fatalf("valid report breaks %v", b)
		}
	})
}

func TestValidReport(t *testing.T) {
	for _, e := range schema.Editions {
		t.Run(string(e), func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				r := ValidReport(e).Draw(t, "report")
				checkShape(t, r)
				for id, be := range r.Editions {
					if be != e {
						t.Fatalf("block %s has edition %s, want %s", id, be, e)
					}
				}
				for _, rc := range r.Cells() {
					if rc.Kind != nianbao.Number {
						t.Fatalf("cell %s is %s, want a number", rc.Ref, rc.Kind)
					}
				}
				if b := broken(r); len(b) > 0 {
					t.Fatalf("valid report breaks %v", b)
				}
				if len(rules(r)) < 7*4+3 {
					t.Fatalf("only %d rules apply", len(rules(r)))
				}
			})
		})
	}
}

func TestBroken(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := Broken(Options{}).Draw(t, "broken")
		checkShape(t, k.Report)
		b := broken(k.Report)
		if len(b) == 0 {
			t.Fatalf("changing %s from %s to %s breaks no rule", k.Ref, k.Was, k.Report.CellPtr(k.Ref).Value)
		}
		k.Report.CellPtr(k.Ref).Value = k.Was
		if b := broken(k.Report); len(b) > 0 {
			t.Fatalf("with %s restored the report still breaks %v", k.Ref, b)
		}
	})
}

// The generator reaches every kind of report it promises.
func TestCoverage(t *testing.T) {
	seen := map[string]bool{}
	g := Report()
	for i := range 300 {
		r := g.Example(i)
		seen[string(r.Edition())] = true // "2019", "2021" or "hybrid"
		for _, rc := range r.Cells() {
			seen[rc.Kind.String()] = true
			if strings.Contains(rc.Value, ".") {
				seen["decimal"] = true
			}
			if strings.HasPrefix(rc.Value, "-") {
				seen["negative"] = true
			}
		}
		if r.Requests.New.Organizations.Kind != nianbao.Absent {
			seen["organizations"] = true
		}
		if r.Requests.Denied.Total.Kind != nianbao.Absent {
			seen["subtotal row"] = true
		}
		for _, s := range r.Sections {
			if s.Number == 0 {
				seen["extra section"] = true
			}
			if strings.Contains(s.Text, "|") || strings.Contains(s.Text, "\t") {
				seen["table-like text"] = true
			}
		}
		if r.Signature == "" {
			seen["no signature"] = true
		}
		if r.Preamble == "" {
			seen["no preamble"] = true
		}
	}
	for _, want := range []string{"2019", "2021", "hybrid", "number", "blank", "not_applicable", "text", "decimal", "negative",
		"organizations", "subtotal row", "extra section", "table-like text", "no signature", "no preamble"} {
		if !seen[want] {
			t.Errorf("300 reports have no %s", want)
		}
	}
}
