// Package schema is the catalog of the national template for 政府信息公开工作年度报告
// (annual reports on government information disclosure): its editions, sections,
// tables, blocks, rows and columns, with every cell's reference name, official
// Chinese label, accepted label variants and value kind.
//
// The catalog is data. The parser, the renderers, the validator, the JSON Schema
// and the command-line tool all read it; no row list is written anywhere else.
// Adding a third edition of the template is a change to this file plus tests.
//
// Cell references have the form table.row.column, for example "t3.new.total";
// they are the contract between the library, its CSV and JSON output, its
// validation findings and its tests (see FORMAT.md in the repository).
package schema

import (
	"strings"
	"sync"
)

// Edition identifies a version of the national template.
type Edition string

// The two editions of the template.
const (
	// E2019 is the trial format issued with 国办公开办函〔2019〕60号, used for
	// reports on 2019 and 2020 and kept by some agencies later.
	E2019 Edition = "2019"
	// E2021 is the revised format issued with 国办公开办函〔2021〕30号, used for
	// reports on 2021 and later.
	E2021 Edition = "2021"
)

// Hybrid is not an edition of the template but what a report's layout is
// when its table blocks use different editions (table 2 in the 2019 layout
// and table 3 in the 2021 one, say). [Edition.Valid] is false for it.
const Hybrid Edition = "hybrid"

// Editions lists the known editions, oldest first.
var Editions = []Edition{E2019, E2021}

// Document returns the official document that issued the edition.
func (e Edition) Document() string {
	switch e {
	case E2019:
		return "国办公开办函〔2019〕60号 《中华人民共和国政府信息公开工作年度报告格式（试行）》"
	case E2021:
		return "国办公开办函〔2021〕30号 《中华人民共和国政府信息公开工作年度报告格式》"
	}
	return ""
}

// Valid reports whether e is a known edition.
func (e Edition) Valid() bool { return e == E2019 || e == E2021 }

// Kind is the kind of value a cell holds when it holds a number.
type Kind int

// Value kinds.
const (
	// Count is a non-negative integer: a number of documents, decisions,
	// requests or cases.
	Count Kind = iota + 1
	// SignedCount is an integer that may be negative (2019 本年增/减).
	SignedCount
	// Amount is a non-negative decimal amount in 万元 (2021 本年收费金额（单位：万元）).
	Amount
	// Money is a non-negative decimal amount of money whose unit the template
	// does not state (2019 采购总金额).
	Money
)

var kindNames = [...]string{Count: "count", SignedCount: "signed_count", Amount: "amount", Money: "money"}

