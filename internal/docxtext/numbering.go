package docxtext

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/opengovcn/nianbao/internal/chars"
)

const numberingPart = "word/numbering.xml"

// numbering is the automatic numbering of word/numbering.xml: for each
// w:num, its abstract list's levels, and the counters as the document's
// paragraphs advance them.
type numbering struct {
	nums      map[string]string // w:numId → w:abstractNumId
	abstracts map[string]*abstractNum
}

type abstractNum struct {
	levels [9]numLevel
	count  [9]int // the last number given at each level; 0: none yet
}

type numLevel struct {
	start   int
	format  string // w:numFmt: decimal, chineseCounting, …
	text    string // w:lvlText: "%1、"
	defined bool
}

// readNumbering reads word/numbering.xml; nil if it is not well-formed.
func readNumbering(data []byte) *numbering {
	n := &numbering{nums: map[string]string{}, abstracts: map[string]*abstractNum{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	var abs *abstractNum
	var lvl *numLevel
	num := ""
	for {
		t, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return n
			}
			return nil
		}
		s, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		switch s.Name.Local {
		case "abstractNum":
			abs = &abstractNum{}
			n.abstracts[attr(s, "abstractNumId")] = abs
			lvl, num = nil, ""
		case "num":
			num, abs, lvl = attr(s, "numId"), nil, nil
		case "abstractNumId":
			if num != "" {
				n.nums[num] = attr(s, "val")
			}
		case "lvl":
			lvl = nil
			if i, err := strconv.Atoi(attr(s, "ilvl")); err == nil && i >= 0 && i < 9 && abs != nil {
				lvl = &abs.levels[i]
				*lvl = numLevel{start: 1, format: "decimal", defined: true}
			}
		case "start":
			if lvl != nil {
				if v, err := strconv.Atoi(attr(s, "val")); err == nil && v >= 0 && v < 1000 {
					lvl.start = v
				}
			}
		case "numFmt":
			if lvl != nil {
				lvl.format = attr(s, "val")
			}
		case "lvlText":
			if lvl != nil {
				lvl.text = attr(s, "val")
			}
		}
	}
}

// next advances the counter of list numID at level ilvl and returns the
// numeral Word shows before the paragraph ("一、"), or "" when there is
// none or its format is not one this package writes (bullets, letters).
func (n *numbering) next(numID string, ilvl int) string {
	if n == nil || ilvl < 0 || ilvl >= 9 {
		return ""
	}
	abs := n.abstracts[n.nums[numID]]
	if abs == nil || !abs.levels[ilvl].defined {
		return ""
	}
	if abs.count[ilvl] == 0 {
		abs.count[ilvl] = abs.levels[ilvl].start
	} else {
		abs.count[ilvl]++
	}
	for i := ilvl + 1; i < 9; i++ {
		abs.count[i] = 0
	}
	if _, ok := numeral(1, abs.levels[ilvl].format); !ok {
		return "" // a bullet, a letter: not a numeral of the template
	}
	var b strings.Builder
	text := abs.levels[ilvl].text
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && chars.IsASCIIDigit(rune(text[i+1])) && text[i+1] != '0' {
			k := int(text[i+1] - '1')
			c := abs.count[k]
			if c == 0 {
				c = abs.levels[k].start
			}
			s, ok := numeral(c, abs.levels[k].format)
			if !ok {
				return ""
			}
			b.WriteString(s)
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	return b.String()
}

// numeral writes n in a numbering format: decimal, or Chinese counting
// (一 … 九十九); ok is false for other formats.
func numeral(n int, format string) (string, bool) {
	switch format {
	case "decimal", "decimalZero":
		if format == "decimalZero" && n < 10 {
			return "0" + strconv.Itoa(n), true
		}
		return strconv.Itoa(n), true
	case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified":
		if n < 1 || n > 99 {
			return "", false
		}
		digits := []rune("〇一二三四五六七八九")
		if format == "chineseLegalSimplified" {
			digits = []rune("零壹贰叁肆伍陆柒捌玖")
		}
		ten := "十"
		if format == "chineseLegalSimplified" {
			ten = "拾"
		}
		var s string
		if n >= 10 {
			if n/10 > 1 {
				s = string(digits[n/10])
			}
			s += ten
		}
		if n%10 != 0 {
			s += string(digits[n%10])
		}
		return s, true
	}
	return "", false
}
