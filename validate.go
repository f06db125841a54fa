package nianbao

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/schema"
)

// Finding is one result of a validation rule: an arithmetic error, an
// inconsistency, or something a report officer should look at.
type Finding struct {
	// Code names the rule, e.g. "t3-balance"; see [Rules]. Codes are stable.
	Code string `json:"code"`
	// Severity is the rule's: an error means the report contradicts the
	// template, a warning that something is missing, odd or undecidable.
	Severity Severity `json:"severity"`
	// Cells are the references of the cells involved, e.g.
	// ["t3.total.natural_person", "t3.granted.natural_person", ...].
	Cells []string `json:"cells"`
	// File is the file the report came from, when the caller sets it;
	// Validate leaves it empty.
	File string `json:"file,omitempty"`
	// Pos is the source position of the first cell or section involved
	// that has one. A finding about the whole report (no statement of the
	// period, a missing section) points at line 1, column 1 of a parsed
	// report; reports built in Go have no positions.
	Pos Position `json:"pos,omitzero"`
	// Message says what is wrong in Chinese, MessageEN in English.
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
	// Report is the report the finding is about: for a series finding, the
	// later of the two reports compared.
	Report *Report `json:"-"`
}

// Error formats the finding like a compiler message:
// "file:line:col: severity: message [code]". It implements error; Unwrap
// returns [ErrInvalid].
func (f Finding) Error() string {
	d := Diagnostic{File: f.File, Pos: f.Pos, Severity: f.Severity, Msg: f.Message}
	return d.Error() + " [" + f.Code + "]"
}

// Unwrap returns [ErrInvalid], so errors.Is(f, ErrInvalid) holds.
func (f Finding) Unwrap() error { return ErrInvalid }

// HasErrors reports whether any finding has severity error.
func HasErrors(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == SeverityError })
}

// Rule is a validation rule: a stable code, a severity, and what it checks.
type Rule struct {
	Code          string   `json:"code"`
	Severity      Severity `json:"severity"`
	Description   string   `json:"description"`    // in Chinese
	DescriptionEN string   `json:"description_en"` // in English
	// Series is true for rules that compare the reports of one agency from
	// year to year ([ValidateSeries]); the others check one report
	// ([Validate]).
	Series bool `json:"series,omitempty"`
	check  func(v *validation)
}

// Rules returns every validation rule in the order Validate applies them:
// errors, then warnings, then the series rules.
func Rules() []Rule { return slices.Clone(rules) }

// rules is the table of rules. Codes are stable: tools and people filter on
// them. A rule without a check function is reported by another rule's
// check (undecidable by every sum rule, series rules by ValidateSeries).
var rules = []Rule{
	{Code: "t3-balance", Severity: SeverityError, check: checkT3Balance,
		Description:   "表三每一列：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理（模板规定的勾稽关系）",
		DescriptionEN: "table 3, every column: new + carried_over = total + carried_forward (the template's own balance)"},
	{Code: "t3-results", Severity: SeverityError, check: checkT3Results,
		Description:   "表三每一列：（七）总计 = 本版式全部办理结果行之和",
		DescriptionEN: "table 3, every column: total = the sum of all result rows of the report's edition"},
	{Code: "t3-row-sum", Severity: SeverityError, check: checkT3Rows,
		Description:   "表三每一行：总计列 = 六类申请人列之和",
		DescriptionEN: "table 3, every row: the total column = the sum of the six applicant columns"},
	{Code: "t4-row-sum", Severity: SeverityError, check: checkT4Rows,
		Description:   "表四每一行：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
		DescriptionEN: "table 4, every row: total = upheld + corrected + other + pending"},
	{Code: "subtotal", Severity: SeverityError, check: checkSubtotals,
		Description:   "机关自行增加的小计（法人或其他组织列，（三）（四）（五）（六）小计行）= 其各项之和",
		DescriptionEN: "a subtotal an agency added (the 法人或其他组织 column, the group subtotal rows) = the sum of its parts"},
	{Code: "value-kind", Severity: SeverityError, check: checkValueKinds,
		Description:   "件数是非负整数；只有 2019 版“本年增/减”可以为负，只有金额可以有小数",
		DescriptionEN: "counts are non-negative integers; only the 2019 本年增/减 may be negative, only amounts may be decimal"},
	{Code: "missing-table", Severity: SeverityError, check: checkTables,
		Description:   "缺少模板要求的表格（表二、表三或表四）",
		DescriptionEN: "a table the template requires (table 2, 3 or 4) is missing"},
	{Code: "missing-section", Severity: SeverityError, check: checkSections,
		Description:   "缺少模板要求的六个部分之一",
		DescriptionEN: "one of the template's six sections is missing"},
	{Code: "section-heading", Severity: SeverityWarning,
		Description:   "模板的某一部分换了标题：同一序号（如“六、”）下写的是别的内容",
		DescriptionEN: "a template section has another heading: the same number (such as 六、) heads something else"},
	{Code: "undecidable", Severity: SeverityWarning,
		Description:   "空白、“/”或文字单元格使某条算术规则无法判断（空白不是 0）",
		DescriptionEN: "blank, not-applicable or text cells make an arithmetic rule undecidable (a blank is not 0)"},
	{Code: "blank-cell", Severity: SeverityWarning, check: checkBlankCells,
		Description:   "表格中有空白单元格",
		DescriptionEN: "a table cell is blank"},
	{Code: "text-cell", Severity: SeverityWarning, check: checkTextCells,
		Description:   "表格中的单元格写的是文字而不是数字",
		DescriptionEN: "a table cell holds text instead of a number"},
	{Code: "edition-year", Severity: SeverityWarning, check: checkEditionYear,
		Description:   "2021 年及以后的报告使用了 2019 版表格，或 2021 年以前的报告使用了 2021 版表格",
		DescriptionEN: "a 2019 layout in a report on 2021 or later, or a 2021 layout in a report on 2020 or earlier"},
	{Code: "edition-mixed", Severity: SeverityWarning, check: checkEditionMixed,
		Description:   "各表格使用的版式不一致（2019 版与 2021 版混用）",
		DescriptionEN: "the tables mix the 2019 and the 2021 layout"},
	{Code: "section-order", Severity: SeverityWarning, check: checkSectionOrder,
		Description:   "各部分的顺序与模板不同",
		DescriptionEN: "the sections are not in the template's order"},
	{Code: "section-empty", Severity: SeverityWarning, check: checkSectionEmpty,
		Description:   "总体情况、存在的主要问题及改进情况或其他需要报告的事项为空，或第五部分什么也没说",
		DescriptionEN: "section 1, 5 or 6 is empty, or section 5 says nothing"},
	{Code: "fee-unmentioned", Severity: SeverityWarning, check: checkFee,
		Description:   "表三“逾期未按收费通知要求缴纳费用”大于 0，但第六部分没有提到信息处理费",
		DescriptionEN: "t3.other_unpaid_fee is above 0 but section 6 never mentions 信息处理费 (information-processing fees)"},
	{Code: "text-table", Severity: SeverityWarning, check: checkTextNumbers,
		Description:   "正文中写的数字（本年新收、上年结转、结转下年度、行政复议、行政诉讼……件）与表格不一致",
		DescriptionEN: "a number stated in the text (本年新收, 上年结转, 结转下年度, 行政复议, 行政诉讼 …件) disagrees with the tables"},
	{Code: "no-period", Severity: SeverityWarning, check: checkPeriod,
		Description:   "报告没有说明统计期限",
		DescriptionEN: "the report does not state its statistical period"},
	{Code: "series-carried-over", Severity: SeverityWarning, Series: true,
		Description:   "同一机关：本年“二、上年结转”= 上一年“四、结转下年度继续办理”",
		DescriptionEN: "one agency: this year's carried_over = last year's carried_forward"},
	{Code: "series-in-force", Severity: SeverityWarning, Series: true,
		Description:   "同一机关：本年现行有效件数 = 上一年现行有效件数 + 本年制发件数 − 本年废止件数",
		DescriptionEN: "one agency: this year's in_force = last year's in_force + this year's issued − repealed"},
	{Code: "series-gap", Severity: SeverityWarning, Series: true,
		Description:   "同一机关的年度序列中间缺少某一年的报告",
		DescriptionEN: "a year is missing from the middle of one agency's series"},
	{Code: "series-duplicate", Severity: SeverityWarning, Series: true,
		Description:   "同一机关同一年度有多份报告",
		DescriptionEN: "one agency has several reports on the same year"},
}

