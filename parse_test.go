package nianbao

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/opengovcn/nianbao/internal/chars"
)

// testdataFiles lists every text input under testdata that the parser must
// read: the seeds and the small cases.
func testdataFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"testdata/seeds/*.txt", "testdata/parse/*.txt"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 5 {
		t.Fatalf("found only %d testdata files", len(files))
	}
	return files
}

func seedFiles(t testing.TB) []string {
	t.Helper()
	m, err := filepath.Glob("testdata/seeds/*.txt")
	if err != nil || len(m) != 5 {
		t.Fatalf("want the 5 seeds, got %v (%v)", m, err)
	}
	return m
}

// TestSeedsGolden parses each seed and compares the JSON of the report with
// testdata/seeds/<name>.golden.json (rewritten with -update; the golden
// files were checked by hand against the seed text, table by table).
func TestSeedsGolden(t *testing.T) {
	for _, f := range seedFiles(t) {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r, err := (&Parser{Filename: filepath.Base(f)}).Parse(src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(f, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Parse(%s) JSON mismatch (-want +got):\n%s", f, diff)
			}
			// Every seed parses to a complete layout: every block of the
			// edition it used has all its official cells.
			if len(r.Editions) < 6 {
				t.Errorf("Parse(%s) found blocks %v, want all of tables 2–4", f, r.Editions)
			}
			if len(r.Unrecognized) != 0 {
				t.Errorf("Parse(%s) left %d unrecognized fragments: %v", f, len(r.Unrecognized), r.Unrecognized)
			}
		})
	}
}

// TestAccounting checks that nothing read is dropped: every non-space rune of
// every testdata file is claimed by some part of the report, every
// Unrecognized fragment is the source text at its position, and the runes
// kept as text are, in order, the runes of the report's title, preamble,
// headings, section texts and signature.
func TestAccounting(t *testing.T) {
	for _, f := range testdataFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r, s, err := (&Parser{}).parse(src)
			if r == nil {
				t.Skipf("not a report: %v", err)
			}
			checkAccounting(t, r, s)
		})
	}
}

func checkAccounting(t *testing.T, r *Report, s *source) {
	t.Helper()
	var textRunes strings.Builder
	for i := 0; i < len(s.text); {
		c, n := utf8.DecodeRuneInString(s.text[i:])
		if !chars.IsSpace(c) {
			if s.claims[i] == claimNone {
				t.Errorf("rune %q at %s is in no part of the report", c, s.pos(i))
			}
			if s.claims[i] == claimText {
				textRunes.WriteRune(c)
			}
		}
		i += n
	}
	for _, fr := range r.Unrecognized {
		off := offsetOf(s, fr.Pos)
		if off < 0 || !strings.HasPrefix(s.text[off:], fr.Text) {
			t.Errorf("Unrecognized fragment %q at %s is not the source text there", fr.Text, fr.Pos)
		}
	}
	var want strings.Builder
	for _, part := range reportTexts(r) {
		for _, c := range part {
			if !chars.IsSpace(c) {
				want.WriteRune(c)
			}
		}
	}
	if diff := cmp.Diff(want.String(), textRunes.String()); diff != "" {
		t.Errorf("text kept in the report differs from the source text claimed as text (-report +source):\n%s", diff)
	}
}

// reportTexts lists the report's free text in document order.
func reportTexts(r *Report) []string {
	out := []string{r.Title, r.Preamble}
	for _, s := range r.Sections {
		out = append(out, s.Heading, s.Text)
	}
	return append(out, r.Signature)
}

// offsetOf converts a position back to a byte offset, or -1.
func offsetOf(s *source, p Position) int {
	if p.Line < 1 || p.Line > len(s.lineStart) {
		return -1
	}
	off := s.lineStart[p.Line-1]
	for col := 1; col < p.Column; col++ {
		if off >= len(s.text) {
			return -1
		}
		_, n := utf8.DecodeRuneInString(s.text[off:])
		off += n
	}
	return off
}

func TestEscapedLineIsPlainText(t *testing.T) {
	src := "一、总体情况\n\\二、这一行不是标题\n\\| 规章 | 1 |\n\\\\反斜杠\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
	r, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s, ok := r.Section(1)
	if !ok {
		t.Fatal("no section 1")
	}
	want := "二、这一行不是标题\n| 规章 | 1 |\n\\反斜杠"
	if s.Text != want {
		t.Errorf("section 1 text = %q, want %q", s.Text, want)
	}
	if len(r.Sections) != 3 {
		t.Errorf("got %d sections, want 3", len(r.Sections))
	}
}

func TestNotAReport(t *testing.T) {
	random := make([]byte, 512)
	x := uint32(12345)
	for i := range random {
		x = x*1664525 + 1013904223
		random[i] = byte(x >> 24)
	}
	cases := []struct {
		name string
		src  []byte
		want error
	}{
		{"empty", nil, ErrNotAReport},
		{"spaces", []byte(" \n\t\n"), ErrNotAReport},
		{"news", []byte("本报讯 今天上午，市政府召开新闻发布会，介绍了今年一季度经济运行情况。\n发布会上，有关负责人回答了记者提问。\n"), ErrNotAReport},
		{"random bytes", random, ErrEncoding},
		{"jpeg", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"), ErrUnsupportedFormat},
		{"pdf", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"), ErrUnsupportedFormat},
		{"docx", []byte("PK\x03\x04\x14\x00\x06\x00"), ErrUnsupportedFormat},
		{"utf16, no report", []byte("\xFF\xFE\x00N"), ErrNotAReport},
		{"nul", []byte("一、总体情况\x00"), ErrEncoding},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Parse(c.src)
			if !errors.Is(err, c.want) {
				t.Errorf("Parse(%s) error = %v, want %v", c.name, err, c.want)
			}
			if r != nil {
				t.Errorf("Parse(%s) returned a report with the error", c.name)
			}
			if err != nil && len(err.Error()) < 20 {
				t.Errorf("Parse(%s) error message %q is not explanatory", c.name, err)
			}
		})
	}
}

// TestSeedsRoundTrip checks that the canonical form of each parsed seed
// parses back to the same report, without a single warning.
func TestSeedsRoundTrip(t *testing.T) {
	for _, f := range seedFiles(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		out := Format(r)
		r2, err := (&Parser{Strict: true}).Parse(out)
		if err != nil {
			t.Errorf("%s: Parse(Format(r)) in strict mode: %v", f, err)
			continue
		}
		if diff := cmp.Diff(r, r2, cmpopts.IgnoreFields(Report{}, "Warnings", "Unrecognized")); diff != "" {
			t.Errorf("%s: Parse(Format(r)) differs (-first +second):\n%s", f, diff)
		}
	}
}
