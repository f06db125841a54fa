package nianbao

// Accounting, the last stage of a parse: every non-space rune of the input
// ends up somewhere (a value, a label, text, markup) or in
// Report.Unrecognized, with a warning saying why. Nothing is dropped
// silently; the accounting test (checkAccounting) holds every parse to it.

import (
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
)

// unrecognized keeps a piece of text in Report.Unrecognized, with a warning
// saying why when why is not empty.
func (p *parseState) unrecognized(sp srcSpan, why string) {
	sp = p.src.trimSpan(sp)
	if sp.start == sp.end {
		return
	}
	p.src.mark(sp.start, sp.end, claimUnknown)
	pos := p.src.pos(sp.start)
	text := p.src.str(sp)
	p.r.Unrecognized = append(p.r.Unrecognized, Fragment{Text: text, Pos: pos})
	if why != "" {
		msg := "" // fmt's "%s: %q", cheaper
		if p.listing() {
			msg = quoteIn(why+": ", text, "")
		}
		p.warn(pos, "", ErrUnrecognized, msg)
	}
}

// sweep keeps every unclaimed non-space rune in Unrecognized, one fragment
// per unclaimed stretch of a line.
func (p *parseState) sweep() {
	s := p.src
	start := -1
	flush := func(end int) {
		if start >= 0 {
			p.unrecognized(srcSpan{start, end}, "text the parser could not place")
			start = -1
		}
	}
	for i := 0; i < len(s.text); {
		if start < 0 && s.claims[i] != claimNone {
			// Outside a fragment, claimed bytes only move on: go to the
			// rune holding the next unclaimed byte.
			j := i
			for j < len(s.claims) && s.claims[j] != claimNone {
				j++
			}
			if j == len(s.claims) {
				break
			}
			for !utf8.RuneStart(s.text[j]) {
				j--
			}
			i = j
		}
		c := s.text[i]
		if c == '\n' {
			flush(i)
			i++
			continue
		}
		if s.claims[i] != claimNone {
			flush(i)
			i += chars.LeadWidth(c)
			continue
		}
		r, n := rune(c), 1
		if c >= 0x80 {
			r, n = chars.DecodeRune(s.text[i:])
		}
		if !chars.IsSpace(r) && start < 0 {
			start = i
		}
		i += n
	}
	flush(len(s.text))
}