// severities maps rule codes to severities; init fills it from rules (a
// variable initialised from rules would make an initialisation cycle, since
// the checks report through it).
var severities = map[string]Severity{}

func init() {
	for _, r := range rules {
		severities[r.Code] = r.Severity
	}
}

// ruleSeverity returns the severity of the rule with the given code.
func ruleSeverity(code string) Severity {
	s, ok := severities[code]
	if !ok {
		panic("nianbao: no validation rule " + code) // a bug in this file
	}
	return s
}

// Validate checks one report against every rule of [Rules] that is not a
// series rule and returns the findings, sorted by source position (findings
// without one last), in rule order where positions are equal. A report whose
// arithmetic holds, whose cells are all numbers and whose sections are all
// there gives no finding.
//
// Blank, not-applicable and text cells are never taken as 0: a sum rule
// that needs one is undecidable, and says so in one "undecidable" warning per
// rule, listing the cells.
func Validate(r *Report) []Finding {
	if r == nil {
		return nil
	}
	v := &validation{r: r, undecided: map[string]*undecided{}}
	for _, rule := range rules {
		if rule.check != nil {
			rule.check(v)
		}
		v.flushUndecided(rule)
	}
	sortFindings(v.out)
	return v.out
}

// hasPositions reports whether the report was read from a source: some
// section or cell has a position.
func hasPositions(r *Report) bool {
	for _, s := range r.Sections {
		if s.Pos.IsValid() {
			return true
		}
	}
	for _, c := range r.Cells() {
		if c.Pos.IsValid() {
			return true
		}
	}
	return false
}

