package nianbao

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/opengovcn/nianbao/schema"
)

// Edition identifies the template edition of a table block; see [schema.Edition].
type Edition = schema.Edition

// The two editions of the template, and Hybrid, what [Report.Edition]
// returns for a report whose table blocks use different editions.
const (
	E2019  = schema.E2019
	E2021  = schema.E2021
	Hybrid = schema.Hybrid
)

// Position is a place in the source text. Line and Column are 1-based;
// Column counts runes (characters), not bytes, so a position in Chinese text
// points at the character an editor shows. The zero Position is "unknown".
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// IsValid reports whether the position is known.
func (p Position) IsValid() bool { return p.Line > 0 }

// String returns "line:column", or "-" for an unknown position.
func (p Position) String() string {
	if !p.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

// Report is one annual report on government information disclosure.
//
// Tables 2–4 are typed structs whose fields follow the template, so
// r.Requests.New.Total is the cell 一、本年新收政府信息公开申请数量 × 总计, whose
// reference is "t3.new.total" (see [Report.Cell]). A cell that is not part of
// the layout the report used (a 2019 cell in a 2021 table) has kind
// [Absent].
//
// Two reports that differ only in source positions are equal under
// github.com/google/go-cmp (Cell and Section have Equal methods that ignore
// positions); reflect.DeepEqual compares positions too.
type Report struct {
	// Title is the title line as written, if the document has one.
	Title string `json:"title,omitempty"`
	// Agency is the reporting agency as the document names it, e.g.
	// "卫滨区医疗保障局"; empty when the document never names itself.
	Agency string `json:"agency,omitempty"`
	// Year is the year reported on (not the publication year); 0 if unknown.
	Year int `json:"year,omitempty"`
	// Period is the statistical period as stated, e.g.
	// "2023年1月1日至2023年12月31日"; empty when not stated.
	Period string `json:"period,omitempty"`
	// Published is the publication date as written at the end of the
	// report, e.g. "2024年1月20日"; empty when not stated.
	Published string `json:"published,omitempty"`
	// Editions gives, for every table block found, the template edition
	// whose layout it used. Keys are block IDs: "t2.1", "t2.5", "t2.6",
	// "t2.8", "t2.9", "t3", "t4" (see package schema).
	Editions map[string]Edition `json:"editions,omitempty"`
	// Preamble is the text between the title and the first section.
	Preamble string `json:"preamble,omitempty"`
	// Sections are the report's sections in document order, the six of the
	// template and any others the document has.
	Sections []Section `json:"sections,omitempty"`
	// Active is table 2, 主动公开政府信息情况.
	Active ActiveTable `json:"t2"`
	// Requests is table 3, 收到和处理政府信息公开申请情况.
	Requests RequestTable `json:"t3"`
	// Reviews is table 4, 政府信息公开行政复议、行政诉讼情况.
	Reviews ReviewTable `json:"t4"`
	// Signature is the text after the last section that signs and dates the
	// report, when the document has it.
	Signature string `json:"signature,omitempty"`
	// Unrecognized holds every piece of input the parser could not place, with
	// its position. Nothing read is dropped silently.
	Unrecognized []Fragment `json:"unrecognized,omitempty"`
	// Warnings are the parser's positioned diagnostics about what it
	// repaired or guessed (a label broken across lines, a row read by
	// position). Validation findings are separate; see Validate.
	Warnings []*Diagnostic `json:"warnings,omitempty"`
}

// Section is a section of the report: its heading as written and its text.
type Section struct {
	// Number is the section's number in the template (1–6), or 0 for a
	// section the template does not have.
	Number int `json:"number"`
	// Heading is the heading as written, e.g. "五、存在问题".
	Heading string `json:"heading"`
	// Text is the section's body text. Tables are not repeated here.
	Text string   `json:"text,omitempty"`
	Pos  Position `json:"pos,omitzero"`
}

// Equal reports whether two sections have the same content, ignoring
// positions.
func (s Section) Equal(t Section) bool {
	return s.Number == t.Number && s.Heading == t.Heading && s.Text == t.Text
}

// Fragment is a piece of source text the parser kept but could not place.
type Fragment struct {
	Text string   `json:"text"`
	Pos  Position `json:"pos,omitzero"`
}

// Equal reports whether two fragments have the same text, ignoring positions.
func (f Fragment) Equal(g Fragment) bool { return f.Text == g.Text }

// ActiveTable is table 2, 主动公开政府信息情况. Its rows have the columns of
// both editions; the ones a report's edition lacks are [Absent].
type ActiveTable struct {
	Regulations   DocRow         `json:"regulations"`    // 规章
	NormativeDocs DocRow         `json:"normative_docs"` // 行政规范性文件 (2021) / 规范性文件 (2019)
	Licensing     ItemRow        `json:"licensing"`      // 行政许可
	OtherServices ItemRow        `json:"other_services"` // 其他对外管理服务事项 (2019 only)
	Penalty       ItemRow        `json:"penalty"`        // 行政处罚
	Coercion      ItemRow        `json:"coercion"`       // 行政强制
	Fees          FeeRow         `json:"fees"`           // 行政事业性收费
	Procurement   ProcurementRow `json:"procurement"`    // 政府集中采购 (2019 only)
}

// DocRow is a row of block 第二十条第（一）项.
type DocRow struct {
	Issued   Cell `json:"issued,omitzero"`   // 本年制发件数 (2021)
	Repealed Cell `json:"repealed,omitzero"` // 本年废止件数 (2021)
	InForce  Cell `json:"in_force,omitzero"` // 现行有效件数 (2021)

	NewMade        Cell `json:"new_made,omitzero"`        // 本年新制作数量 (2019)
	NewPublished   Cell `json:"new_published,omitzero"`   // 本年新公开数量 (2019)
	PublishedTotal Cell `json:"published_total,omitzero"` // 对外公开总数量 (2019)
}

// ItemRow is a row of blocks 第二十条第（五）项 and 第二十条第（六）项.
type ItemRow struct {
	PrevItems Cell `json:"prev_items,omitzero"` // 上一年项目数量 (2019)
	Change    Cell `json:"change,omitzero"`     // 本年增/减 (2019, signed)
	Decisions Cell `json:"decisions,omitzero"`  // 本年处理决定数量 (2021) / 处理决定数量 (2019)
}

// FeeRow is the row of block 第二十条第（八）项.
type FeeRow struct {
	PrevItems Cell `json:"prev_items,omitzero"` // 上一年项目数量 (2019)
	Change    Cell `json:"change,omitzero"`     // 本年增/减 (2019, signed)
	Amount    Cell `json:"amount,omitzero"`     // 本年收费金额（单位：万元） (2021, decimal)
}

// ProcurementRow is the row of block 第二十条第（九）项 (2019 only).
type ProcurementRow struct {
	Items  Cell `json:"items,omitzero"`  // 采购项目数量
	Amount Cell `json:"amount,omitzero"` // 采购总金额 (decimal, unit unstated)
}

// RequestTable is table 3, 收到和处理政府信息公开申请情况.
type RequestTable struct {
	New         ApplicantRow `json:"new"`          // 一、本年新收政府信息公开申请数量
	CarriedOver ApplicantRow `json:"carried_over"` // 二、上年结转政府信息公开申请数量

	Granted ApplicantRow `json:"granted"` // （一）予以公开
	Partial ApplicantRow `json:"partial"` // （二）部分公开

	Denied            ApplicantRow `json:"denied,omitzero"`    // （三）不予公开 subtotal (extra)
	DeniedSecret      ApplicantRow `json:"denied_secret"`      // 1.属于国家秘密
	DeniedLaw         ApplicantRow `json:"denied_law"`         // 2.其他法律行政法规禁止公开
	DeniedSafety      ApplicantRow `json:"denied_safety"`      // 3.危及“三安全一稳定”
	DeniedThirdParty  ApplicantRow `json:"denied_third_party"` // 4.保护第三方合法权益
	DeniedInternal    ApplicantRow `json:"denied_internal"`    // 5.属于三类内部事务信息
	DeniedProcess     ApplicantRow `json:"denied_process"`     // 6.属于四类过程性信息
	DeniedEnforcement ApplicantRow `json:"denied_enforcement"` // 7.属于行政执法案卷
	DeniedQuery       ApplicantRow `json:"denied_query"`       // 8.属于行政查询事项

	Unavailable              ApplicantRow `json:"unavailable,omitzero"`       // （四）无法提供 subtotal (extra)
	UnavailableNotHeld       ApplicantRow `json:"unavailable_not_held"`       // 1.本机关不掌握相关政府信息
	UnavailableNeedsCreation ApplicantRow `json:"unavailable_needs_creation"` // 2.没有现成信息需要另行制作
	UnavailableUnclear       ApplicantRow `json:"unavailable_unclear"`        // 3.补正后申请内容仍不明确

	Rejected             ApplicantRow `json:"rejected,omitzero"`     // （五）不予处理 subtotal (extra)
	RejectedPetition     ApplicantRow `json:"rejected_petition"`     // 1.信访举报投诉类申请
	RejectedRepeat       ApplicantRow `json:"rejected_repeat"`       // 2.重复申请
	RejectedPublication  ApplicantRow `json:"rejected_publication"`  // 3.要求提供公开出版物
	RejectedExcessive    ApplicantRow `json:"rejected_excessive"`    // 4.无正当理由大量反复申请
	RejectedConfirmation ApplicantRow `json:"rejected_confirmation"` // 5.要求行政机关确认或重新出具已获取信息

	// Other is （六）其他处理: the single row of 2019, or the subtotal some
	// agencies add over the three 2021 sub-rows.
	Other             ApplicantRow `json:"other,omitzero"`
	OtherNoCorrection ApplicantRow `json:"other_no_correction,omitzero"` // 1.申请人无正当理由逾期不补正… (2021)
	OtherUnpaidFee    ApplicantRow `json:"other_unpaid_fee,omitzero"`    // 2.申请人逾期未按收费通知要求缴纳费用… (2021)
	OtherOther        ApplicantRow `json:"other_other,omitzero"`         // 3.其他 (2021)

	Total          ApplicantRow `json:"total"`           // （七）总计
	CarriedForward ApplicantRow `json:"carried_forward"` // 四、结转下年度继续办理
}

// ApplicantRow is a row of table 3: one cell per applicant column.
type ApplicantRow struct {
	NaturalPerson  Cell `json:"natural_person,omitzero"`  // 自然人
	Commercial     Cell `json:"commercial,omitzero"`      // 商业企业
	Research       Cell `json:"research,omitzero"`        // 科研机构
	PublicInterest Cell `json:"public_interest,omitzero"` // 社会公益组织
	LegalServices  Cell `json:"legal_services,omitzero"`  // 法律服务机构
	Other          Cell `json:"other,omitzero"`           // 其他
	Total          Cell `json:"total,omitzero"`           // 总计
	// Organizations is the subtotal column 法人或其他组织 some agencies add.
	Organizations Cell `json:"organizations,omitzero"`
}

// ReviewTable is table 4, 政府信息公开行政复议、行政诉讼情况.
type ReviewTable struct {
	Review          ReviewRow `json:"review"`            // 行政复议
	SuitDirect      ReviewRow `json:"suit_direct"`       // 行政诉讼 · 未经复议直接起诉
	SuitAfterReview ReviewRow `json:"suit_after_review"` // 行政诉讼 · 复议后起诉
}

// ReviewRow is one group of table 4.
type ReviewRow struct {
	Upheld    Cell `json:"upheld,omitzero"`    // 结果维持
	Corrected Cell `json:"corrected,omitzero"` // 结果纠正
	Other     Cell `json:"other,omitzero"`     // 其他结果
	Pending   Cell `json:"pending,omitzero"`   // 尚未审结
	Total     Cell `json:"total,omitzero"`     // 总计
}

// cellIndex maps a cell reference ("t3.new.total") to the index path of its
// field in Report. It is built once from the struct tags, which the tests
// check against the schema catalog.
var cellIndex = sync.OnceValue(func() map[string][]int {
	idx := map[string][]int{}
	rt := reflect.TypeFor[Report]()
	cellType := reflect.TypeFor[Cell]()
	for i := 0; i < rt.NumField(); i++ {
		tf := rt.Field(i)
		table := jsonName(tf)
		if !strings.HasPrefix(table, "t") || tf.Type.Kind() != reflect.Struct {
			continue
		}
		for j := 0; j < tf.Type.NumField(); j++ {
			rf := tf.Type.Field(j)
			for k := 0; k < rf.Type.NumField(); k++ {
				cf := rf.Type.Field(k)
				if cf.Type != cellType {
					continue
				}
				idx[table+"."+jsonName(rf)+"."+jsonName(cf)] = []int{i, j, k}
			}
		}
	}
	return idx
})

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// CellRefs returns every cell reference the Report type can hold, sorted.
// It includes the cells of both editions and the extra subtotal cells.
func CellRefs() []string {
	var refs []string
	for ref := range cellIndex() {
		refs = append(refs, ref)
	}
	sortStrings(refs)
	return refs
}

// Cell returns the cell with the given reference, such as "t3.new.total", and
// whether the reference names a cell at all. A cell outside the report's
// layout is returned with kind Absent and ok true.
func (r *Report) Cell(ref string) (c Cell, ok bool) {
	p := r.CellPtr(ref)
	if p == nil {
		return Cell{}, false
	}
	return *p, true
}

// CellPtr returns a pointer to the cell with the given reference, so that it
// can be set, or nil if the reference names no cell.
func (r *Report) CellPtr(ref string) *Cell {
	if r == nil {
		return nil
	}
	table, rest, _ := strings.Cut(ref, ".")
	row, col, _ := strings.Cut(rest, ".")
	return r.cellAt(table, row, col)
}

// SetCell sets the cell with the given reference. It reports an error wrapping
// [ErrUnknownCell] if the reference names no cell.
func (r *Report) SetCell(ref string, c Cell) error {
	p := r.CellPtr(ref)
	if p == nil {
		return fmt.Errorf("%w: %q", ErrUnknownCell, ref)
	}
	*p = c
	return nil
}

// Edition returns the edition of the report's layout: the one edition every
// table block used ([E2019] or [E2021]), [Hybrid] ("hybrid") when the blocks
// use different editions, or "" when no block was found. It is what the
// edition column of nianbao export shows. Table 4 is the same in both
// editions and decides only when it is the only block. See
// [Report.Editions] for the edition of each block.
//
// Before Hybrid was added, Edition returned "" for a hybrid as well; a
// program that told the two apart by len(r.Editions) keeps working.
func (r *Report) Edition() Edition {
	var e Edition
	for _, id := range schema.BlockIDs {
		be, ok := r.Editions[id]
		if !ok || id == "t4" { // table 4 is the same in both editions
			continue
		}
		if e == "" {
			e = be
		} else if be != e {
			return Hybrid
		}
	}
	if e == "" {
		return r.Editions["t4"]
	}
	return e
}

// Section returns the section with template number n (1–6) and whether the
// report has it.
func (r *Report) Section(n int) (Section, bool) {
	for _, s := range r.Sections {
		if s.Number == n {
			return s, true
		}
	}
	return Section{}, false
}

// Cells returns the cells present in the report (kind other than Absent) in
// catalog order: official cells of both editions, then the extra subtotals.
func (r *Report) Cells() []RefCell {
	var out []RefCell
	for _, ref := range cellRefs() {
		if c, _ := r.Cell(ref); c.Kind != Absent {
			out = append(out, RefCell{Ref: ref, Cell: c})
		}
	}
	return out
}

// cellRefs lists every cell reference once, in the order of [Report.Cells]:
// the official references of the catalog, then the extra ones.
var cellRefs = sync.OnceValue(func() []string {
	var out []string
	seen := map[string]bool{}
	for _, refs := range [][]string{schema.AllRefs(), schema.ExtraRefs()} {
		for _, ref := range refs {
			if seen[ref] {
				continue // t3.other is official in 2019 and extra in 2021
			}
			seen[ref] = true
			out = append(out, ref)
		}
	}
	return out
})

// cellRefParts is cellRefs split at its dots (table, row, column): a
// lookup of every cell (mapReport, once a parse) need not cut the strings.
var cellRefParts = sync.OnceValue(func() [][3]string {
	refs := cellRefs()
	out := make([][3]string, len(refs))
	for i, ref := range refs {
		table, rest, _ := strings.Cut(ref, ".")
		row, col, _ := strings.Cut(rest, ".")
		out[i] = [3]string{table, row, col}
	}
	return out
})

// RefCell is a cell with its reference.
type RefCell struct {
	Ref string
	Cell
}

// NewReport returns a report with every cell of edition e's official layout
// blank, ready to be filled with [Report.SetCell] or the typed fields.
func NewReport(e Edition) *Report {
	r := &Report{Editions: map[string]Edition{}}
	for _, b := range schema.Blocks(e) {
		r.Editions[b.ID] = e
		for _, c := range b.Cells() {
			*r.CellPtr(c.Ref) = BlankCell()
		}
	}
	return r
}

var _ json.Marshaler = Cell{} // cells encode themselves; the rest of Report uses struct tags
