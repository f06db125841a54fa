// Package posmap maps positions in the text a front end made (from a web
// page, from a report flattened onto one line) back to the source it made
// the text from.
//
// A front end builds a [Map] with one [Line] per line of its output; each
// line is a list of segments, runs of characters that map one to one onto
// consecutive characters of one source line. Characters a front end
// inserts (a TAB between two table cells, a space joining two pieces) are
// in no segment and map just past the source character before them.
package posmap

import "sort"

// Pos is a position in a text: a 1-based line and a 1-based column counted
// in runes. The zero Pos is unknown.
type Pos struct {
	Line, Column int
}

// IsValid reports whether the position is known.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Seg is a run of an output line whose characters map one to one onto
// consecutive characters of one source line: the output character at rune
// offset Col (0-based) is the source character at Pos.
type Seg struct {
	Col int
	Pos Pos
}

// Line is the map of one output line: its segments in increasing Col, and
// Anchor, where a position before the first segment (or on a line without
// any) maps: where the line's source element starts.
type Line struct {
	Anchor Pos
	Segs   []Seg
}

// Map maps the positions of a text, line by line.
type Map struct {
	Lines []Line
}

// Pos maps a position in the text to the source. Characters the front end
// inserted map just past the source character before them; a position past
// the last line maps to the last line's anchor. An unknown position stays
// unknown.
func (m *Map) Pos(p Pos) Pos {
	if !p.IsValid() || len(m.Lines) == 0 {
		return p
	}
	if p.Line > len(m.Lines) {
		last := m.Lines[len(m.Lines)-1]
		return last.Anchor
	}
	lm := m.Lines[p.Line-1]
	col := p.Column - 1
	i := sort.Search(len(lm.Segs), func(i int) bool { return lm.Segs[i].Col > col }) - 1
	if i < 0 {
		return lm.Anchor
	}
	s := lm.Segs[i]
	return Pos{Line: s.Pos.Line, Column: s.Pos.Column + col - s.Col}
}
