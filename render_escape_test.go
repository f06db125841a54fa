package nianbao

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRenderKeepsWrittenHeadings checks that the canonical form escapes
// only what would change the reading (issue 19 item 7): the sub-headings
// and emphasis a person wrote are written as they are, lines that would
// read as structure keep their backslash, and the form still reads back as
// the report and is a fixed point.
func TestRenderKeepsWrittenHeadings(t *testing.T) {
	r := roundTripBase(t)
	plain := []string{
		"（一）主动公开情况",
		"（二）依申请公开情况。全年收到申请4件。",
		"(三) 政府信息管理情况",
		"1. 加强组织领导",
		"**建立有效的指导机制，加强沟通与协作。**2024年将做好全面指导工作。",
		"- 一是完善制度",
		"==================== 正文 ====================",
	}
	escaped := []string{
		"一、总体情况",        // a section heading of the template
		"一、这一行看起来像标题。",  // the form of one
		"| 这一行看起来像表格 |", // a table row
		"规章\t1\t2\t3",   // a tab-separated one
		"2024年1月1日",     // the signature's date
		"\\反斜杠开头",       // a backslash
		"（一）予以公开",       // a row label of table 3
		"12",            // a value
		"- 3 -",         // a page number
	}
	for i := range r.Sections {
		if r.Sections[i].Number == 1 {
			r.Sections[i].Text = strings.Join(append(plain, r.Sections[i].Text), "\n")
		}
		if r.Sections[i].Number == 5 {
			r.Sections[i].Text = strings.Join(append([]string{r.Sections[i].Text}, escaped...), "\n")
		}
	}
	out := Format(r)
	lines := map[string]bool{}
	for _, l := range strings.Split(string(out), "\n") {
		lines[l] = true
	}
	for _, l := range plain {
		if !lines[l] {
			t.Errorf("%q is not written as it is:\n%s", l, out)
		}
	}
	for _, l := range escaped {
		if !lines[`\`+l] {
			t.Errorf("%q is not escaped:\n%s", l, out)
		}
	}
	back, err := (&Parser{Strict: false}).Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	if !sameAsWritten(r, back) {
		for i := range r.Sections {
			if want := strings.Join(textLines(r.Sections[i].Text), "\n"); back.Sections[i].Text != want {
				t.Errorf("section %d reads back as %q, want %q", r.Sections[i].Number, back.Sections[i].Text, want)
			}
		}
		if diff := cmp.Diff(r.Cells(), back.Cells()); diff != "" {
			t.Errorf("Parse(Format(r)) cells mismatch (-want +got):\n%s", diff)
		}
		t.Errorf("Parse(Format(r)) is not what Format wrote of r")
	}
	if again := Format(back); !bytes.Equal(again, out) {
		t.Errorf("Format(Parse(Format(r))) differs:\n%s", cmp.Diff(string(out), string(again)))
	}
}

// TestRenderEscapesWhatReadsOtherwise checks a sub-heading that does change
// the reading: in the text of section 3, （一）予以公开 would be read as a
// row of table 3, so it keeps its escape while a harmless （一） heading
// elsewhere does not.
func TestRenderEscapesWhatReadsOtherwise(t *testing.T) {
	r := roundTripBase(t)
	for i := range r.Sections {
		switch r.Sections[i].Number {
		case 1:
			r.Sections[i].Text = "（一）主动公开情况"
		case 3:
			r.Sections[i].Text = "（一）予以公开\n（二）部分公开"
		}
	}
	out := string(Format(r))
	for _, want := range []string{"\n（一）主动公开情况\n", "\n\\（一）予以公开\n", "\n\\（二）部分公开\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("Format lacks %q:\n%s", want, out)
		}
	}
}

// TestUnescapeOneByOne checks the one-by-one tries: when dropping every
// escape at once changes the reading, each is dropped that changes nothing.
// A caption of table 2 in bold in the text of section 2 would be read as
// the caption of a block; a sub-heading in section 1 would not.
func TestUnescapeOneByOne(t *testing.T) {
	r := roundTripBase(t)
	for i := range r.Sections {
		switch r.Sections[i].Number {
		case 1:
			r.Sections[i].Text = "（一）主动公开情况"
		case 2:
			r.Sections[i].Text = "**第二十条第（一）项**"
		}
	}
	out := string(Format(r))
	for _, want := range []string{"\n（一）主动公开情况\n", "\n\\**第二十条第（一）项**\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("Format lacks %q:\n%s", want, out)
		}
	}
	if again := string(Format(mustParse(t, out))); again != out {
		t.Errorf("Format(Parse(Format(r))) differs:\n%s", cmp.Diff(out, again))
	}
}

// roundTripBase is the full 2021 report of the render goldens with its one
// cell that does not read back (0012, a number with leading zeros, which
// the parser leaves blank) set to 12.
func roundTripBase(t *testing.T) *Report {
	r := renderCases(t)["full2021"]
	for _, rc := range r.Cells() {
		if rc.Value == "0012" {
			r.SetCell(rc.Ref, IntCell(12))
		}
	}
	return r
}

func mustParse(t *testing.T, s string) *Report {
	t.Helper()
	r, err := Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestFormatDocCanonicalForm checks that FORMAT.md has the sections the
// Render doc points to, and that its example of the canonical form is one:
// it reads and writes back as it is.
func TestFormatDocCanonicalForm(t *testing.T) {
	doc, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("render.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`"([^"]+)"(?: under "([^"]+)")?\s*(?://\s*)?in\s*(?://\s*)?FORMAT\.md`).FindAllStringSubmatch(string(src), -1) {
		for _, h := range m[1:] {
			if h != "" && !regexp.MustCompile(`(?m)^#+ `+regexp.QuoteMeta(h)+`$`).Match(doc) {
				t.Errorf("render.go points to %q in FORMAT.md, which has no such section", h)
			}
		}
	}
	_, rest, ok := strings.Cut(string(doc), "## Canonical text form\n")
	if !ok {
		t.Fatal("FORMAT.md has no section Canonical text form")
	}
	_, rest, _ = strings.Cut(rest, "```\n")
	example, _, ok := strings.Cut(rest, "```\n")
	if !ok {
		t.Fatal("no example under Canonical text form")
	}
	r := mustParse(t, example)
	if got := string(Format(r)); got != example {
		t.Errorf("the example in FORMAT.md is not canonical (-doc +Format):\n%s", cmp.Diff(example, got))
	}
}
