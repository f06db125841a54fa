package nianbao

import (
	"path/filepath"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDump(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(f)
	r, err := (&Parser{Filename: f}).Parse(src)
	fmt.Println("err", err, "year", r.Year, "agency", r.Agency, "period", r.Period, "published", r.Published, "title", r.Title)
	fmt.Println("editions", r.Editions)
	for _, s := range r.Sections {
		fmt.Printf("SEC %d %q %v len=%d\n", s.Number, s.Heading, s.Pos, len(s.Text))
	}
	fmt.Printf("PRE %q\nSIG %q\n", trunc(r.Preamble, 300), trunc(r.Signature, 300))
	for _, w := range r.Warnings {
		fmt.Printf("W %v %s %v %s\n", w.Pos, w.Ref, w.Err, trunc(w.Msg, 300))
	}
	for _, u := range r.Unrecognized {
		fmt.Printf("U %v %q\n", u.Pos, trunc(u.Text, 200))
	}
	if os.Getenv("CELLS") != "" {
		for _, rc := range r.Cells() {
			if rc.Cell.Kind != Absent {
				fmt.Printf("C %s %v %q %v\n", rc.Ref, rc.Cell.Kind, rc.Cell.Value, rc.Cell.Pos)
			}
		}
	}
}

func trunc(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", "⏎")
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func TestZZTexts(t *testing.T) {
	if os.Getenv("TEXTS") == "" {
		t.Skip()
	}
	files, _ := filepathGlob()
	for _, f := range files {
		src, _ := os.ReadFile(f)
		r, _ := Parse(src)
		var b strings.Builder
		fmt.Fprintf(&b, "TITLE %s\nYEAR %d\nPERIOD %s\nPRE %s\n", r.Title, r.Year, r.Period, r.Preamble)
		for _, s := range r.Sections {
			fmt.Fprintf(&b, "=== %d %s\n%s\n", s.Number, s.Heading, s.Text)
		}
		fmt.Fprintf(&b, "SIG %s\n", r.Signature)
		base := f[strings.LastIndex(f, "/")+1:]
		os.WriteFile("/tmp/texts/"+base, []byte(b.String()), 0o644)
	}
}

func filepathGlob() ([]string, error) {
	a, _ := filepathGlobOne("testdata/corpus/*.txt")
	b, _ := filepathGlobOne("testdata/seeds/*.txt")
	return append(a, b...), nil
}

func filepathGlobOne(p string) ([]string, error) { return filepath.Glob(p) }
