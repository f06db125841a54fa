package docxtext

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

const stylesPart = "word/styles.xml"

// noOutline is the outline level of body text (w:outlineLvl 9, or none).
const noOutline = 9

// styles are the outline levels of word/styles.xml's paragraph styles
// (w:outlineLvl in a style's w:pPr, through w:basedOn): by style ID, 0 for
// a top-level heading (Word's "heading 1"), noOutline for body text.
type styles map[string]int

// readStyles reads word/styles.xml; nil if it is not well-formed.
func readStyles(data []byte) styles {
	type style struct {
		basedOn string
		level   int // -1: not set in the style itself
	}
	all := map[string]*style{}
	d := xml.NewDecoder(bytes.NewReader(data))
	var cur *style
	for {
		t, err := d.Token()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return nil
			}
			break
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				cur = nil
				if attr(t, "type") == "paragraph" || attr(t, "type") == "" {
					cur = &style{level: -1}
					all[attr(t, "styleId")] = cur
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(t, "val")
				}
			case "outlineLvl":
				if cur != nil {
					cur.level = outlineLevel(t)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "style" {
				cur = nil
			}
		}
	}
	out := styles{}
	for id, s := range all {
		level := noOutline
		for k := 0; s != nil && k < 16; k++ { // a loop of basedOn ends here
			if s.level >= 0 {
				level = s.level
				break
			}
			s = all[s.basedOn]
		}
		out[id] = level
	}
	return out
}

// outlineLevel reads the w:val of a w:outlineLvl: 0–8 a heading's level,
// anything else body text.
func outlineLevel(s xml.StartElement) int {
	n, err := strconv.Atoi(strings.TrimSpace(attr(s, "val")))
	if err != nil || n < 0 || n > noOutline {
		return noOutline
	}
	return n
}

// level returns the outline level of the paragraph style id.
func (st styles) level(id string) int {
	if l, ok := st[id]; ok {
		return l
	}
	return noOutline
}
