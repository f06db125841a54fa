package nianbao

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opengovcn/nianbao/internal/docxtext"
)

// TestLibreOfficeDOCX: the seeds in the official layout with cells blanked
// at random, converted by LibreOffice to .docx (scripts/lodocx.sh makes
// testdata/lodocx, with the cells of each blanked page as .truth.csv). A
// .docx keeps every cell, so every cell must read as its truth: no wrong
// number and no value left blank.
func TestLibreOfficeDOCX(t *testing.T) {
	files, _ := filepath.Glob("testdata/lodocx/*.docx")
	if len(files) == 0 {
		t.Fatal("no testdata/lodocx/*.docx")
	}
	var tl truthTally
	for _, f := range files {
		tl.check(t, f, f[:len(f)-len(".docx")]+".truth.csv")
	}
	if tl.missing > 0 {
		t.Errorf("%d values left blank: a .docx keeps every cell", tl.missing)
	}
	t.Logf("docx: %d files, %d cells: %d values read, %d blanks kept blank, none wrong or missing",
		len(files), tl.cells, tl.read, tl.blankRight)
}

// truthTally counts how the cells of parsed files compare with their
// truth files (TestLibreOffice, TestLibreOfficeDOCX).
type truthTally struct{ cells, read, blankRight, missing int }

// check parses file and compares every cell of its truth file: a value
// where the truth has another value or a blank is an error (a wrong
// number); a blank where it has a value is counted as missing.
func (tl *truthTally) check(t *testing.T, file, truth string) {
	t.Helper()
	recs := readTruth(t, truth)
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse(src)
	if r == nil {
		t.Errorf("%s: %v", file, err)
		return
	}
	for _, rec := range recs[1:] {
		ref, want := rec[0]+"."+rec[1]+"."+rec[2], rec[3]
		c, _ := r.Cell(ref)
		got := corpusValue(c)
		tl.cells++
		switch {
		case got == want && want == "":
			tl.blankRight++
		case got == want:
			tl.read++
		case c.Kind == Blank:
			tl.missing++
		default:
			t.Errorf("%s %s = %q, want %q: a WRONG number", file, ref, got, want)
		}
	}
}

// readTruth reads a .truth.csv of cells (table, row, column, value).
func readTruth(t *testing.T, path string) [][]string {
	t.Helper()
	tf, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer tf.Close()
	recs, err := csv.NewReader(tf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// docxOf returns a .docx (a zip with word/document.xml) of the body XML.
func docxOf(t testing.TB, body string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("word/document.xml")
	if err == nil {
		_, err = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body + `</w:body></w:document>`))
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDOCXPositions: a cell's position is the number of its paragraph in
// the document (table paragraphs counted) and its rune offset there.
func TestDOCXPositions(t *testing.T) {
	src, err := os.ReadFile("testdata/lodocx/seed000_blank1.docx")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	paras := docxParagraphs(t, src)
	checked := 0
	for _, ref := range cellRefs() {
		c, _ := r.Cell(ref)
		if c.Kind != Number {
			continue
		}
		if c.Pos.Line < 1 || c.Pos.Line > len(paras) {
			t.Fatalf("%s at %v: no such paragraph (%d)", ref, c.Pos, len(paras))
		}
		p := []rune(paras[c.Pos.Line-1])
		if c.Pos.Column < 1 || c.Pos.Column-1+len([]rune(c.Value)) > len(p) ||
			string(p[c.Pos.Column-1:c.Pos.Column-1+len([]rune(c.Value))]) != c.Value {
			t.Errorf("%s = %q at %v: paragraph %q", ref, c.Value, c.Pos, paras[c.Pos.Line-1])
		}
		checked++
	}
	if checked < 50 {
		t.Errorf("only %d cells checked", checked)
	}
}

// docxParagraphs returns the text of every w:p of a .docx's document.xml
// in order (runs' w:t only), read independently of docxtext.
func docxParagraphs(t *testing.T, src []byte) []string {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	var paras []string
	var cur *strings.Builder
	inT := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "p":
				cur = &strings.Builder{}
			case "t":
				inT = true
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "p":
				paras = append(paras, cur.String())
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(tok)
			}
		}
	}
	return paras
}

// TestDOCXHostile: a file that looks like a Word document but cannot be
// read is refused with an error wrapping ErrUnsupportedFormat that says
// why, never a panic; a zip without word/document.xml (an .xlsx) is not
// read as Word.
func TestDOCXHostile(t *testing.T) {
	good, err := os.ReadFile("testdata/lodocx/seed000_blank1.docx")
	if err != nil {
		t.Fatal(err)
	}
	var xlsx bytes.Buffer
	zw := zip.NewWriter(&xlsx)
	if w, err := zw.Create("xl/workbook.xml"); err == nil {
		w.Write([]byte("<workbook/>"))
	}
	zw.Close()
	for _, tt := range []struct {
		name string
		src  []byte
		msg  string
	}{
		{"truncated", good[:len(good)*2/3], "Word .docx file that cannot be read"},
		{"xlsx", xlsx.Bytes(), "Excel workbook"},
		{"malformed XML", docxOf(t, "<w:p><w:r><w:t>1</w:r></w:p>"), "Word .docx file that cannot be read"},
		{"oversized", docxOf(t, strings.Repeat(" ", docxtext.MaxDocumentSize)), "too large"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(tt.src)
			if r != nil || !errors.Is(err, ErrUnsupportedFormat) {
				t.Fatalf("Parse = %v, %v; want nil and ErrUnsupportedFormat", r, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
		})
	}
}

// FuzzDOCX: Parse never panics on a .docx and returns a report or an
// error. The input is document.xml, zipped here (random bytes would rarely
// get past the zip's checksums); input that is a zip already is read as
// it is.
func FuzzDOCX(f *testing.F) {
	f.Add([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc>` +
		`<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`</w:body></w:document>`))
	small, err := os.ReadFile("testdata/lodocx/seed001_blank1.docx")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small)
	f.Fuzz(func(t *testing.T, in []byte) {
		src := in
		if !bytes.HasPrefix(in, []byte("PK\x03\x04")) {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			w, err := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(in)
			zw.Close()
			src = b.Bytes()
		}
		r, err := Parse(src)
		if r == nil && err == nil {
			t.Fatal("nil report without an error")
		}
	})
}
