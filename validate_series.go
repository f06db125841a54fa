package nianbao

// What the series rules keep of a report, and the rule that finds prose and
// tables copied from the report before (series-copy).

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// A SeriesEntry is what [Validator.ValidateSeriesEntries] reads of one
// report: its agency, year and file, the cells the series rules compare
// ([SeriesRefs]), and fingerprints of its sections' prose and of its tables.
// It is a few kilobytes whatever the report's size, and shares no memory
// with the report's source.
type SeriesEntry struct {
	file   string
	agency string
	year   int
	first  Position  // the report's first heading, where findings about the whole report go
	cells  []RefCell // the cells SeriesRefs lists, values copied
	keep   *Report   // the report itself, when ValidateSeries was given it
	prose  []sectionPrint
	tables []tablePrint
}

// NewSeriesEntry returns what the series rules need of r, read from file.
func NewSeriesEntry(file string, r *Report) SeriesEntry { return newSeriesEntry(file, r, false) }

// newSeriesEntry makes the entry of r; keep keeps r itself in it (findings
// then name r), else only copies of the strings the rules read, so that the
// entry shares no memory with the report and its source.
func newSeriesEntry(file string, r *Report, keep bool) SeriesEntry {
	e := SeriesEntry{file: file, agency: strings.Clone(r.Agency), year: r.Year, first: firstSectionPos(r)}
	if keep {
		e.keep = r
	} else {
		for _, ref := range SeriesRefs() {
			if c, _ := r.Cell(ref); c.Kind != Absent {
				c.Value = strings.Clone(c.Value)
				e.cells = append(e.cells, RefCell{Ref: ref, Cell: c})
			}
		}
	}
	for _, s := range r.Sections {
		if p, ok := newSectionPrint(s); ok {
			e.prose = append(e.prose, p)
		}
	}
	e.tables = tablePrints(r)
	return e
}

// report returns the report the series rules compare: the one kept, or a
// small one built from the copied cells (a Report holds every table; an
// entry keeps only the few cells the rules read).
func (e *SeriesEntry) report() *Report {
	if e.keep != nil {
		return e.keep
	}
	r := &Report{Agency: e.agency, Year: e.year}
	if e.first.IsValid() { // findings about the whole report go to 1:1
		r.Sections = []Section{{Pos: e.first}}
	}
	for _, c := range e.cells {
		r.SetCell(c.Ref, c.Cell)
	}
	return r
}

func firstSectionPos(r *Report) Position {
	for _, s := range r.Sections {
		if s.Pos.IsValid() {
			return s.Pos
		}
	}
	return Position{}
}

// sectionPrint is a fingerprint of a section's prose: its text with white
// space and punctuation removed and every number written as "#" (a copied
// paragraph whose figures were updated is still copied), cut into
// overlapping runs of five characters, of which minhash keeps the least
// under each of 32 hash functions: two texts agree in about as many of
// them as the share of runs they have in common.
type sectionPrint struct {
	number  int
	heading string
	pos     Position
	exact   uint64 // hash of the text without white space: equal means the same
	norm    uint64 // hash of the normalised text: equal means the same but for numbers
	minhash [32]uint32
	runes   int
}

// minProse is the length of prose (after normalising) that can be said to
// be copied: shorter sections ("无。", a line on fees) are alike every year
// by nature.
const minProse = 80

// shingle is the length of the runs minhash compares.
const shingle = 5

func newSectionPrint(s Section) (sectionPrint, bool) {
	var norm []rune
	lastDigit := false
	for _, r := range s.Text {
		switch {
		case chars.IsUnicodeDigit(r):
			if !lastDigit {
				norm = append(norm, '#')
			}
			lastDigit = true
			continue
		case chars.IsUnicodeSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r):
		default:
			norm = append(norm, r)
		}
		lastDigit = false
	}
	if len(norm) < minProse {
		return sectionPrint{}, false
	}
	p := sectionPrint{number: s.Number, heading: strings.Clone(s.Heading), pos: s.Pos, runes: len(norm)}
	p.exact = fnvString(squeezeName(s.Text))
	p.norm = fnvRunes(norm)
	for i := range p.minhash {
		p.minhash[i] = ^uint32(0)
	}
	for i := 0; i+shingle <= len(norm); i++ {
		base := fnvRunes(norm[i : i+shingle])
		for k := range p.minhash {
			if v := uint32(splitmix(base ^ uint64(k)*0x9E3779B97F4A7C15)); v < p.minhash[k] {
				p.minhash[k] = v
			}
		}
	}
	return p, true
}

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvString hashes a string with FNV-1a.
func fnvString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// fnvRunes hashes runes with FNV-1a, a rune at a time.
func fnvRunes(rs []rune) uint64 {
	h := uint64(fnvOffset)
	for _, r := range rs {
		h = (h ^ uint64(r)) * fnvPrime
	}
	return h
}

// splitmix scrambles a 64-bit value (SplitMix64's finaliser).
func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
	x = (x ^ x>>27) * 0x94D049BB133111EB
	return x ^ x>>31
}

