package nianbao_test

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/gen"
	"pgregory.net/rapid"
)

// encodeUTF16 returns s in UTF-16, little- or big-endian, with or without a
// byte-order mark.
func encodeUTF16(s string, bigEndian, bom bool) []byte {
	var order binary.AppendByteOrder = binary.LittleEndian
	if bigEndian {
		order = binary.BigEndian
	}
	var out []byte
	if bom {
		out = order.AppendUint16(out, 0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = order.AppendUint16(out, u)
	}
	return out
}

var utf16Forms = []struct {
	name           string
	bigEndian, bom bool
}{
	{"LE with BOM (Notepad's Unicode)", false, true},
	{"BE with BOM", true, true},
	{"LE without BOM", false, false},
	{"BE without BOM", true, false},
}

// TestUTF16Input checks that every seed, corpus file and web page saved as
// UTF-16 in any of its forms parses to the same report, warnings and
// positions included, as its UTF-8 text.
func TestUTF16Input(t *testing.T) {
	var files []string
	for _, g := range []string{"testdata/seeds/*.txt", "testdata/corpus/*.txt", "testdata/html/*.html", "testdata/validate/*.txt"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, "_gbk.html") {
			continue // not UTF-8 to start with
		}
		want, werr := (&nianbao.Parser{Filename: f}).Parse(src)
		for _, form := range utf16Forms {
			got, gerr := (&nianbao.Parser{Filename: f}).Parse(encodeUTF16(strings.TrimPrefix(string(src), "\uFEFF"), form.bigEndian, form.bom))
			if (werr == nil) != (gerr == nil) {
				t.Errorf("%s, %s: error %v, want %v", f, form.name, gerr, werr)
				continue
			}
			if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b nianbao.Position) bool { return a == b })); diff != "" {
				t.Errorf("%s, %s: report differs from UTF-8 (-utf8 +utf16):\n%s", f, form.name, diff)
			}
		}
	}
}

// TestUTF16Generated checks the same on generated reports in canonical
// form with noise: UTF-16 reads as UTF-8 does.
func TestUTF16Generated(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := gen.Report().Draw(t, "report")
		src := string(nianbao.Format(r))
		form := rapid.SampledFrom(utf16Forms).Draw(t, "form")
		want, werr := nianbao.Parse([]byte(src))
		got, gerr := nianbao.Parse(encodeUTF16(src, form.bigEndian, form.bom))
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%s: error %v, want %v", form.name, gerr, werr)
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b nianbao.Position) bool { return a == b })); diff != "" {
			t.Fatalf("%s: report differs from UTF-8 (-utf8 +utf16):\n%s", form.name, diff)
		}
	})
}

// TestNotUTF16 checks that text that only looks a little like UTF-16 is not
// read as such: UTF-8 with a stray NUL, ASCII with NULs between words,
// binary data, GB18030.
func TestNotUTF16(t *testing.T) {
	seed, err := os.ReadFile("testdata/seeds/004_a48343d0f3c95c5a.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, err := nianbao.Parse(seed)
	if err != nil {
		t.Fatal(err)
	}
	// A NUL byte in a UTF-8 report is replaced, with a warning; the rest
	// reads as before.
	withNUL := strings.Replace(string(seed), "一、总体情况", "一、总体情况\x00", 1)
	r, err := nianbao.Parse([]byte(withNUL))
	if err != nil || r.Agency != want.Agency || len(r.Warnings) != len(want.Warnings)+1 {
		t.Errorf("UTF-8 with a NUL: %v, agency %q, %d warnings (want %d)", err, r.Agency, len(r.Warnings), len(want.Warnings)+1)
	}
	// ASCII with a NUL after every word is not UTF-16 text: its UTF-16
	// reading would be Chinese-looking nonsense.
	ascii := []byte(strings.Repeat("report\x00 2023\x00 total\x00\n", 50))
	if _, err := nianbao.Parse(ascii); err == nil || strings.Contains(err.Error(), "UTF-16") {
		t.Errorf("ASCII with NULs: error %v, want one that does not read it as UTF-16", err)
	}
}