// sortFindings sorts findings by position, keeping rule order for equal
// positions; findings without a position come last.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i].Pos, fs[j].Pos
		if a.IsValid() != b.IsValid() {
			return a.IsValid()
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// validation is the state of one Validate call.
type validation struct {
	r         *Report
	out       []Finding
	undecided map[string]*undecided // by rule code
	cells     []schema.Cell         // catalogCells, once computed
	hasPos    int8                  // hasPositions(r): 0 unknown, 1 yes, -1 no
}

// undecided collects the instances of one sum rule that blanks made
// undecidable.
type undecided struct {
	n     int      // number of undecidable equations
	where []string // what they are about, e.g. "自然人", in order
	cells []string // the cells that are not numbers, in order, unique
}

// add records a finding of the rule with the given code.
func (v *validation) add(code string, cells []string, zh, en string) {
	if v.hasPos == 0 {
		v.hasPos = -1
		if hasPositions(v.r) {
			v.hasPos = 1
		}
	}
	v.r.addFinding(&v.out, code, cells, zh, en, v.hasPos > 0)
}

// addFinding appends a finding of the rule with the given code about r. A
// finding about the whole report (no cell with a position) points at 1:1
// when r was read from a source (hasPos).
func (r *Report) addFinding(out *[]Finding, code string, cells []string, zh, en string, hasPos bool) {
	if cells == nil {
		cells = []string{}
	}
	f := Finding{Code: code, Severity: ruleSeverity(code), Cells: cells, Message: zh, MessageEN: en, Report: r}
	for _, ref := range cells {
		if c, _ := r.Cell(ref); c.Pos.IsValid() {
			f.Pos = c.Pos
			break
		}
	}
	if !f.Pos.IsValid() && hasPos {
		f.Pos = Position{Line: 1, Column: 1} // about the whole report
	}
	*out = append(*out, f)
}

// placeLast moves the last finding to p, when p is a position: findings
// about a section point at its heading.
func (v *validation) placeLast(p Position) {
	if p.IsValid() {
		v.out[len(v.out)-1].Pos = p
	}
}

// flushUndecided reports what rule could not decide, as one warning.
func (v *validation) flushUndecided(rule Rule) {
	u := v.undecided[rule.Code]
	if u == nil {
		return
	}
	name := map[string]string{"t3-balance": "表三勾稽关系", "t3-results": "表三总计等于办理结果之和",
		"t3-row-sum": "表三行合计", "t4-row-sum": "表四行合计", "subtotal": "小计"}[rule.Code]
	eqs := "equations involve"
	if u.n == 1 {
		eqs = "equation involves"
	}
	zh := fmt.Sprintf("无法判断%s %s（%s）：%d 处涉及空白、“/”或文字单元格 %s，空白不按 0 计算",
		name, rule.Code, strings.Join(limit(u.where, 6), "、"), u.n, strings.Join(limit(u.cells, 6), "、"))
	en := fmt.Sprintf("cannot decide %s (%s): %d %s blank, not-applicable or text cells %s; a blank is not 0",
		rule.Code, strings.Join(limit(u.where, 6), ", "), u.n, eqs, strings.Join(limit(u.cells, 6), ", "))
	v.add("undecidable", u.cells, zh, en)
}

// limit returns s with at most n elements, the last replaced by "…" when
// some are left out.
func limit(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(slices.Clone(s[:n]), "…")
}

// equation is one instance of a sum rule: the sum of lhs equals the sum of
// rhs.
type equation struct {
	code     string
	where    string // short name of the instance, e.g. the column label
	lhs, rhs []string
	// zhL, zhR, enL, enR describe the two sides in the message, e.g.
	// "（七）总计" and "办理结果各行之和".
	zhL, zhR, enL, enR string
	zhWhere, enWhere   string // e.g. "表三“自然人”列", "table 3, column 自然人"
}

// check decides the equation: a finding when it fails, a note for the
// undecidable warning when a cell is not a number, nothing when it holds.
func (v *validation) check(eq equation) {
	if v.anyOverlong(eq.lhs) || v.anyOverlong(eq.rhs) {
		return // value-kind reports the number; it takes no part in sums
	}
	var missing []string
	sum := func(refs []string) *big.Rat {
		s := new(big.Rat)
		for _, ref := range refs {
			c, _ := v.r.Cell(ref)
			x, ok := c.Rat()
			if !ok {
				missing = append(missing, ref)
				continue
			}
			s.Add(s, x)
		}
		return s
	}
	a, b := sum(eq.lhs), sum(eq.rhs)
	if len(missing) > 0 {
		u := v.undecided[eq.code]
		if u == nil {
			u = &undecided{}
			v.undecided[eq.code] = u
		}
		u.n++
		if !slices.Contains(u.where, eq.where) {
			u.where = append(u.where, eq.where)
		}
		for _, ref := range missing {
			if !slices.Contains(u.cells, ref) {
				u.cells = append(u.cells, ref)
			}
		}
		return
	}
	if a.Cmp(b) == 0 {
		return
	}
	d := new(big.Rat).Sub(a, b)
	d.Abs(d)
	cells := append(slices.Clone(eq.lhs), eq.rhs...)
	zh := fmt.Sprintf("%s：%s = %s，%s = %s，相差 %s", eq.zhWhere, eq.zhL, ratString(a), eq.zhR, ratString(b), ratString(d))
	en := fmt.Sprintf("%s: %s = %s, %s = %s, difference %s", eq.enWhere, eq.enL, ratString(a), eq.enR, ratString(b), ratString(d))
	v.add(eq.code, cells, zh, en)
}

// ratString prints an exact decimal: the sums of decimal cells are exact
// decimals, so the digits after the point are finite.
func ratString(x *big.Rat) string {
	if x.IsInt() {
		return x.Num().String()
	}
	for prec := 1; prec <= 30; prec++ {
		s := x.FloatString(prec)
		if y, ok := new(big.Rat).SetString(s); ok && y.Cmp(x) == 0 {
			return s
		}
	}
	return x.RatString()
}

// block returns the catalog block the report has for id, and whether it has
// one.
func (v *validation) block(id string) (schema.Block, bool) {
	e, ok := v.r.Editions[id]
	if !ok {
		return schema.Block{}, false
	}
	return schema.LookupBlock(e, id)
}

// present reports whether the report has the row: at least one of its cells
// is not Absent.
func (v *validation) present(b schema.Block, row string) bool {
	for _, cs := range [][]schema.Column{b.Columns, b.ExtraColumns} {
		for _, c := range cs {
			if cell, _ := v.r.Cell(b.Ref(row, c.Name)); cell.Kind != Absent {
				return true
			}
		}
	}
	return false
}

// presentColumn reports whether the report has the column in any row.
func (v *validation) presentColumn(b schema.Block, col string) bool {
	for _, rs := range [][]schema.Row{b.Rows, b.ExtraRows} {
		for _, r := range rs {
			if cell, _ := v.r.Cell(b.Ref(r.Name, col)); cell.Kind != Absent {
				return true
			}
		}
	}
	return false
}

// rowLabel is a row's label for messages: its group and its label without
// a parenthesised note, e.g. "（三）不予公开 1.属于国家秘密".
func rowLabel(r schema.Row) string {
	label := shortLabel(r.Label)
	if n := len(r.Groups); n > 0 && strings.HasPrefix(r.Groups[n-1], "（") && !strings.HasPrefix(label, "（") {
		label = r.Groups[n-1] + " " + label
	}
	return label
}

// t3Results returns the result rows of table 3's edition: every official
// row under 三、本年度办理结果 but （七）总计.
func t3Results(b schema.Block) []schema.Row {
	var out []schema.Row
	for _, r := range b.Rows {
		if len(r.Groups) > 0 && r.Name != "total" {
			out = append(out, r)
		}
	}
	return out
}

func checkT3Balance(v *validation) {
	b, ok := v.block("t3")
	if !ok {
		return
	}
	for _, c := range b.Columns {
		v.check(equation{code: "t3-balance", where: c.Label,
			lhs:     []string{b.Ref("new", c.Name), b.Ref("carried_over", c.Name)},
			rhs:     []string{b.Ref("total", c.Name), b.Ref("carried_forward", c.Name)},
			zhWhere: "表三“" + c.Label + "”列", enWhere: "table 3, column " + c.Label + " (" + c.Name + ")",
			zhL: "一、本年新收 + 二、上年结转", zhR: "（七）总计 + 四、结转下年度继续办理",
			enL: "new + carried_over", enR: "total + carried_forward"})
	}
}

func checkT3Results(v *validation) {
	b, ok := v.block("t3")
	if !ok {
		return
	}
	results := t3Results(b)
	for _, c := range b.Columns {
		var rhs []string
		for _, r := range results {
			rhs = append(rhs, b.Ref(r.Name, c.Name))
		}
		v.check(equation{code: "t3-results", where: c.Label,
			lhs: []string{b.Ref("total", c.Name)}, rhs: rhs,
			zhWhere: "表三“" + c.Label + "”列", enWhere: "table 3, column " + c.Label + " (" + c.Name + ")",
			zhL: "（七）总计", zhR: "办理结果各行之和", enL: "total", enR: "sum of result rows"})
	}
}

// rowSums checks, for every row of the block the report has, that its
// total column is the sum of the given columns.
func (v *validation) rowSums(b schema.Block, code string, cols []string, zhR, enR string) {
	zhT, enT := tableLabels(b.ID)
	for _, rs := range [][]schema.Row{b.Rows, b.ExtraRows} {
		for _, r := range rs {
			if !v.present(b, r.Name) {
				continue
			}
			var rhs []string
			for _, c := range cols {
				rhs = append(rhs, b.Ref(r.Name, c))
			}
			label := rowLabel(r)
			v.check(equation{code: code, where: label,
				lhs: []string{b.Ref(r.Name, "total")}, rhs: rhs,
				zhWhere: zhT + "“" + label + "”行", enWhere: enT + ", row " + label + " (" + r.Name + ")",
				zhL: "总计", zhR: zhR, enL: "total", enR: enR})
		}
	}
}

func checkT3Rows(v *validation) {
	b, ok := v.block("t3")
	if !ok {
		return
	}
	var cols []string
	for _, c := range b.Columns {
		if c.Name != "total" {
			cols = append(cols, c.Name)
		}
	}
	v.rowSums(b, "t3-row-sum", cols, "六类申请人之和", "sum of the six applicant columns")
}

func checkT4Rows(v *validation) {
	b, ok := v.block("t4")
	if !ok {
		return
	}
	v.rowSums(b, "t4-row-sum", []string{"upheld", "corrected", "other", "pending"},
		"结果维持、结果纠正、其他结果、尚未审结之和", "upheld + corrected + other + pending")
}

// checkSubtotals checks the extra subtotal rows and columns the report has.
func checkSubtotals(v *validation) {
	for _, id := range schema.BlockIDs {
		b, ok := v.block(id)
		if !ok {
			continue
		}
		zhT, enT := tableLabels(id)
		allCols := append(slices.Clone(b.Columns), b.ExtraColumns...)
		for _, sr := range b.ExtraRows {
			if len(sr.Sum) == 0 || !v.present(b, sr.Name) {
				continue
			}
			for _, c := range allCols {
				if cell, _ := v.r.Cell(b.Ref(sr.Name, c.Name)); cell.Kind == Absent {
					continue
				}
				var rhs []string
				for _, part := range sr.Sum {
					rhs = append(rhs, b.Ref(part, c.Name))
				}
				v.check(equation{code: "subtotal", where: sr.Label + " " + c.Label,
					lhs: []string{b.Ref(sr.Name, c.Name)}, rhs: rhs,
					zhWhere: zhT + "小计行“" + sr.Label + "”“" + c.Label + "”列", enWhere: enT + ", subtotal row " + sr.Label + " (" + sr.Name + "), column " + c.Label,
					zhL: "小计", zhR: "其各项之和", enL: "subtotal", enR: "sum of its rows"})
			}
		}
		for _, sc := range b.ExtraColumns {
			if len(sc.Sum) == 0 || !v.presentColumn(b, sc.Name) {
				continue
			}
			for _, rs := range [][]schema.Row{b.Rows, b.ExtraRows} {
				for _, r := range rs {
					if cell, _ := v.r.Cell(b.Ref(r.Name, sc.Name)); cell.Kind == Absent {
						continue
					}
					var rhs []string
					for _, part := range sc.Sum {
						rhs = append(rhs, b.Ref(r.Name, part))
					}
					label := rowLabel(r)
					v.check(equation{code: "subtotal", where: label + " " + sc.Label,
						lhs: []string{b.Ref(r.Name, sc.Name)}, rhs: rhs,
						zhWhere: zhT + "“" + label + "”行“" + sc.Label + "”列", enWhere: enT + ", row " + label + ", column " + sc.Label + " (" + sc.Name + ")",
						zhL: sc.Label, zhR: "其五列之和", enL: sc.Name, enR: "sum of its five columns"})
				}
			}
		}
	}
}

// catalogCells returns the catalog cells, official and extra, of every block
// the report has, in catalog order.
func (v *validation) catalogCells() []schema.Cell {
	if v.cells != nil {
		return v.cells
	}
	out := []schema.Cell{}
	for _, id := range schema.BlockIDs {
		if e, ok := v.r.Editions[id]; ok {
			out = append(out, blockCells()[e][id]...)
		}
	}
	v.cells = out
	return out
}

// blockCells holds every block's cells, official and extra, by edition and
// block ID, made once: the catalog builds them anew on each call.
var blockCells = sync.OnceValue(func() map[schema.Edition]map[string][]schema.Cell {
	m := map[schema.Edition]map[string][]schema.Cell{}
	for _, e := range schema.Editions {
		m[e] = map[string][]schema.Cell{}
		for _, b := range schema.Blocks(e) {
			m[e][b.ID] = b.AllCells()
		}
	}
	return m
})

// cellLabel names a cell for messages: "表三“（七）总计”行“自然人”列".
func cellLabel(c schema.Cell) (zh, en string) {
	row := shortLabel(c.RowLabel)
	zhTable, _ := tableLabels(c.Block)
	return fmt.Sprintf("%s“%s”行“%s”列", zhTable, row, c.ColumnLabel), c.Ref
}

func checkValueKinds(v *validation) {
	for _, sc := range v.catalogCells() {
		c, _ := v.r.Cell(sc.Ref)
		if c.Kind != Number {
			continue
		}
		neg := strings.HasPrefix(c.Value, "-")
		dec := strings.Contains(c.Value, ".")
		zh, en := cellLabel(sc)
		q := quoteValue(c.Value)
		switch {
		case overlong(c):
			n := digits(c.Value)
			v.add("value-kind", []string{sc.Ref}, fmt.Sprintf("%s的值 %s 有 %d 位数字，超过 %d 位，不是有效的数值，不参与计算", zh, q, n, maxDigits),
				fmt.Sprintf("%s is %s, a number of %d digits, more than %d: not a valid value, left out of the arithmetic", en, q, n, maxDigits))
		case neg && !sc.Kind.AllowsSign():
			v.add("value-kind", []string{sc.Ref}, fmt.Sprintf("%s的值 %s 是负数，这一格只能填非负数", zh, q),
				fmt.Sprintf("%s is %s, a negative number where only non-negative values are allowed", en, q))
		case dec && !sc.Kind.AllowsDecimal():
			v.add("value-kind", []string{sc.Ref}, fmt.Sprintf("%s的值 %s 有小数，件数只能是整数", zh, q),
				fmt.Sprintf("%s is %s, a decimal where a count must be a whole number", en, q))
		}
	}
}

// blankAdvice is what a blank-cell finding tells the reader to do: write
// the numbers; or, when the parser left the cells blank because it could
// not tell where the source's values go (a warning of the parser's, ambiguous
// or missing, stands at the first cell's position), look at that warning.
func (v *validation) blankAdvice(refs []string) (zh, en string) {
	if c, ok := v.r.Cell(refs[0]); ok && c.Pos.IsValid() {
		for _, w := range v.r.Warnings {
			if w.Pos == c.Pos && (errors.Is(w, ErrAmbiguous) || errors.Is(w, ErrMissing)) {
				return "解析器无法确定原文中的数字属于哪些单元格而留空（见该位置的解析警告，-v 显示），空白不是 0",
					"the parser left them blank, unable to tell which cells the source's values belong to (see its warning at this position, shown with -v); a blank is not 0"
			}
		}
	}
	return "空白不是 0，请填写数字", "a blank is not 0, write the numbers"
}

func checkBlankCells(v *validation) {
	for _, id := range schema.BlockIDs {
		b, ok := v.block(id)
		if !ok {
			continue
		}
		cells := b.AllCells()
		kind := func(c schema.Cell) Kind { x, _ := v.r.Cell(c.Ref); return x.Kind }
		// Columns blank in every row of a table that has several rows: one
		// finding for them all.
		present, blank := map[string]int{}, map[string]int{}
		for _, c := range cells {
			if k := kind(c); k != Absent {
				present[c.Column]++
				if k == Blank {
					blank[c.Column]++
				}
			}
		}
		emptyCol := map[string]bool{}
		var colCells, colLabels []string
		for _, c := range cells {
			if present[c.Column] > 1 && blank[c.Column] == present[c.Column] {
				if !emptyCol[c.Column] {
					colLabels = append(colLabels, c.ColumnLabel)
				}
				emptyCol[c.Column] = true
				if kind(c) == Blank {
					colCells = append(colCells, c.Ref)
				}
			}
		}
		zhT, enT := tableLabels(id)
		if len(colLabels) > 0 {
			zh, en := v.blankAdvice(colCells)
			v.add("blank-cell", colCells,
				fmt.Sprintf("%s有 %d 列全部空白（%s），%s", zhT, len(colLabels), strings.Join(colLabels, "、"), zh),
				fmt.Sprintf("%s: %d columns are blank in every row (%s); %s", enT, len(colLabels), strings.Join(colLabels, ", "), en))
		}
		// The other blanks: one finding per row.
		var row string
		var rowCells, rowCols []string
		flush := func() {
			if len(rowCells) > 0 {
				zh, en := v.blankAdvice(rowCells)
				v.add("blank-cell", rowCells,
					fmt.Sprintf("%s“%s”行有 %d 个空白单元格（%s），%s", zhT, row, len(rowCells), strings.Join(rowCols, "、"), zh),
					fmt.Sprintf("%s, row %s: %d blank cells (%s); %s", enT, row, len(rowCells), strings.Join(rowCells, ", "), en))
			}
			rowCells, rowCols = nil, nil
		}
		for _, c := range cells {
			if label := shortLabel(c.RowLabel); label != row {
				flush()
				row = label
			}
			if kind(c) == Blank && !emptyCol[c.Column] {
				rowCells = append(rowCells, c.Ref)
				rowCols = append(rowCols, c.ColumnLabel)
			}
		}
		flush()
	}
}

// tableLabels names the table of a block in messages: "表三", "table 3".
func tableLabels(block string) (zh, en string) {
	t, _, _ := strings.Cut(strings.TrimPrefix(block, "t"), ".")
	return map[string]string{"2": "表二", "3": "表三", "4": "表四"}[t], "table " + t
}

// shortLabel is a label without its parenthesised note:
// "（二）部分公开（区分处理的，…）" → "（二）部分公开". A leading "（二）" stays.
func shortLabel(label string) string {
	skip := 0
	if strings.HasPrefix(label, "（") {
		if k := strings.Index(label, "）"); k > 0 {
			skip = k + len("）")
		}
	}
	if i := strings.Index(label[skip:], "（"); i > 0 {
		return label[:skip+i]
	}
	return label
}

func checkTextCells(v *validation) {
	for _, sc := range v.catalogCells() {
		if c, _ := v.r.Cell(sc.Ref); c.Kind == Text {
			zh, en := cellLabel(sc)
			v.add("text-cell", []string{sc.Ref}, fmt.Sprintf("%s写的是文字“%s”，不是数字", zh, quoteValue(c.Value)),
				fmt.Sprintf("%s holds the text %q, not a number", en, quoteValue(c.Value)))
		}
	}
}

// sectionOf returns the template section that holds a table: 2 for t2.
func sectionOf(table string) int {
	for _, s := range schema.Sections {
		if s.Table == table {
			return s.Number
		}
	}
	return 0
}

// sectionPos returns the position of the report's section n, if it has one.
func (v *validation) sectionPos(n int) Position {
	s, _ := v.r.Section(n)
	return s.Pos
}

func checkTables(v *validation) {
	names := map[string][2]string{"t2": {"表二（主动公开政府信息情况）", "table 2 (主动公开政府信息情况)"},
		"t3": {"表三（收到和处理政府信息公开申请情况）", "table 3 (收到和处理政府信息公开申请情况)"},
		"t4": {"表四（政府信息公开行政复议、行政诉讼情况）", "table 4 (行政复议、行政诉讼情况)"}}
	for _, t := range []string{"t2", "t3", "t4"} {
		has := false
		for id := range v.r.Editions {
			if id == t || strings.HasPrefix(id, t+".") {
				has = true
			}
		}
		if !has {
			n := names[t]
			v.add("missing-table", nil, "缺少"+n[0], n[1]+" is missing")
			v.placeLast(v.sectionPos(sectionOf(t)))
		}
	}
}

// checkSections reports each template section the report lacks: an error,
// or a warning when a section the parser did not recognise stands in its
// place with the same number ("六、下一步工作重点" for "六、其他需要报告的事项").
func checkSections(v *validation) {
	for _, s := range schema.Sections {
		if _, ok := v.r.Section(s.Number); ok {
			continue
		}
		num, _, _ := strings.Cut(s.Heading, "、")
		renamed := -1
		for i, t := range v.r.Sections {
			if t.Number == 0 && strings.HasPrefix(strings.TrimSpace(t.Heading), num+"、") {
				renamed = i
				break
			}
		}
		if renamed >= 0 {
			t := v.r.Sections[renamed]
			v.add("section-heading", nil, fmt.Sprintf("第%s部分的标题是“%s”，模板要求“%s”", num, t.Heading, s.Heading),
				fmt.Sprintf("section %d is headed %q; the template asks for %q", s.Number, t.Heading, s.Heading))
			v.placeLast(t.Pos)
			continue
		}
		v.add("missing-section", nil, "缺少第"+num+"部分“"+s.Heading+"”",
			fmt.Sprintf("section %d %s is missing", s.Number, s.Heading))
	}
}

func checkSectionOrder(v *validation) {
	last := 0
	for _, s := range v.r.Sections {
		if s.Number == 0 {
			continue
		}
		if s.Number <= last {
			v.add("section-order", nil, fmt.Sprintf("“%s”出现在第%d部分之后，与模板顺序不同", s.Heading, last),
				fmt.Sprintf("section %q comes after section %d, out of the template's order", s.Heading, last))
			v.placeLast(s.Pos)
		}
		last = max(last, s.Number)
	}
}

// saysNothing reports whether a section's text is empty or only says
// there is nothing: "无", "暂无。", "没有".
func saysNothing(text string) bool {
	t := strings.TrimFunc(text, func(r rune) bool { return isTextSpace(r) || strings.ContainsRune("。.，,；;！!", r) })
	switch t {
	case "", "无", "暂无", "没有", "无。", "/", "—", "-":
		return true
	}
	return false
}

func checkSectionEmpty(v *validation) {
	for _, s := range v.r.Sections {
		var bad bool
		switch s.Number {
		case 1, 6:
			bad = strings.TrimFunc(s.Text, isTextSpace) == ""
		case 5:
			bad = saysNothing(s.Text)
		}
		if bad {
			v.add("section-empty", nil, fmt.Sprintf("“%s”没有写内容", s.Heading),
				fmt.Sprintf("section %q says nothing", s.Heading))
			v.placeLast(s.Pos)
		}
	}
}

func checkEditionYear(v *validation) {
	y := v.r.Year
	if y == 0 {
		return
	}
	var ids []string
	var want schema.Edition
	for _, id := range schema.BlockIDs {
		e, ok := v.r.Editions[id]
		if !ok || id == "t4" { // table 4 is the same in both editions
			continue
		}
		if (y >= 2021 && e == schema.E2019) || (y <= 2020 && e == schema.E2021) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return
	}
	want = schema.E2021
	if y <= 2020 {
		want = schema.E2019
	}
	got := v.r.Editions[ids[0]]
	var cells []string
	for _, id := range ids {
		if b, ok := v.block(id); ok && len(b.Rows) > 0 && len(b.Columns) > 0 {
			cells = append(cells, b.Ref(b.Rows[0].Name, b.Columns[0].Name))
		}
	}
	v.add("edition-year", cells,
		fmt.Sprintf("%d 年的报告应使用 %s 版表格，但 %s 使用的是 %s 版", y, want, strings.Join(ids, "、"), got),
		fmt.Sprintf("a report on %d should use the %s layout, but %s use the %s layout", y, want, strings.Join(ids, ", "), got))
}

func checkEditionMixed(v *validation) {
	if len(v.r.Editions) == 0 || v.r.Edition() != "" {
		return
	}
	var parts []string
	for _, id := range schema.BlockIDs {
		if e, ok := v.r.Editions[id]; ok && id != "t4" {
			parts = append(parts, id+"="+string(e))
		}
	}
	v.add("edition-mixed", nil, "表格混用了 2019 版和 2021 版版式："+strings.Join(parts, "，"),
		"the tables mix the 2019 and 2021 layouts: "+strings.Join(parts, ", "))
	v.placeLast(v.sectionPos(2))
}

func checkFee(v *validation) {
	b, ok := v.block("t3")
	if !ok {
		return
	}
	if _, ok := b.Row("other_unpaid_fee"); !ok {
		return
	}
	var cells []string
	for _, c := range b.Columns {
		ref := b.Ref("other_unpaid_fee", c.Name)
		if x, ok := v.r.Cell(ref); ok {
			if n, ok := cellNumber(x); ok && n.Sign() > 0 {
				cells = append(cells, ref)
			}
		}
	}
	if len(cells) == 0 {
		return
	}
	text := v.r.Preamble + v.r.Signature
	for _, s := range v.r.Sections {
		text += s.Heading + s.Text
	}
	if s, ok := v.r.Section(6); ok {
		text = s.Text
	}
	if strings.Contains(text, "信息处理费") {
		return
	}
	v.add("fee-unmentioned", cells,
		"表三有申请人因逾期未缴纳费用而不再处理的申请，但第六部分没有说明信息处理费的收取情况",
		"table 3 counts requests dropped because the applicant did not pay the fee, but section 6 never mentions 信息处理费 (information-processing fees)")
}

func checkPeriod(v *validation) {
	if strings.TrimSpace(v.r.Period) != "" {
		return
	}
	v.add("no-period", nil, "报告没有说明统计期限（例如“本报告中所列数据的统计期限为2023年1月1日至2023年12月31日”）",
		"the report does not state its statistical period (such as 本报告中所列数据的统计期限为2023年1月1日至2023年12月31日)")
}

// textClaim is a kind of number that report texts state about the tables.
type textClaim struct {
	re *regexp.Regexp
	// alts are the sums the stated number may be: the claim agrees with the
	// tables when it equals any of them.
	alts   [][]string
	zh, en string
}

// A stated number: digits (ASCII or full width) followed by a measure word.
const claimNumber = `([0-9０-９]+)\s*(?:件|起|宗)`

// gap is what may stand between a key phrase and its number: a few
// characters that are not clause punctuation or digits.
const gap = `[^。；;，,、：:（）()0-9０-９]{0,12}?`

var textClaims = []textClaim{
	{re: regexp.MustCompile(`新收` + gap + claimNumber), alts: [][]string{{"t3.new.total"}},
		zh: "一、本年新收政府信息公开申请数量", en: "t3.new.total"},
	// "共收到政府信息公开申请34件": some count the carry-over in, so either sum agrees.
	{re: regexp.MustCompile(`收到` + gap + `申请` + gap + claimNumber),
		alts: [][]string{{"t3.new.total"}, {"t3.new.total", "t3.carried_over.total"}},
		zh:   "一、本年新收政府信息公开申请数量", en: "t3.new.total"},
	{re: regexp.MustCompile(`办结` + gap + claimNumber), alts: [][]string{{"t3.total.total"}},
		zh: "（七）总计", en: "t3.total.total"},
	{re: regexp.MustCompile(`(?:上一?年度?|去年)结转` + gap + claimNumber), alts: [][]string{{"t3.carried_over.total"}},
		zh: "二、上年结转政府信息公开申请数量", en: "t3.carried_over.total"},
	{re: regexp.MustCompile(`结转(?:(?:至|到)?下一?年度?|(?:至|到)[0-9０-９]{4}年度?)` + gap + claimNumber), alts: [][]string{{"t3.carried_forward.total"}},
		zh: "四、结转下年度继续办理", en: "t3.carried_forward.total"},
	{re: regexp.MustCompile(`行政复议` + `[^。；;，,、：:（）()0-9０-９诉讼和与及]{0,10}?` + claimNumber), alts: [][]string{{"t4.review.total"}},
		zh: "表四行政复议总计", en: "t4.review.total"},
	{re: regexp.MustCompile(`行政诉讼` + `[^。；;，,、：:（）()0-9０-９复议和与及]{0,10}?` + claimNumber),
		alts: [][]string{{"t4.suit_direct.total", "t4.suit_after_review.total"}},
		zh:   "表四行政诉讼总计（未经复议直接起诉 + 复议后起诉）", en: "t4.suit_direct.total + t4.suit_after_review.total"},
}

func checkTextNumbers(v *validation) {
	type source struct{ heading, text string }
	srcs := []source{{"", v.r.Preamble}}
	for _, s := range v.r.Sections {
		srcs = append(srcs, source{s.Heading, s.Text})
	}
	for _, src := range srcs {
		for _, tc := range textClaims {
			for _, m := range tc.re.FindAllStringSubmatchIndex(src.text, -1) {
				stated, ok := normalizeNumber(src.text[m[2]:m[3]])
				if !ok || digits(stated) > maxDigits {
					continue
				}
				want, _ := new(big.Rat).SetString(stated)
				var got *big.Rat
				agrees, decidable := false, false
				for _, alt := range tc.alts {
					s, ok := v.sumCells(alt)
					if !ok {
						continue
					}
					decidable = true
					if got == nil {
						got = s
					}
					if s.Cmp(want) == 0 {
						agrees = true
					}
				}
				if !decidable || agrees {
					continue
				}
				quote := strings.Join(strings.FieldsFunc(src.text[m[0]:m[1]], isTextSpace), " ")
				where, whereEN := "正文", "the text"
				if src.heading != "" {
					where, whereEN = "“"+src.heading+"”", "section "+src.heading
				}
				v.add("text-table", tc.alts[0],
					fmt.Sprintf("%s写“%s”，表格中%s是 %s", where, quote, tc.zh, ratString(got)),
					fmt.Sprintf("%s says %q but the table has %s = %s", whereEN, quote, tc.en, ratString(got)))
			}
		}
	}
}

// sumCells returns the sum of the cells and whether all of them are numbers.
func (v *validation) sumCells(refs []string) (*big.Rat, bool) {
	s := new(big.Rat)
	for _, ref := range refs {
		c, _ := v.r.Cell(ref)
		x, ok := cellNumber(c)
		if !ok {
			return nil, false
		}
		s.Add(s, x)
	}
	return s, true
}

// ValidateSeries checks the reports of each agency from year to year:
// last year's carried_forward is this year's carried_over, documents in
// force chain through issued and repealed, no year is missing in the middle,
// no year is reported twice. Reports are grouped by agency name and ordered
// by year; reports without an agency or a year are not part of any series.
// Names are compared with white space removed, and a name is filed with a
// longer one that only puts place names before it (洪泽区人民政府 with
// 淮安市洪泽区人民政府) when exactly one such longer name is among the reports
// (鼓楼区人民政府 stays alone if both 南京市鼓楼区人民政府 and 福州市鼓楼区人民政府 are
// given); findings name the series by its longest name. It does not apply
// the rules of [Validate]; a finding's Report is the later report of the
// pair compared.
func ValidateSeries(reports []*Report) []Finding {
	groups := map[string][]*Report{}
	var order, names []string
	for _, r := range reports {
		if r != nil && r.Year != 0 {
			names = append(names, r.Agency)
		}
	}
	key := SeriesNames(names)
	for _, r := range reports {
		if r == nil || r.Year == 0 {
			continue
		}
		a := key[r.Agency]
		if a == "" {
			continue
		}
		if _, ok := groups[a]; !ok {
			order = append(order, a)
		}
		groups[a] = append(groups[a], r)
	}
	var out []Finding
	for _, a := range order {
		g := slices.Clone(groups[a])
		slices.SortStableFunc(g, func(x, y *Report) int { return x.Year - y.Year })
		for i := 1; i < len(g); i++ {
			prev, cur := g[i-1], g[i]
			switch {
			case cur.Year == prev.Year:
				cur.addSeriesFinding(&out, "series-duplicate", nil,
					fmt.Sprintf("%s有两份 %d 年的报告，只用第一份做年度比较", a, cur.Year),
					fmt.Sprintf("%s has two reports on %d; the first is used in the series", a, cur.Year))
				g = slices.Delete(g, i, i+1)
				i--
			case cur.Year > prev.Year+1:
				missing := make([]string, 0, cur.Year-prev.Year-1)
				for y := prev.Year + 1; y < cur.Year; y++ {
					missing = append(missing, fmt.Sprint(y))
				}
				cur.addSeriesFinding(&out, "series-gap", nil,
					fmt.Sprintf("%s缺少 %s 年的报告（有 %d 年和 %d 年）", a, strings.Join(missing, "、"), prev.Year, cur.Year),
					fmt.Sprintf("%s: no report on %s between %d and %d", a, strings.Join(missing, ", "), prev.Year, cur.Year))
			default:
				seriesPair(&out, a, prev, cur)
			}
		}
	}
	return out
}

// squeezeName returns an agency name without white space.
func squeezeName(s string) string {
	return strings.Map(func(r rune) rune {
		if isTextSpace(r) {
			return -1
		}
		return r
	}, s)
}

// SeriesNames maps each of the agency names to the name of the series
// [ValidateSeries] files that agency's reports under: the name without
// white space, or the one longer name among them that only puts place names
// before it, followed to the end of the chain (洪泽区人民政府 and
// 淮安市洪泽区人民政府 are both 淮安市洪泽区人民政府). An empty name maps to "". A
// program that checks a long list of reports one agency at a time groups
// them with it, as ValidateSeries would.
func SeriesNames(agencies []string) map[string]string {
	names := make([]string, 0, len(agencies))
	for _, a := range agencies {
		if n := squeezeName(a); n != "" {
			names = append(names, n)
		}
	}
	key := seriesKeys(names)
	out := make(map[string]string, len(agencies))
	for _, a := range agencies {
		out[a] = key[squeezeName(a)]
	}
	return out
}

// seriesKeys maps each agency name (without white space) to the name of its
// series (see [SeriesNames]).
func seriesKeys(names []string) map[string]string {
	uniq := slices.Clone(names)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	// Longest first: a longer name's key is settled before the names it
	// extends look it up.
	slices.SortStableFunc(uniq, func(a, b string) int { return len(b) - len(a) })
	key := make(map[string]string, len(uniq))
	for i, n := range uniq {
		key[n] = n
		if !placeHeaded(n) {
			continue
		}
		to := ""
		for _, m := range uniq[:i] {
			if len(m) > len(n) && strings.HasSuffix(m, n) && placePrefix(m[:len(m)-len(n)]) {
				if to != "" && key[m] != to {
					to = "" // extended two ways: ambiguous, keep alone
					break
				}
				to = key[m]
			}
		}
		if to != "" {
			key[n] = to
		}
	}
	return key
}

// placeSuffixes end the names of the administrative divisions that can stand
// before an agency's own name.
var placeSuffixes = []string{"省", "市", "自治区", "自治州", "州", "盟", "地区"}

// placePrefix reports whether p, the part a longer agency name adds in front
// of a shorter one, is a run of place names: short and ending in a division.
func placePrefix(p string) bool {
	if n := utf8.RuneCountInString(p); n < 2 || n > 16 {
		return false
	}
	for _, s := range placeSuffixes {
		if strings.HasSuffix(p, s) {
			return true
		}
	}
	return false
}

// placeHeaded reports whether an agency name starts with a place of its own
// (洪泽区人民政府, 平潭综合实验区财政金融局): a division character after at least
// one other rune within the first twelve. A bare organ (人民政府, 市场监督管理局)
// is never filed under a longer name.
func placeHeaded(n string) bool {
	i := 0
	for _, r := range n {
		if i >= 12 {
			break
		}
		if i > 0 && strings.ContainsRune("省市县区州旗盟", r) {
			return true
		}
		i++
	}
	return false
}

// addSeriesFinding appends a series finding about r.
func (r *Report) addSeriesFinding(out *[]Finding, code string, cells []string, zh, en string) {
	r.addFinding(out, code, cells, zh, en, hasPositions(r))
}

// SeriesRefs returns the references of the cells ValidateSeries compares:
// a program that keeps many reports for a series check needs only these,
// with the agency, the year and a source position.
func SeriesRefs() []string {
	var refs []string
	t3, _ := schema.LookupBlock(schema.E2021, "t3")
	for _, row := range []string{"carried_over", "carried_forward"} {
		for _, c := range t3.Columns {
			refs = append(refs, t3.Ref(row, c.Name))
		}
	}
	docs, _ := schema.LookupBlock(schema.E2021, "t2.1")
	for _, r := range docs.Rows {
		for _, c := range docs.Columns {
			refs = append(refs, docs.Ref(r.Name, c.Name))
		}
	}
	return refs
}

// seriesPair compares the reports of one agency on consecutive years.
func seriesPair(out *[]Finding, agency string, prev, cur *Report) {
	b, _ := schema.LookupBlock(schema.E2021, "t3") // the applicant columns are the same in both editions
	for _, c := range b.Columns {
		now, then := b.Ref("carried_over", c.Name), b.Ref("carried_forward", c.Name)
		x, okx := cellRat(cur, now)
		y, oky := cellRat(prev, then)
		if !okx || !oky || x.Cmp(y) == 0 {
			continue
		}
		cur.addSeriesFinding(out, "series-carried-over", []string{now, then},
			fmt.Sprintf("%s %d 年“二、上年结转”“%s”= %s，而 %d 年“四、结转下年度继续办理”“%s”= %s，相差 %s",
				agency, cur.Year, c.Label, ratString(x), prev.Year, c.Label, ratString(y), ratString(absDiff(x, y))),
			fmt.Sprintf("%s: %s in %d = %s, but %s in %d = %s, difference %s",
				agency, now, cur.Year, ratString(x), then, prev.Year, ratString(y), ratString(absDiff(x, y))))
	}
	docs, _ := schema.LookupBlock(schema.E2021, "t2.1") // 规章, 行政规范性文件 × issued, repealed, in_force
	for _, r := range docs.Rows {
		row := r.Name
		ref := func(col string) string { return docs.Ref(row, col) }
		now, ok1 := cellRat(cur, ref("in_force"))
		then, ok2 := cellRat(prev, ref("in_force"))
		issued, ok3 := cellRat(cur, ref("issued"))
		repealed, ok4 := cellRat(cur, ref("repealed"))
		if !ok1 || !ok2 || !ok3 || !ok4 {
			continue
		}
		want := new(big.Rat).Add(then, issued)
		want.Sub(want, repealed)
		if want.Cmp(now) == 0 {
			continue
		}
		label := r.Label
		cur.addSeriesFinding(out, "series-in-force", []string{ref("in_force"), ref("issued"), ref("repealed")},
			fmt.Sprintf("%s %d 年%s现行有效件数 = %s，而 %d 年的 %s + 本年制发 %s − 本年废止 %s = %s，相差 %s",
				agency, cur.Year, label, ratString(now), prev.Year, ratString(then), ratString(issued), ratString(repealed), ratString(want), ratString(absDiff(now, want))),
			fmt.Sprintf("%s: %s in %d = %s, but %s in %d (%s) + issued %s − repealed %s = %s, difference %s",
				agency, ref("in_force"), cur.Year, ratString(now), ref("in_force"), prev.Year, ratString(then), ratString(issued), ratString(repealed), ratString(want), ratString(absDiff(now, want))))
	}
}

func cellRat(r *Report, ref string) (*big.Rat, bool) {
	c, _ := r.Cell(ref)
	return cellNumber(c)
}

// maxDigits is the most digits a number may have to be a value of the
// template and take part in its arithmetic. No count or amount of an annual
// report comes near it; a longer one is a value-kind error, and its sums are
// not computed (the arithmetic and printing of a number of millions of digits
// took minutes and megabytes a message).
const maxDigits = 30

// overlong reports whether c is a number of more than maxDigits digits.
func overlong(c Cell) bool {
	return c.Kind == Number && digits(c.Value) > maxDigits
}

// digits counts the digits of a normalised number: its length without
// a sign and a decimal point.
func digits(v string) int {
	n := len(v)
	if strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+") {
		n--
	}
	if strings.Contains(v, ".") {
		n--
	}
	return n
}

// anyOverlong reports whether a cell of refs is an overlong number.
func (v *validation) anyOverlong(refs []string) bool {
	for _, ref := range refs {
		if c, _ := v.r.Cell(ref); overlong(c) {
			return true
		}
	}
	return false
}

// cellNumber is c.Rat for the arithmetic of the rules: an overlong number
// is not one.
func cellNumber(c Cell) (*big.Rat, bool) {
	if overlong(c) {
		return nil, false
	}
	return c.Rat()
}

// maxQuote is the most runes of a value a message quotes.
const maxQuote = 24

// quoteValue is a value as a message quotes it: whole when short, else its
// first maxQuote runes and "…".
func quoteValue(s string) string {
	n := 0
	for i := range s {
		if n == maxQuote {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

func absDiff(x, y *big.Rat) *big.Rat {
	d := new(big.Rat).Sub(x, y)
	return d.Abs(d)
}
