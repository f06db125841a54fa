package nianbao

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// TestDecodeString: decodeString, which returns a front end's text as it
// is when decode would not change it, gives exactly decode's result on
// any text: with NUL, CR, byte-order marks, UTF-16 marks, invalid UTF-8,
// GB18030, and the first bytes of binary formats (a PDF, a ZIP, RTF).
func TestDecodeString(t *testing.T) {
	pieces := []string{
		"行政许可", "12", " ", "\t", "\n", "\r", "\r\n", "\x00", "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF",
		"\xB9\xAB\xBF\xAA", "\xE4\xBF", "\x80", "%PDF-1.7", "PK\x03\x04", "{\\rtf1", "GIF89a", "Rar!\x1A\x07",
		"一、总体情况", "ａｂ", "a",
	}
	rapid.Check(t, func(t *rapid.T) {
		s := ""
		for _, p := range rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 40).Draw(t, "pieces") {
			s += p
		}
		type result struct {
			Text   string
			Issues []decodeIssue
			Err    string
		}
		res := func(text string, issues []decodeIssue, err error) result {
			r := result{Text: text, Issues: issues}
			if err != nil {
				r.Err = err.Error()
			}
			return r
		}
		want := res(decode([]byte(s)))
		got := res(decodeString(s))
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(decodeIssue{})); diff != "" {
			t.Fatalf("decodeString(%q) differs from decode (-want +got):\n%s", s, diff)
		}
	})
}