// similarity estimates the share of five-character runs two prints have
// in common.
func (p sectionPrint) similarity(q sectionPrint) float64 {
	same := 0
	for i := range p.minhash {
		if p.minhash[i] == q.minhash[i] {
			same++
		}
	}
	return float64(same) / float64(len(p.minhash))
}

// nearlySame is the similarity from which prose counts as copied.
const nearlySame = 0.8

// tablePrint is a fingerprint of a table: a hash of all its cells, and how
// many of them are numbers other than 0.
type tablePrint struct {
	table   string
	hash    uint64
	nonzero int
	pos     Position
}

// minNonzero is how many cells other than 0 a table needs for two equal
// copies to say something: a table of zeros, or with one request a year,
// is equal from year to year by nature.
const minNonzero = 6

func tablePrints(r *Report) []tablePrint {
	var out []tablePrint
	for _, t := range []string{"t2", "t3", "t4"} {
		h := uint64(fnvOffset)
		p := tablePrint{table: t}
		any := false
		for _, id := range schema.BlockIDs {
			e, ok := r.Editions[id]
			if !ok || !strings.HasPrefix(id, t) {
				continue
			}
			for _, sc := range blockCells()[e][id] {
				c, _ := r.Cell(sc.Ref)
				if c.Kind == Absent {
					continue
				}
				any = true
				h = (h ^ fnvString(sc.Ref)) * fnvPrime
				h = (h ^ uint64(c.Kind)) * fnvPrime
				h = (h ^ fnvString(c.Value)) * fnvPrime
				if c.Kind == Number && strings.Trim(c.Value, "0.") != "" {
					p.nonzero++
				}
				if !p.pos.IsValid() && c.Pos.IsValid() {
					p.pos = c.Pos
				}
			}
		}
		if any {
			p.hash = h
			out = append(out, p)
		}
	}
	return out
}

// seriesCopies reports the sections whose prose is the same or nearly the
// same as in the agency's report before, and the tables equal to it.
func seriesCopies(out *[]Finding, agency string, prev, cur *seriesItem) {
	for _, p := range cur.prose {
		i := slices.IndexFunc(prev.prose, func(q sectionPrint) bool {
			return q.number == p.number && (p.number != 0 || q.heading == p.heading)
		})
		if i < 0 {
			continue
		}
		q := prev.prose[i]
		sim := p.similarity(q)
		var how, howEN string
		switch {
		case p.exact == q.exact:
			how, howEN = "相同", "the same as"
		case p.norm == q.norm:
			how, howEN = "除数字外相同", "the same but for its numbers as"
		case sim >= nearlySame:
			how, howEN = fmt.Sprintf("几乎相同（约 %.0f%% 相同）", sim*100), fmt.Sprintf("nearly the same (about %.0f%%) as", sim*100)
		default:
			continue
		}
		cur.r.addSeriesFinding(out, "series-copy", nil,
			fmt.Sprintf("%s %d 年报告的“%s”%s与 %d 年报告的“%s”%s文字%s",
				agency, cur.r.Year, p.heading, place("", p.pos), prev.r.Year, q.heading, place(prev.file, q.pos), how),
			fmt.Sprintf("%s: the prose of %q in the report on %d%s is %s that of %q in the report on %d%s",
				agency, p.heading, cur.r.Year, placeEN("", p.pos), howEN, q.heading, prev.r.Year, placeEN(prev.file, q.pos)))
		(*out)[len(*out)-1].Pos = p.pos
	}
	for _, p := range cur.tables {
		i := slices.IndexFunc(prev.tables, func(q tablePrint) bool { return q.table == p.table })
		if i < 0 || prev.tables[i].hash != p.hash || p.nonzero < minNonzero {
			continue
		}
		q := prev.tables[i]
		zhT, enT := tableLabels(p.table)
		cur.r.addSeriesFinding(out, "series-copy", nil,
			fmt.Sprintf("%s %d 年报告的%s%s与 %d 年报告的%s%s完全相同，其中 %d 个单元格不是 0",
				agency, cur.r.Year, zhT, place("", p.pos), prev.r.Year, zhT, place(prev.file, q.pos), p.nonzero),
			fmt.Sprintf("%s: %s of the report on %d%s is identical to %s of the report on %d%s, %d of its cells not 0",
				agency, enT, cur.r.Year, placeEN("", p.pos), enT, prev.r.Year, placeEN(prev.file, q.pos), p.nonzero))
		if p.pos.IsValid() {
			(*out)[len(*out)-1].Pos = p.pos
		}
	}
}

// place names a place in a message: "（file:line:col）", or as much of it
// as is known, or nothing.
func place(file string, p Position) string {
	if s := placeText(file, p); s != "" {
		return "（" + s + "）"
	}
	return ""
}

// placeEN is place for English messages: " (file:line:col)".
func placeEN(file string, p Position) string {
	if s := placeText(file, p); s != "" {
		return " (" + s + ")"
	}
	return ""
}

func placeText(file string, p Position) string {
	s := file
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += p.String()
	}
	return s
}
