package nianbao

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fataler is what the checks of a .docx need of a *testing.T or a
// *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// docxParts returns the parts of a .docx by name, and their names in order.
func docxParts(t fataler, docx []byte) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
		names = append(names, f.Name)
	}
	return parts, names
}

// checkDOCX checks a file RenderDOCX wrote: the parts of a minimal
// package, each well-formed XML, and every table a consistent grid: the
// cells of each row (w:gridSpan counted) fill the table's w:tblGrid
// exactly, and a w:vMerge continuation stands under a cell of the same
// columns that restarts or continues a merge.
func checkDOCX(t fataler, docx []byte) {
	t.Helper()
	parts, names := docxParts(t, docx)
	want := []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
		"docProps/core.xml"}
	if !slices.Equal(names, want) {
		t.Fatalf("parts %q, want %q", names, want)
	}
	for _, n := range names {
		d := xml.NewDecoder(bytes.NewReader(parts[n]))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed: %v", n, err)
			}
		}
	}
	if err := checkDOCXGrid(parts["word/document.xml"]); err != nil {
		t.Fatalf("word/document.xml: %v", err)
	}
}

// checkDOCXGrid checks the tables of document.xml (see checkDOCX).
func checkDOCXGrid(doc []byte) error {
	type tc struct {
		col, span int
		merge     string // "", "restart" or "continue"
	}
	d := xml.NewDecoder(bytes.NewReader(doc))
	var grid int
	var prev, cur []tc
	var cell *tc
	col, rows := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			val := ""
			for _, a := range e.Attr {
				if a.Name.Local == "val" {
					val = a.Value
				}
			}
			switch e.Name.Local {
			case "tbl":
				grid, prev, rows = 0, nil, 0
			case "gridCol":
				grid++
			case "tr":
				cur, col = nil, 0
				rows++
			case "tc":
				cell = &tc{col: col, span: 1}
			case "gridSpan":
				n, err := strconv.Atoi(val)
				if err != nil || n < 2 {
					return fmt.Errorf("table row %d: gridSpan %q", rows, val)
				}
				cell.span = n
			case "vMerge":
				cell.merge = "continue"
				if val == "restart" {
					cell.merge = "restart"
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "tc":
				if cell.merge == "continue" && !slices.ContainsFunc(prev, func(p tc) bool {
					return p.col == cell.col && p.span == cell.span && p.merge != ""
				}) {
					return fmt.Errorf("table row %d: a vMerge continuation at column %d with nothing merged above", rows, cell.col)
				}
				cur = append(cur, *cell)
				col += cell.span
			case "tr":
				if col != grid {
					return fmt.Errorf("table row %d: cells fill %d grid columns of %d", rows, col, grid)
				}
				prev = cur
			}
		}
	}
}

// TestSeedsDOCXGolden keeps word/document.xml of one seed written by
// RenderDOCX as a golden file (rewritten with -update), and reads every
// seed's .docx back as the report its canonical text reads as.
func TestSeedsDOCXGolden(t *testing.T) {
	forEachSeedReport(t, func(t *testing.T, base string, r *Report) {
		var out bytes.Buffer
		if err := RenderDOCX(&out, r); err != nil {
			t.Errorf("RenderDOCX: %v", err)
		}
		checkDOCX(t, out.Bytes())
		var again bytes.Buffer
		RenderDOCX(&again, r)
		if !bytes.Equal(out.Bytes(), again.Bytes()) {
			t.Error("RenderDOCX wrote different bytes for the same report")
		}
		got, err := Parse(out.Bytes())
		if err != nil {
			t.Fatalf("Parse(RenderDOCX(r)): %v", err)
		}
		want, err := Parse(Format(r))
		if err != nil {
			t.Fatalf("Parse(Format(r)): %v", err)
		}
		want.Warnings, got.Warnings = nil, nil
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Parse(RenderDOCX(r)) and Parse(Format(r)) differ (-text +docx):\n%s", diff)
		}
		if strings.HasPrefix(filepath.Base(base), "004_") {
			parts, _ := docxParts(t, out.Bytes())
			compareGolden(t, base+".golden.document.xml", parts["word/document.xml"])
		}
	})
}

