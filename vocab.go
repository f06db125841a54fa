package nianbao

import (
	"strings"
	"sync"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// The label vocabulary of each table, built once from the schema catalog:
// captions, header cells, columns, rows and merged group labels of both
// editions, with their variants, folded for matching.

type vocabKind uint8

const (
	vCaption vocabKind = iota + 1 // 第二十条第（一）项
	vCorner                       // top-left header cell
	vHeader                       // other header cells: 申请人情况, 行政诉讼, 法人或其他组织 as a group
	vColumn                       // a value column
	vRow                          // a row (official or extra subtotal)
	vGroup                        // a merged group label to the left of rows
)

// Edition bit masks.
const (
	m2019 uint8 = 1 << iota
	m2021
	mBoth = m2019 | m2021
)

func editionMask(e schema.Edition) uint8 {
	if e == schema.E2019 {
		return m2019
	}
	return m2021
}

// vocabEntry is one spelling of one label.
type vocabEntry struct {
	folded   []rune
	label    string // the official label of the row or column (or the spelling itself)
	quoted   string // quote(label), for warnings
	kind     vocabKind
	block    string // block ID
	name     string // row or column name
	editions uint8  // which editions have this label in this role
	official bool   // the official spelling (not a variant)
	extra    bool   // an extra subtotal row or column
	order    int    // row order within the table, for telling truncated labels apart
	numLen   int    // runes of the leading list number ("1.", "（三）", "一、"), 0 if none
}

// vocab is the label vocabulary of one table ("t2", "t3", "t4").
type vocab struct {
	table   string
	entries []*vocabEntry
	byFirst map[rune][]*vocabEntry
	maxLen  int
}

var vocabs = sync.OnceValue(func() map[string]*vocab {
	out := map[string]*vocab{}
	for _, t := range []string{"t2", "t3", "t4"} {
		out[t] = buildVocab(t)
	}
	return out
})

func buildVocab(table string) *vocab {
	v := &vocab{table: table, byFirst: map[rune][]*vocabEntry{}}
	type key struct {
		f     string
		kind  vocabKind
		block string
		name  string
	}
	seen := map[key]*vocabEntry{}
	add := func(spelling, label string, kind vocabKind, block, name string, e schema.Edition, official, extra bool, order int) {
		f := fold(spelling)
		if f == "" {
			return
		}
		k := key{f, kind, block, name}
		if old, ok := seen[k]; ok {
			old.editions |= editionMask(e)
			old.official = old.official || official
			old.extra = old.extra && extra
			return
		}
		ent := &vocabEntry{folded: []rune(f), label: label, quoted: quote(label), kind: kind, block: block, name: name,
			editions: editionMask(e), official: official, extra: extra, order: order, numLen: listNumberLen([]rune(f))}
		seen[k] = ent
		v.entries = append(v.entries, ent)
	}
	for _, e := range schema.Editions {
		order := 0
		for _, b := range schema.Blocks(e) {
			if b.Table != table {
				continue
			}
			if b.Caption != "" {
				add(b.Caption, b.Caption, vCaption, b.ID, "", e, true, false, 0)
			}
			add(b.Corner, b.Corner, vCorner, b.ID, "", e, true, false, 0)
			for _, c := range b.Columns {
				add(c.Label, c.Label, vColumn, b.ID, c.Name, e, true, false, 0)
				for _, vr := range c.Variants {
					add(vr, c.Label, vColumn, b.ID, c.Name, e, false, false, 0)
				}
			}
			for _, c := range b.ExtraColumns {
				add(c.Label, c.Label, vColumn, b.ID, c.Name, e, true, true, 0)
			}
			for _, r := range b.Rows {
				order++
				add(r.Label, r.Label, vRow, b.ID, r.Name, e, true, false, rowOrder(table, r.Name))
				for _, vr := range r.Variants {
					add(vr, r.Label, vRow, b.ID, r.Name, e, false, false, rowOrder(table, r.Name))
				}
				for _, g := range r.Groups {
					add(g, g, vGroup, b.ID, "", e, true, false, 0)
				}
			}
			for _, r := range b.ExtraRows {
				add(r.Label, r.Label, vRow, b.ID, r.Name, e, true, true, rowOrder(table, r.Name))
			}
		}
	}
	switch table {
	case "t3":
		add(schema.T3Applicants, schema.T3Applicants, vHeader, "t3", "", schema.E2019, true, false, 0)
		add(schema.T3Applicants, schema.T3Applicants, vHeader, "t3", "", schema.E2021, true, false, 0)
	case "t4":
		for _, e := range schema.Editions {
			add(schema.T4Review, schema.T4Review, vHeader, "t4", "", e, true, false, 0)
			add(schema.T4Suit, schema.T4Suit, vHeader, "t4", "", e, true, false, 0)
		}
	}
	for _, ent := range v.entries {
		v.byFirst[ent.folded[0]] = append(v.byFirst[ent.folded[0]], ent)
		if len(ent.folded) > v.maxLen {
			v.maxLen = len(ent.folded)
		}
	}
	return v
}

// rowOrder gives each row name of a table a rank in template order, the
// same for both editions (2021 rows merged into the 2019 order).
func rowOrder(table, name string) int {
	m := rowOrders()[table]
	return m[name]
}

var rowOrders = sync.OnceValue(func() map[string]map[string]int {
	out := map[string]map[string]int{"t2": {}, "t3": {}, "t4": {}}
	for _, ref := range schema.AllRefs() {
		table, rest, _ := strings.Cut(ref, ".")
		row, _, _ := strings.Cut(rest, ".")
		if _, ok := out[table][row]; !ok {
			out[table][row] = 2 * (len(out[table]) + 1)
		}
	}
	// A subtotal row ranks just before the first row it sums.
	for _, e := range schema.Editions {
		for _, b := range schema.Blocks(e) {
			for _, r := range b.ExtraRows {
				if len(r.Sum) > 0 {
					if _, ok := out[b.Table][r.Name]; !ok {
						out[b.Table][r.Name] = out[b.Table][r.Sum[0]] - 1
					}
				}
			}
		}
	}
	return out
})

// listNumberLen returns the length in runes of a leading list number in a
// folded label: "1.", "(三)", "三、", or 0.
func listNumberLen(f []rune) int {
	if len(f) == 0 {
		return 0
	}
	i := 0
	if f[0] == '(' {
		for i = 1; i < len(f) && i < 5; i++ {
			if f[i] == ')' {
				return i + 1
			}
		}
		return 0
	}
	for i < len(f) && (chars.IsASCIIDigit(f[i]) || chars.IsNumeral(f[i])) {
		i++
	}
	if i > 0 && i < len(f) && (f[i] == '.' || f[i] == '、') {
		return i + 1
	}
	return 0
}
