package cli

// The guards of fmt -w: a file is rewritten only if its canonical form
// keeps everything the parse kept, and every number of the file.

import (
	"fmt"
	"unicode/utf8"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/chars"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// canonicalLoses returns why the canonical form out of the report r, read
// from src, must not replace src, or "" when it may: it reads back with a
// cell of another value (lostValue), without a character of the text r kept
// (lostCharacter), or with fewer digits or numbers than src (lostNumbers).
// The messages are in Chinese, then English.
func canonicalLoses(name string, src []byte, r *nianbao.Report, out []byte) string {
	back, err := (&nianbao.Parser{Filename: name}).Parse(out)
	if err != nil {
		return fmt.Sprintf("规范形式无法读回（%v）/ the canonical form does not read back (%v)", err, err)
	}
	if why := lostValue(r, back); why != "" {
		return why
	}
	if why := lostCharacter(r, back); why != "" {
		return why
	}
	return lostNumbers(src, out)
}

// lostValue compares the agency, year and cells of r with those of back,
// the canonical form read back: the first that differs (a cell in kind or
// value), if any, is the reason.
func lostValue(r, back *nianbao.Report) string {
	if r.Agency != back.Agency {
		return fmt.Sprintf("规范形式读回后机关名称由 %q 变为 %q / the canonical form reads the agency back as %q, not %q", r.Agency, back.Agency, back.Agency, r.Agency)
	}
	if r.Year != back.Year {
		return fmt.Sprintf("规范形式读回后年度由 %d 变为 %d / the canonical form reads the year back as %d, not %d", r.Year, back.Year, back.Year, r.Year)
	}
	got := map[string]nianbao.Cell{}
	for _, rc := range back.Cells() {
		got[rc.Ref] = rc.Cell
	}
	for _, rc := range r.Cells() {
		c := got[rc.Ref]
		if c.Kind != rc.Cell.Kind || c.Value != rc.Cell.Value {
			return fmt.Sprintf("规范形式读回后 %s 由 %s 变为 %s / the canonical form reads %s back as %s, not %s",
				rc.Ref, cellText(rc.Cell), cellText(c), rc.Ref, cellText(c), cellText(rc.Cell))
		}
	}
	return ""
}

// cellText shows a cell in a message: a quoted value with its kind.
func cellText(c nianbao.Cell) string {
	v := c.Value
	if len([]rune(v)) > 24 {
		v = string([]rune(v)[:24]) + "…"
	}
	return fmt.Sprintf("%s %q", c.Kind, v)
}

// lostCharacter compares the characters of the text r kept — title,
// preamble, section headings and text, signature, text cells — with those
// of back, the canonical form read back, as multisets, white space aside
// (the canonical form trims it): a character r has more often than back is
// the reason. Characters may move (a heading read back as text) and back
// may have more (the official heading of a section the report lacks).
func lostCharacter(r, back *nianbao.Report) string {
	want, got := keptText(r), keptText(back)
	for _, c := range sortedRunes(want) {
		if n := want[c] - got[c]; n > 0 {
			return fmt.Sprintf("规范形式读回后少了报告中的字符 %q（%d 处）/ the canonical form reads back without %d of the %q of the report",
				string(c), n, n, string(c))
		}
	}
	return ""
}

// keptText counts the characters of the text r holds, white space aside.
func keptText(r *nianbao.Report) map[rune]int {
	m := map[rune]int{}
	add := func(s string) {
		for _, c := range s {
			if !chars.IsAnySpace(c) { // Unicode's white space, the zero-width space, the BOM
				m[c]++
			}
		}
	}
	add(r.Title)
	add(r.Preamble)
	for _, s := range r.Sections {
		add(s.Heading)
		add(s.Text)
	}
	add(r.Signature)
	for _, rc := range r.Cells() {
		if rc.Cell.Kind == nianbao.Text {
			add(rc.Cell.Value)
		}
	}
	return m
}

func sortedRunes(m map[rune]int) []rune {
	out := make([]rune, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// lostNumbers compares the numbers of the file with those of its canonical
// form: how often each digit occurs (full-width digits as ASCII) and how
// many numbers (runs of digits; a comma and three digits continue one)
// there are. The canonical form may cut a run of digits into cells, which
// makes more numbers, but never have fewer digits or fewer numbers: that is
// a value lost, or values run together (issue 16: a report with CR line ends
// read as one line, 规章 3 5 8 becoming one value 358). src that is not
// UTF-8 is read as GB18030, as the parser reads it.
func lostNumbers(src, out []byte) string {
	text := string(src)
	if !utf8.ValidString(text) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().String(text)
		if err != nil {
			return ""
		}
		text = dec
	}
	wantDigits, wantRuns := numbers(text)
	gotDigits, gotRuns := numbers(string(out))
	for d := range wantDigits {
		if gotDigits[d] < wantDigits[d] {
			return fmt.Sprintf("规范形式中的数字 %d 比原文少 %d 个，改写会丢失数值 / the canonical form has %d fewer of the digit %d than the file: rewriting would lose values",
				d, wantDigits[d]-gotDigits[d], wantDigits[d]-gotDigits[d], d)
		}
	}
	if gotRuns < wantRuns {
		return fmt.Sprintf("规范形式中的数比原文少（%d 个，原文 %d 个），数值会被合并或丢失 / the canonical form has fewer numbers than the file (%d, not %d): values would run together or be lost",
			gotRuns, wantRuns, gotRuns, wantRuns)
	}
	return ""
}

// numbers counts the digits of s by value and its runs of digits.
func numbers(s string) (digits [10]int, runs int) {
	in := false
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		d, ok := digit(rs[i])
		if ok {
			digits[d]++
			if !in {
				runs++
			}
			in = true
			continue
		}
		// A thousands separator: a comma and exactly three digits.
		if in && (rs[i] == ',' || rs[i] == '，') {
			n := 0
			for n < 4 && i+1+n < len(rs) {
				if _, ok := digit(rs[i+1+n]); !ok {
					break
				}
				n++
			}
			if n == 3 {
				continue
			}
		}
		in = false
	}
	return digits, runs
}

// digit returns the value of an ASCII or full-width digit.
func digit(r rune) (int, bool) { return chars.DigitValue(r) }
