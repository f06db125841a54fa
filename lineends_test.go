package nianbao_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/gen"
	"github.com/opengovcn/nianbao/internal/noise"
	"pgregory.net/rapid"
)

// withLineEnds rewrites the LF line ends of s: end(i) gives the line end
// for the i-th line break.
func withLineEnds(s string, end func(i int) string) string {
	var b strings.Builder
	i := 0
	for {
		j := strings.IndexByte(s, '\n')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:j])
		b.WriteString(end(i))
		s = s[j+1:]
		i++
	}
}

// lineEnds are the line-end conventions a report can come with: Unix,
// Windows, old Mac OS, and mixtures of them.
var lineEnds = []struct {
	name string
	end  func(i int) string
}{
	{"LF", func(int) string { return "\n" }},
	{"CRLF", func(int) string { return "\r\n" }},
	{"CR", func(int) string { return "\r" }},
	{"mixed", func(i int) string { return [...]string{"\n", "\r", "\r\n"}[i%3] }},
	{"mixed CR first", func(i int) string { return [...]string{"\r", "\r\n", "\n"}[i%3] }},
}

// TestLineEnds checks that a report reads the same whatever its line ends
// (issue 16: a tab table converted with tr '\n' '\r' was read as one
// flattened web line, 规章 3 5 8 becoming one value 358), and that
// positions count a lone CR as a line break, as editors do.
func TestLineEnds(t *testing.T) {
	src, err := os.ReadFile(hostileSeed)
	if err != nil {
		t.Fatal(err)
	}
	seed := strings.Replace(string(src), "规章\t0\t0\t0", "规章\t3\t5\t8", 1)
	want, err := nianbao.Parse([]byte(seed))
	if err != nil {
		t.Fatal(err)
	}
	wantPos := want.Cells()[0].Cell.Pos
	for _, le := range lineEnds {
		t.Run(le.name, func(t *testing.T) {
			r, err := nianbao.Parse([]byte(withLineEnds(seed, le.end)))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(want.Cells(), r.Cells()); diff != "" {
				t.Errorf("cells differ from the LF reading (-LF +%s):\n%s", le.name, diff)
			}
			if diff := cmp.Diff(want.Unrecognized, r.Unrecognized); diff != "" {
				t.Errorf("unrecognized text differs from the LF reading (-LF +%s):\n%s", le.name, diff)
			}
			if got := r.Cells()[0].Cell.Pos; got != wantPos {
				t.Errorf("t2.regulations.issued at %v, want %v as with LF", got, wantPos)
			}
		})
	}
}

// TestLineEndsHTML checks that the positions of an HTML page with CR line
// ends count lines as those of the same page with LF.
func TestLineEndsHTML(t *testing.T) {
	page := "<html><body>\n<h1>某局2023年政府信息公开工作年度报告</h1>\n<h2>一、总体情况</h2>\n<p>本机关依法公开。</p>\n" +
		"<h2>二、主动公开政府信息情况</h2>\n<table>\n<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>\n" +
		"<tr><td>规章</td><td>3</td><td>5</td><td>8</td></tr>\n</table>\n</body></html>\n"
	want, err := nianbao.Parse([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	for _, le := range lineEnds {
		t.Run(le.name, func(t *testing.T) {
			r, err := nianbao.Parse([]byte(withLineEnds(page, le.end)))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(want.Cells(), r.Cells()); diff != "" {
				t.Errorf("cells differ from the LF reading (-LF +%s):\n%s", le.name, diff)
			}
			for i, rc := range want.Cells() {
				if got := r.Cells()[i].Cell.Pos; got != rc.Cell.Pos {
					t.Errorf("%s at %v, want %v as with LF", rc.Ref, got, rc.Cell.Pos)
				}
			}
		})
	}
}

// TestLineEndsGenerated checks on generated reports, their tables delimited
// by pipes, tabs or spaces, that every line end convention, and any mixture
// of them line by line, parses to the cells of the LF text.
func TestLineEndsGenerated(t *testing.T) {
	checkN(t, propertyChecks()/4, func(t *rapid.T) {
		r := gen.Report().Draw(t, "report")
		src := string(nianbao.Format(r))
		style := rapid.SampledFrom([]noise.Style{noise.Pipe, noise.Tab, noise.Spaces}).Draw(t, "style")
		if out, ok := noise.Tables(src, style); ok {
			src = out
		}
		want, err := nianbao.Parse([]byte(src))
		if err != nil {
			t.Skip("the LF text is no report") // not what this property is about
		}
		n := strings.Count(src, "\n")
		kinds := []string{"\n", "\r", "\r\n"}
		var ends []string
		if rapid.Bool().Draw(t, "one convention") {
			ends = slices.Repeat([]string{rapid.SampledFrom(kinds).Draw(t, "line end")}, n)
		} else {
			ends = rapid.SliceOfN(rapid.SampledFrom(kinds), n, n).Draw(t, "line ends")
		}
		mangled := withLineEnds(src, func(i int) string { return ends[i] })
		got, err := nianbao.Parse([]byte(mangled))
		if err != nil {
			t.Fatalf("Parse with line ends %q…: %v", ends[:min(len(ends), 8)], err)
		}
		if diff := cmp.Diff(want.Cells(), got.Cells()); diff != "" {
			t.Fatalf("cells differ from the LF reading (-LF +mixed):\n%s\ntext:\n%q", diff, mangled)
		}
	})
}