// String returns the kind's name as used in documentation and JSON Schema:
// count, signed_count, amount or money.
func (k Kind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// AllowsSign reports whether a value of this kind may be negative.
func (k Kind) AllowsSign() bool { return k == SignedCount }

// AllowsDecimal reports whether a value of this kind may have a fractional part.
func (k Kind) AllowsDecimal() bool { return k == Amount || k == Money }

// Column is a value column of a table block.
type Column struct {
	Name     string   // reference name, e.g. "natural_person"
	Label    string   // official label, e.g. "自然人"
	Variants []string // other accepted spellings, besides width and spacing differences
	Kind     Kind
	// Sum, when set, marks a subtotal column that some agencies add: it equals
	// the sum of the named columns. Subtotal columns are not part of the
	// official layout.
	Sum []string
}

// Row is a row of a table block.
type Row struct {
	Name     string   // reference name, e.g. "denied_secret"
	Label    string   // official label, e.g. "1.属于国家秘密"
	Variants []string // other accepted spellings
	// Groups are the merged labels that stand to the left of the row in the
	// official layout, outermost first, e.g. ["三、本年度办理结果", "（三）不予公开"].
	Groups []string
	// Sum, when set, marks a subtotal row: it equals the sum of the named rows.
	Sum []string
	// Kind overrides the column kind for every cell of this row when non-zero.
	Kind Kind
}

// Block is a table block: a caption, a header of columns and its rows. Table 2
// has several blocks (one per article item); tables 3 and 4 have one each.
type Block struct {
	ID      string // "t2.1", "t2.5", "t2.6", "t2.8", "t2.9", "t3", "t4"
	Table   string // "t2", "t3", "t4"
	Caption string // official caption, e.g. "第二十条第（一）项"; empty for t3, t4
	// Corner is the text of the header's top-left cell.
	Corner  string
	Columns []Column
	Rows    []Row
	// ExtraColumns and ExtraRows are subtotals some agencies add. They are
	// accepted and checked but not part of the official layout.
	ExtraColumns []Column
	ExtraRows    []Row
}

// Ref returns the reference of the cell at row r, column c of the block.
func (b *Block) Ref(row, col string) string { return b.Table + "." + row + "." + col }

// Row returns the row named name, official or extra, and whether it exists.
func (b *Block) Row(name string) (Row, bool) {
	for _, rs := range [][]Row{b.Rows, b.ExtraRows} {
		for _, r := range rs {
			if r.Name == name {
				return r, true
			}
		}
	}
	return Row{}, false
}

// Column returns the column named name, official or extra, and whether it exists.
func (b *Block) Column(name string) (Column, bool) {
	for _, cs := range [][]Column{b.Columns, b.ExtraColumns} {
		for _, c := range cs {
			if c.Name == name {
				return c, true
			}
		}
	}
	return Column{}, false
}

// Cells returns the references of the block's official cells, row by row.
func (b *Block) Cells() []Cell {
	var out []Cell
	for _, r := range b.Rows {
		for _, c := range b.Columns {
			out = append(out, b.cell(r, c, false))
		}
	}
	return out
}

// AllCells returns the block's official and extra cells, row by row, extra
// columns after the official ones and extra rows after the official rows.
func (b *Block) AllCells() []Cell {
	var out []Cell
	cols := append(append([]Column(nil), b.Columns...), b.ExtraColumns...)
	for _, r := range b.Rows {
		for i, c := range cols {
			out = append(out, b.cell(r, c, i >= len(b.Columns)))
		}
	}
	for _, r := range b.ExtraRows {
		for _, c := range cols {
			out = append(out, b.cell(r, c, true))
		}
	}
	return out
}

func (b *Block) cell(r Row, c Column, extra bool) Cell {
	k := c.Kind
	if r.Kind != 0 {
		k = r.Kind
	}
	return Cell{Ref: b.Ref(r.Name, c.Name), Block: b.ID, Row: r.Name, Column: c.Name,
		RowLabel: r.Label, ColumnLabel: c.Label, Kind: k, Extra: extra}
}

// Cell describes one value cell of the template.
type Cell struct {
	Ref         string // "t3.new.total"
	Block       string // "t3"
	Row         string // "new"
	Column      string // "total"
	RowLabel    string // official label of the row
	ColumnLabel string // official label of the column
	Kind        Kind
	Extra       bool // a subtotal cell outside the official layout
}

// Section is one of the report's sections.
type Section struct {
	Number  int    // 1–6
	ID      string // "overview", "active", "requests", "reviews", "problems", "other"
	Heading string // official heading, e.g. "一、总体情况"
	// Variants are other headings seen in published reports for the same
	// section, without the leading number.
	Variants []string
	Table    string // "t2", "t3", "t4" or empty for free text
}

// Sections lists the six sections in order. Both editions share them.
var Sections = []Section{
	{Number: 1, ID: "overview", Heading: "一、总体情况"},
	{Number: 2, ID: "active", Heading: "二、主动公开政府信息情况", Table: "t2"},
	{Number: 3, ID: "requests", Heading: "三、收到和处理政府信息公开申请情况", Table: "t3"},
	{Number: 4, ID: "reviews", Heading: "四、政府信息公开行政复议、行政诉讼情况", Table: "t4",
		Variants: []string{"因政府信息公开工作被申请行政复议和提起行政诉讼情况", "政府信息公开行政复议和行政诉讼情况", "因政府信息公开申请行政复议、提起行政诉讼情况"}},
	{Number: 5, ID: "problems", Heading: "五、存在的主要问题及改进情况",
		Variants: []string{"政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况", "存在问题及改进措施", "存在的主要问题和改进情况", "存在问题"}},
	{Number: 6, ID: "other", Heading: "六、其他需要报告的事项",
		Variants: []string{"其他需要报告的事项", "其他需要报告事项"}},
}

// Title returns the heading text of a section without its leading number,
// e.g. "总体情况".
func (s Section) Title() string {
	if i := strings.Index(s.Heading, "、"); i >= 0 {
		return s.Heading[i+len("、"):]
	}
	return s.Heading
}

// The value columns shared by blocks of table 2.
var (
	colIssued         = Column{Name: "issued", Label: "本年制发件数", Kind: Count}
	colRepealed       = Column{Name: "repealed", Label: "本年废止件数", Kind: Count}
	colInForce        = Column{Name: "in_force", Label: "现行有效件数", Kind: Count}
	colNewMade        = Column{Name: "new_made", Label: "本年新制作数量", Kind: Count}
	colNewPublished   = Column{Name: "new_published", Label: "本年新公开数量", Kind: Count}
	colPublishedTotal = Column{Name: "published_total", Label: "对外公开总数量", Kind: Count}
	colDecisions2021  = Column{Name: "decisions", Label: "本年处理决定数量", Kind: Count}
	colPrevItems      = Column{Name: "prev_items", Label: "上一年项目数量", Kind: Count}
	colChange         = Column{Name: "change", Label: "本年增/减", Variants: []string{"本年增减", "本年增／减"}, Kind: SignedCount}
	colDecisions2019  = Column{Name: "decisions", Label: "处理决定数量", Kind: Count}
	colFeeAmount      = Column{Name: "amount", Label: "本年收费金额（单位：万元）", Variants: []string{"本年收费金额"}, Kind: Amount}
	colProcItems      = Column{Name: "items", Label: "采购项目数量", Kind: Count}
	colProcAmount     = Column{Name: "amount", Label: "采购总金额", Kind: Money}
)

// Table-2 captions and its corner label.
const (
	t2Corner = "信息内容"
	capItem1 = "第二十条第（一）项"
	capItem5 = "第二十条第（五）项"
	capItem6 = "第二十条第（六）项"
	capItem8 = "第二十条第（八）项"
	capItem9 = "第二十条第（九）项"
)

// Table 3: applicant columns, shared by both editions.
var t3Columns = []Column{
	{Name: "natural_person", Label: "自然人", Kind: Count},
	{Name: "commercial", Label: "商业企业", Kind: Count},
	{Name: "research", Label: "科研机构", Kind: Count},
	{Name: "public_interest", Label: "社会公益组织", Kind: Count},
	{Name: "legal_services", Label: "法律服务机构", Kind: Count},
	{Name: "other", Label: "其他", Kind: Count},
	{Name: "total", Label: "总计", Variants: []string{"合计"}, Kind: Count},
}

// T3OrganizationsColumn is the subtotal column 法人或其他组织 some agencies add.
var t3Organizations = Column{Name: "organizations", Label: "法人或其他组织", Kind: Count,
	Sum: []string{"commercial", "research", "public_interest", "legal_services", "other"}}

// Labels of table 3's header and merged group cells.
const (
	T3Note       = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
	T3Applicants = "申请人情况"
	grpResults   = "三、本年度办理结果"
	grpDenied    = "（三）不予公开"
	grpUnavail   = "（四）无法提供"
	grpRejected  = "（五）不予处理"
	grpOther     = "（六）其他处理"
)

// t3Rows lists the rows of table 3 in order; in2019/in2021 say which edition
// has them.
var t3Rows = []struct {
	Row
	in2019, in2021 bool
}{
	{Row{Name: "new", Label: "一、本年新收政府信息公开申请数量"}, true, true},
	{Row{Name: "carried_over", Label: "二、上年结转政府信息公开申请数量"}, true, true},
	{Row{Name: "granted", Label: "（一）予以公开", Groups: []string{grpResults}}, true, true},
	{Row{Name: "partial", Label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Groups: []string{grpResults},
		Variants: []string{"（二）部分公开（区分处理）", "（二）部分公开"}}, true, true},
	{Row{Name: "denied_secret", Label: "1.属于国家秘密", Groups: []string{grpResults, grpDenied}}, true, true},
	{Row{Name: "denied_law", Label: "2.其他法律行政法规禁止公开", Groups: []string{grpResults, grpDenied}}, true, true},
	{Row{Name: "denied_safety", Label: "3.危及“三安全一稳定”", Groups: []string{grpResults, grpDenied},
		Variants: []string{"3.危及\"三安全一稳定\"", "3.危及三安全一稳定"}}, true, true},
	{Row{Name: "denied_third_party", Label: "4.保护第三方合法权益", Groups: []string{grpResults, grpDenied}}, true, true},
	{Row{Name: "denied_internal", Label: "5.属于三类内部事务信息", Groups: []string{grpResults, grpDenied}}, true, true},
	{Row{Name: "denied_process", Label: "6.属于四类过程性信息", Groups: []string{grpResults, grpDenied}}, true, true},
	{Row{Name: "denied_enforcement", Label: "7.属于行政执法案卷", Groups: []string{grpResults, grpDenied}}, true, true},
	{Row{Name: "denied_query", Label: "8.属于行政查询事项", Groups: []string{grpResults, grpDenied}}, true, true},
	{Row{Name: "unavailable_not_held", Label: "1.本机关不掌握相关政府信息", Groups: []string{grpResults, grpUnavail}}, true, true},
	{Row{Name: "unavailable_needs_creation", Label: "2.没有现成信息需要另行制作", Groups: []string{grpResults, grpUnavail}}, true, true},
	{Row{Name: "unavailable_unclear", Label: "3.补正后申请内容仍不明确", Groups: []string{grpResults, grpUnavail}}, true, true},
	{Row{Name: "rejected_petition", Label: "1.信访举报投诉类申请", Groups: []string{grpResults, grpRejected}}, true, true},
	{Row{Name: "rejected_repeat", Label: "2.重复申请", Groups: []string{grpResults, grpRejected}}, true, true},
	{Row{Name: "rejected_publication", Label: "3.要求提供公开出版物", Groups: []string{grpResults, grpRejected}}, true, true},
	{Row{Name: "rejected_excessive", Label: "4.无正当理由大量反复申请", Groups: []string{grpResults, grpRejected}}, true, true},
	{Row{Name: "rejected_confirmation", Label: "5.要求行政机关确认或重新出具已获取信息", Groups: []string{grpResults, grpRejected}}, true, true},
	{Row{Name: "other", Label: grpOther, Groups: []string{grpResults}}, true, false},
	{Row{Name: "other_no_correction", Label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Groups: []string{grpResults, grpOther},
		Variants: []string{"1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"}}, false, true},
	{Row{Name: "other_unpaid_fee", Label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Groups: []string{grpResults, grpOther},
		Variants: []string{"2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请"}}, false, true},
	{Row{Name: "other_other", Label: "3.其他", Groups: []string{grpResults, grpOther}}, false, true},
	{Row{Name: "total", Label: "（七）总计", Groups: []string{grpResults}}, true, true},
	{Row{Name: "carried_forward", Label: "四、结转下年度继续办理"}, true, true},
}

// t3Subtotals are the subtotal rows some agencies add for result groups.
func t3Subtotals(e Edition) []Row {
	rows := []Row{
		{Name: "denied", Label: grpDenied, Groups: []string{grpResults}, Sum: t3Group(grpDenied)},
		{Name: "unavailable", Label: grpUnavail, Groups: []string{grpResults}, Sum: t3Group(grpUnavail)},
		{Name: "rejected", Label: grpRejected, Groups: []string{grpResults}, Sum: t3Group(grpRejected)},
	}
	if e == E2021 {
		rows = append(rows, Row{Name: "other", Label: grpOther, Groups: []string{grpResults}, Sum: t3Group(grpOther)})
	}
	return rows
}

func t3Group(g string) []string {
	var names []string
	for _, r := range t3Rows {
		if r.in2021 && len(r.Groups) == 2 && r.Groups[1] == g {
			names = append(names, r.Name)
		}
	}
	return names
}

func t3Block(e Edition) Block {
	b := Block{ID: "t3", Table: "t3", Corner: T3Note, Columns: t3Columns,
		ExtraColumns: []Column{t3Organizations}, ExtraRows: t3Subtotals(e)}
	for _, r := range t3Rows {
		if (e == E2019 && r.in2019) || (e == E2021 && r.in2021) {
			b.Rows = append(b.Rows, r.Row)
		}
	}
	return b
}

// Labels of table 4's merged header cells.
const (
	T4Review     = "行政复议"
	T4Suit       = "行政诉讼"
	t4Corner     = "行政复议、行政诉讼"
	t4Direct     = "未经复议直接起诉"
	t4AfterRevew = "复议后起诉"
)

var t4Block = Block{ID: "t4", Table: "t4", Corner: t4Corner,
	Columns: []Column{
		{Name: "upheld", Label: "结果维持", Kind: Count},
		{Name: "corrected", Label: "结果纠正", Kind: Count},
		{Name: "other", Label: "其他结果", Kind: Count},
		{Name: "pending", Label: "尚未审结", Kind: Count},
		{Name: "total", Label: "总计", Variants: []string{"合计"}, Kind: Count},
	},
	Rows: []Row{
		{Name: "review", Label: T4Review},
		{Name: "suit_direct", Label: t4Direct, Groups: []string{T4Suit}},
		{Name: "suit_after_review", Label: t4AfterRevew, Groups: []string{T4Suit}},
	},
}

var blocks = map[Edition][]Block{
	E2021: {
		{ID: "t2.1", Table: "t2", Caption: capItem1, Corner: t2Corner,
			Columns: []Column{colIssued, colRepealed, colInForce},
			Rows:    []Row{{Name: "regulations", Label: "规章"}, {Name: "normative_docs", Label: "行政规范性文件", Variants: []string{"规范性文件"}}}},
		{ID: "t2.5", Table: "t2", Caption: capItem5, Corner: t2Corner,
			Columns: []Column{colDecisions2021},
			Rows:    []Row{{Name: "licensing", Label: "行政许可"}}},
		{ID: "t2.6", Table: "t2", Caption: capItem6, Corner: t2Corner,
			Columns: []Column{colDecisions2021},
			Rows:    []Row{{Name: "penalty", Label: "行政处罚"}, {Name: "coercion", Label: "行政强制"}}},
		{ID: "t2.8", Table: "t2", Caption: capItem8, Corner: t2Corner,
			Columns: []Column{colFeeAmount},
			Rows:    []Row{{Name: "fees", Label: "行政事业性收费"}}},
		t3Block(E2021),
		t4Block,
	},
	E2019: {
		{ID: "t2.1", Table: "t2", Caption: capItem1, Corner: t2Corner,
			Columns: []Column{colNewMade, colNewPublished, colPublishedTotal},
			Rows:    []Row{{Name: "regulations", Label: "规章"}, {Name: "normative_docs", Label: "规范性文件", Variants: []string{"行政规范性文件"}}}},
		{ID: "t2.5", Table: "t2", Caption: capItem5, Corner: t2Corner,
			Columns: []Column{colPrevItems, colChange, colDecisions2019},
			Rows:    []Row{{Name: "licensing", Label: "行政许可"}, {Name: "other_services", Label: "其他对外管理服务事项"}}},
		{ID: "t2.6", Table: "t2", Caption: capItem6, Corner: t2Corner,
			Columns: []Column{colPrevItems, colChange, colDecisions2019},
			Rows:    []Row{{Name: "penalty", Label: "行政处罚"}, {Name: "coercion", Label: "行政强制"}}},
		{ID: "t2.8", Table: "t2", Caption: capItem8, Corner: t2Corner,
			Columns: []Column{colPrevItems, colChange},
			Rows:    []Row{{Name: "fees", Label: "行政事业性收费"}}},
		{ID: "t2.9", Table: "t2", Caption: capItem9, Corner: t2Corner,
			Columns: []Column{colProcItems, colProcAmount},
			Rows:    []Row{{Name: "procurement", Label: "政府集中采购"}}},
		t3Block(E2019),
		t4Block,
	},
}

// BlockIDs lists every block ID of every edition in template order.
var BlockIDs = []string{"t2.1", "t2.5", "t2.6", "t2.8", "t2.9", "t3", "t4"}

// Blocks returns the blocks of an edition in template order. The result is
// shared; callers must not modify it.
func Blocks(e Edition) []Block { return blocks[e] }

// BlockName names a block in messages, in words a reader of the report
// knows rather than its ID: "表二第二十条第（一）项" and "table 2, 第二十条第（一）项"
// for t2.1, "表三" and "table 3" for t3. An unknown ID is returned as it is.
func BlockName(id string) (zh, en string) {
	table, _, _ := strings.Cut(id, ".")
	zh = map[string]string{"t2": "表二", "t3": "表三", "t4": "表四"}[table]
	if zh == "" {
		return id, id
	}
	en = "table " + strings.TrimPrefix(table, "t")
	for _, e := range Editions {
		if b, ok := LookupBlock(e, id); ok && b.Caption != "" {
			return zh + b.Caption, en + ", " + b.Caption
		}
	}
	return zh, en
}

// LookupBlock returns the block with the given ID in edition e.
func LookupBlock(e Edition, id string) (Block, bool) {
	for _, b := range blocks[e] {
		if b.ID == id {
			return b, true
		}
	}
	return Block{}, false
}

// Cells returns the official cells of edition e in catalog order.
func Cells(e Edition) []Cell {
	var out []Cell
	for i := range blocks[e] {
		out = append(out, blocks[e][i].Cells()...)
	}
	return out
}

// AllRefs returns every official cell reference of both editions in catalog
// order: block by block, rows and columns of the two editions merged so that a
// cell only 2019 has stands next to its 2021 neighbours. This is the column
// order of wide exports. Extra subtotal cells are listed by [ExtraRefs].
func AllRefs() []string { return append([]string(nil), allRefs()...) }

var allRefs = sync.OnceValue(func() []string {
	var out []string
	for _, id := range BlockIDs {
		b21, ok21 := LookupBlock(E2021, id)
		b19, ok19 := LookupBlock(E2019, id)
		var rows []Row
		var cols []Column
		switch {
		case ok21 && ok19:
			rows = mergeNamed(b21.Rows, b19.Rows, func(r Row) string { return r.Name })
			cols = mergeNamed(b21.Columns, b19.Columns, func(c Column) string { return c.Name })
		case ok21:
			rows, cols = b21.Rows, b21.Columns
		case ok19:
			rows, cols = b19.Rows, b19.Columns
		}
		table := strings.SplitN(id, ".", 2)[0]
		for _, r := range rows {
			for _, c := range cols {
				ref := table + "." + r.Name + "." + c.Name
				if _, ok := LookupCell(E2021, ref); !ok {
					if _, ok := LookupCell(E2019, ref); !ok {
						continue // e.g. a 2021 column on a 2019-only row
					}
				}
				out = append(out, ref)
			}
		}
	}
	return out
})

// ExtraRefs returns the references of the extra subtotal cells some agencies
// add (法人或其他组织 column, group subtotal rows), in catalog order.
func ExtraRefs() []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range []Edition{E2021, E2019} {
		for _, b := range blocks[e] {
			for _, c := range b.AllCells() {
				if c.Extra && !seen[c.Ref] {
					seen[c.Ref] = true
					out = append(out, c.Ref)
				}
			}
		}
	}
	return out
}