// A character XML cannot hold is written as U+FFFD, the file stays
// readable, and the error says which character it was.
func TestRenderDOCXBadCharacters(t *testing.T) {
	r := NewReport(E2021)
	r.Title = "某局2023年政府信息公开工作年度报告"
	r.Sections = []Section{{Number: 1, Heading: "一、总体情况", Text: "控制\x01字符与<尖括号>&符号\t和制表符。\n坏字节\xff。"}}
	r.SetCell("t3.new.total", TextCell("a\x02b"))
	var out bytes.Buffer
	err := RenderDOCX(&out, r)
	if !errors.Is(err, ErrNotRenderable) || !strings.Contains(err.Error(), "U+0001") {
		t.Errorf("RenderDOCX: %v, want ErrNotRenderable naming U+0001", err)
	}
	checkDOCX(t, out.Bytes())
	back, perr := Parse(out.Bytes())
	if perr != nil {
		t.Fatalf("Parse: %v", perr)
	}
	text := back.Sections[0].Text
	for _, want := range []string{"控制\uFFFD字符与<尖括号>&符号\t和制表符。", "坏字节\uFFFD。"} {
		if !strings.Contains(text, want) {
			t.Errorf("section 1 reads %q, want it to hold %q", text, want)
		}
	}
	if c, _ := back.Cell("t3.new.total"); c.Value != "a\uFFFDb" {
		t.Errorf("t3.new.total = %q, want a\uFFFDb", c.Value)
	}
}

// A nil or empty report is an empty document, and a report with a cell
// outside its layout is an error wrapping ErrNotRenderable, as for the
// other renderers; the rest is still written.
func TestRenderDOCXEmptyAndStray(t *testing.T) {
	for _, r := range []*Report{nil, {}} {
		var out bytes.Buffer
		if err := RenderDOCX(&out, r); err != nil {
			t.Errorf("RenderDOCX(%v): %v", r, err)
		}
		checkDOCX(t, out.Bytes())
	}
	r := NewReport(E2021)
	r.SetCell("t2.other_services.decisions", IntCell(1)) // a 2019 row, in a 2021 table
	r.SetCell("t3.new.total", IntCell(5))
	var out bytes.Buffer
	if err := RenderDOCX(&out, r); !errors.Is(err, ErrNotRenderable) {
		t.Errorf("RenderDOCX with a stray cell: %v, want ErrNotRenderable", err)
	}
	checkDOCX(t, out.Bytes())
	back, err := Parse(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := back.Cell("t3.new.total"); c.Value != "5" {
		t.Errorf("t3.new.total = %q, want 5", c.Value)
	}
}

// A failing writer's error is returned.
func TestRenderDOCXWriteError(t *testing.T) {
	boom := errors.New("boom")
	if err := RenderDOCX(failWriter{boom}, NewReport(E2021)); !errors.Is(err, boom) {
		t.Errorf("RenderDOCX to a failing writer: %v, want %v", err, boom)
	}
}

// The .docx carries the report's title and agency as its core properties
// (docProps/core.xml), escaped.
func TestDOCXCoreProperties(t *testing.T) {
	r := &Report{Title: "某局2023年政府信息公开工作年度报告 <A&B>", Agency: "某局"}
	var out bytes.Buffer
	RenderDOCX(&out, r)
	parts, _ := docxParts(t, out.Bytes())
	var core struct {
		Title   string `xml:"title"`
		Creator string `xml:"creator"`
	}
	if err := xml.Unmarshal(parts["docProps/core.xml"], &core); err != nil {
		t.Fatalf("docProps/core.xml: %v", err)
	}
	if core.Title != r.Title || core.Creator != r.Agency {
		t.Errorf("core properties title %q creator %q, want %q %q", core.Title, core.Creator, r.Title, r.Agency)
	}
}
