package nianbao

// The table region of a section and how its cells are delimited, before
// tableParser.tokenize (table.go) cuts it into label and value tokens: the
// region is split from the text before and after it, and pipes, TABs or
// runs of spaces are chosen as the delimiter (parse).

import (
	"strings"
)

// pipeLines counts the lines of a region that have pipes, and those of them
// that hold at least three cells (a whole row rather than one cell).
func pipeLines(s *source, lines []lineInfo) (withPipes, rows int) {
	for _, li := range lines {
		c := s.str(li.content)
		if !hasUnescapedPipe(c) {
			continue
		}
		withPipes++
		n := strings.Count(c, "|")
		if strings.IndexByte(c, '\\') >= 0 {
			n -= strings.Count(c, `\|`)
		}
		if n >= 3 {
			rows++
		}
	}
	return withPipes, rows
}

func hasTabs(s *source, lines []lineInfo) bool {
	for _, li := range lines {
		if c := s.str(li.content); strings.IndexByte(c, '\t') >= 0 && !isBlank(c) {
			return true
		}
	}
	return false
}

// split divides a table section's body into the text before the table, the
// table region, and text after it.
func (tp *tableParser) split(body []lineInfo) (before, region, after []lineInfo) {
	a := -1
	for i, li := range body {
		if tp.isAnchor(li) {
			a = i
			break
		}
	}
	if a < 0 {
		return body, nil, nil
	}
	end := len(body)
	for end > a+1 && !tp.looksTabular(body[end-1]) {
		end--
	}
	region = body[a:end]
	// Escaped lines inside the region are text.
	reg := region
	for i, li := range region {
		if li.escaped {
			if len(after) == 0 {
				reg = append([]lineInfo(nil), region[:i]...)
			}
			after = append(after, li)
			continue
		}
		if len(after) > 0 {
			reg = append(reg, li)
		}
	}
	if len(reg) == 0 {
		reg = nil
	}
	// The slices are stretches of body; the caller appends after to
	// before, so before must not share space with the rest.
	return body[:a:a], reg, append(after, body[end:]...)
}