// mergeNamed merges b into a, inserting each element of b that a lacks right
// after the element that precedes it in b (at the end if none does).
func mergeNamed[T any](a, b []T, name func(T) string) []T {
	out := append([]T(nil), a...)
	index := func(n string) int {
		for i, x := range out {
			if name(x) == n {
				return i
			}
		}
		return -1
	}
	for i, x := range b {
		if index(name(x)) >= 0 {
			continue
		}
		at := len(out) // no predecessor: after a's elements
		if i > 0 {
			at = index(name(b[i-1])) + 1
		}
		out = append(out[:at], append([]T{x}, out[at:]...)...)
	}
	return out
}

// LookupCell finds the cell with reference ref in edition e, including extra
// subtotal cells.
func LookupCell(e Edition, ref string) (Cell, bool) {
	c, ok := cellIndex()[e][ref]
	return c, ok
}

// cellIndex maps each edition's cell references to their cells, the first
// in catalog order where two blocks would name one reference.
var cellIndex = sync.OnceValue(func() map[Edition]map[string]Cell {
	idx := make(map[Edition]map[string]Cell, len(blocks))
	for e, bs := range blocks {
		m := map[string]Cell{}
		for i := range bs {
			for _, c := range bs[i].AllCells() {
				if _, seen := m[c.Ref]; !seen {
					m[c.Ref] = c
				}
			}
		}
		idx[e] = m
	}
	return idx
})

// BlockOf returns the block ID a cell reference belongs to, for either
// edition: "t2.regulations.issued" → "t2.1".
func BlockOf(ref string) string {
	for _, e := range Editions {
		if c, ok := LookupCell(e, ref); ok {
			return c.Block
		}
	}
	return ""
}
