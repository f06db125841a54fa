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

	"github.com/opengovcn/nianbao/internal/chars"
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
	// File is the file the report came from: [Validator.File], or the
	// Filename of the [Parser] that read the report (its diagnostics carry
	// it), or empty.
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
	// Parse is true for the codes of the parser's diagnostics, which
	// [Validator] adds as findings when asked (see [Diagnostic.Code]).
	Parse bool `json:"parse,omitempty"`
	check func(v *validation)
}

// Rules returns every validation rule in the order Validate applies them:
// errors, then warnings, then information, then the series rules, then the
// codes of the parser's diagnostics. FORMAT.md lists them (TestFormatRules
// keeps the list in step with this table).
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
		Description:   "缺少模板要求的六个部分之一：既没有它的标题，也没有它的内容",
		DescriptionEN: "one of the template's six sections is missing: neither its heading nor its content is there"},
	{Code: "unreadable", Severity: SeverityWarning, check: checkUnreadable,
		Description:   "原文中有内容、解析器却没有读出的单元格（每张表一条，引用原文及其位置）；它们不是空白，涉及它们的规则无法判断",
		DescriptionEN: "cells the source has that the parser could not read (one finding a table, quoting the source and its place); they are not blank, and the rules involving them cannot decide"},
	{Code: "missing-row", Severity: SeverityWarning, check: checkMissingRows,
		Description:   "表格缺少模板规定的行（例如第二十条第（一）项没有“规章”行）",
		DescriptionEN: "a table lacks a row of the template (such as the 规章 row of 第二十条第（一）项)"},
	{Code: "label-typo", Severity: SeverityWarning, check: checkLabelTypos,
		Description:   "表格的行标签与模板有一两个字不同（如“属于行政执法案件”应为“属于行政执法案卷”）",
		DescriptionEN: "a row label differs from the template's in a character or two (属于行政执法案件 for 属于行政执法案卷)"},
	{Code: "section-heading", Severity: SeverityWarning,
		Description:   "模板的某一部分换了标题，或丢了标题而内容还在：同一序号（如“六、”）下写的是别的标题，或内容写在别的部分之下",
		DescriptionEN: "a template section has another heading (the same number, such as 六、, heads something else), or has lost its heading while its content is there under another section"},
	{Code: "section-number", Severity: SeverityWarning, check: checkSectionNumbers,
		Description:   "两个部分用了同一个序号（如两个“二、”），之后的序号与模板错开",
		DescriptionEN: "two sections carry one number (two 二、), and the numbers after them are off the template's"},
	{Code: "undecidable", Severity: SeverityWarning,
		Description:   "“/”单元格使某条算术规则无法判断（空白、文字和读不出的单元格由各自的规则报告一次）",
		DescriptionEN: "not-applicable (/) cells make an arithmetic rule undecidable (blank, text and unreadable cells are reported once, by their own rules)"},
	{Code: "blank-cell", Severity: SeverityWarning, check: checkBlankCells,
		Description:   "原文中确实空白的单元格（空白不是 0，涉及它的规则无法判断）",
		DescriptionEN: "a cell the source leaves blank (a blank is not 0; the rules involving it cannot decide)"},
	{Code: "text-cell", Severity: SeverityWarning, check: checkTextCells,
		Description:   "表格中的单元格写的是文字而不是数字（带单位或正号的数字不算）",
		DescriptionEN: "a table cell holds text instead of a number (a number written with a unit or a plus sign is a number)"},
	{Code: "edition-year", Severity: SeverityWarning, check: checkEditionYear,
		Description:   "表格版式与报告年度不符（2021 年及以后用了 2019 版，或 2021 年以前用了 2021 版），或各表混用两版",
		DescriptionEN: "a table's layout does not fit the report's year (a 2019 layout on 2021 or later, a 2021 layout on 2020 or earlier), or the tables mix the two"},
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
		Description:   "正文中写的数字与表格不一致：收到、受理、办结、答复、结转的申请，各类办理结果（予以公开、部分公开、不予公开、无法提供、不予处理、其他处理及其合计），行政复议、行政诉讼，制发、废止、现行有效的规章和规范性文件（件、条、起、宗）",
		DescriptionEN: "a number stated in the text disagrees with the tables: requests received, handled, carried over; the kinds of result (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理 and their sums); reviews and suits; rules and normative documents issued, repealed, in force (件, 条, 起, 宗)"},
	{Code: "year-period", Severity: SeverityWarning, check: checkYearPeriod,
		Description:   "统计期限的年份与标题中的报告年度不同",
		DescriptionEN: "the statistical period is in another year than the one the title reports on"},
	{Code: "year-text", Severity: SeverityWarning, check: checkYearText,
		Description:   "正文把另一年份当作本报告的年度来叙述（如 2024 年的报告写“2023年，在主动公开的……”）",
		DescriptionEN: "the text tells of another year as the report's own (a report on 2024 saying 2023年，在主动公开的…)"},
	{Code: "year-signed", Severity: SeverityWarning, check: checkYearSigned,
		Description:   "落款日期在报告年度结束之前（如 2021 年的报告落款 2021年1月25日）",
		DescriptionEN: "the report is signed and dated before the year it reports on ended (a report on 2021 dated 2021年1月25日)"},
	{Code: "no-period", Severity: SeverityInfo, check: checkPeriod,
		Description:   "报告没有说明统计期限（惯例，不是模板的要求）",
		DescriptionEN: "the report does not state its statistical period (a convention, not the template)"},
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
	{Code: "series-copy", Severity: SeverityInfo, Series: true,
		Description:   "同一机关：某一部分的文字与上一份报告相同或几乎相同，或某张表与上一份报告完全相同（指出两处位置）",
		DescriptionEN: "one agency: a section's prose is the same or nearly the same as in the report before, or a table is identical to it (both places named)"},
	{Code: "parse-artefact", Severity: SeverityWarning, Parse: true,
		Description:   "提取文字留下的痕迹，解析器已处理：页码、页眉、跨行断开的标签、连在一起按勾稽关系拆开的数字、按合计恢复的 PDF 顺序（-strict 不列出）",
		DescriptionEN: "traces of how the text was extracted, handled by the parser: page numbers, page headers, labels broken across lines, digits run together and split by the sums, a PDF's order restored by its sums (left out by -strict)"},
	{Code: "parse-repaired", Severity: SeverityWarning, Parse: true,
		Description:   "解析时修复或猜测了内容（按位置读取的行、相差最小的拆法）",
		DescriptionEN: "the parser repaired or guessed something (a row read by position, the split that misses by the least)"},
	{Code: "parse-unrecognized", Severity: SeverityWarning, Parse: true,
		Description:   "有无法归位的文字",
		DescriptionEN: "text the parser could not place"},
	{Code: "parse-ambiguous", Severity: SeverityWarning, Parse: true,
		Description:   "内容可以有多种读法，解析器没有选择",
		DescriptionEN: "input that can be read in more than one way; the parser did not choose"},
	{Code: "parse-missing", Severity: SeverityWarning, Parse: true,
		Description:   "解析器没有找到模板要求的表格、行或部分",
		DescriptionEN: "the parser found no table, row or section the template requires"},
	{Code: "parse-encoding", Severity: SeverityWarning, Parse: true,
		Description:   "文字编码有问题（非 UTF-8 字节、NUL 字节、混入的 GB18030）",
		DescriptionEN: "a problem of the text's encoding (bytes that are not UTF-8, NUL bytes, a GB18030 line)"},
	{Code: "parse", Severity: SeverityWarning, Parse: true,
		Description:   "解析器的其他提示",
		DescriptionEN: "another diagnostic of the parser"},
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
// there gives no finding. It is the zero [Validator]'s Validate.
//
// Blank, not-applicable and text cells are never taken as 0: a sum rule
// that needs one cannot decide. Each such cell is reported once, by the
// rule about it (blank-cell, text-cell, unreadable for cells the source has
// but the parser could not read); an "undecidable" warning lists the
// not-applicable cells that keep a rule from deciding.
func Validate(r *Report) []Finding { return (&Validator{}).Validate(r) }

// Validator validates reports with options. The zero Validator applies every
// rule and is what [Validate] and [ValidateSeries] use; nianbao validate
// sets its fields from its flags.
type Validator struct {
	// File is set as the File of every finding. When it is empty, findings
	// take the File of the report's diagnostics: the Filename of the
	// [Parser] that read it.
	File string
	// Source is the input the report was parsed from, the bytes given to
	// [Parser.Parse]. With it, a finding about cells the parser could not
	// read quotes the source at that place, and a template row the parser
	// did not find is told apart: missing from the table (missing-row), under
	// a misspelt label (label-typo), or there but unreadable. Without it,
	// such a row is reported as unreadable, perhaps missing.
	Source []byte
	// Enable, when not empty, lists the only rule codes whose findings are
	// returned; Disable lists codes whose findings are not. See [Rules].
	Enable, Disable []string
	// Diagnostics adds the parser's diagnostics (Report.Warnings) as
	// findings, converted by [Diagnostic.Finding], as nianbao validate -v
	// does.
	Diagnostics bool
	// Strict makes every warning an error, as nianbao validate -strict does.
	// Information stays information. Of the parser's diagnostics, those
	// that are traces of extraction (parse-artefact: page numbers, labels
	// broken across lines) are left out, since they say nothing about the
	// report, and so are those a finding already tells (the parser's
	// warning where an unreadable finding quotes the source): one finding
	// per fact.
	Strict bool
}

// Validate checks one report against every rule of [Rules] that is not a
// series rule, with the validator's options; see [Validate].
func (vr *Validator) Validate(r *Report) []Finding {
	if r == nil {
		return nil
	}
	v := &validation{r: r, undecided: map[string]*undecided{}}
	if vr.Source != nil {
		v.src = newValidationSource(vr.Source)
	}
	for _, rule := range rules {
		if rule.check != nil {
			rule.check(v)
		}
		v.flushUndecided(rule)
	}
	out := v.out
	if vr.Diagnostics {
		for _, d := range r.Warnings {
			if vr.Strict && v.accounted(d) {
				continue
			}
			f := d.Finding()
			f.Report = r
			out = append(out, f)
		}
	}
	out = vr.finish(out, diagnosticsFile(r))
	sortFindings(out)
	return out
}

// accounted reports whether a finding already tells what the parser's
// diagnostic says: the diagnostic stands where the finding does, where the
// parser could not read cells or found rows missing, or in the section of a
// table with an unreadable finding (a value it could not place there); or
// it names a cell, row or block a finding names, a cell the validator read
// as a number after all ("251000元"), or one of a subtotal row it leaves out.
func (v *validation) accounted(d *Diagnostic) bool {
	if !d.Pos.IsValid() && d.Ref == "" {
		return false
	}
	if st := v.info(d.Ref).state; d.Ref != "" && (st == stNumber || st == stIgnored) {
		return true
	}
	for _, c := range v.causes {
		if c.pos == d.Pos {
			return true
		}
	}
	for _, m := range v.missingCand {
		if m.at == d.Pos {
			return true
		}
	}
	names := func(ref string) bool {
		return d.Ref != "" && (ref == d.Ref || strings.HasPrefix(ref, d.Ref+".") || schema.BlockOf(ref) == d.Ref)
	}
	for _, f := range v.out {
		if f.Pos == d.Pos && d.Pos.IsValid() || slices.ContainsFunc(f.Cells, names) {
			return true
		}
		if f.Code == "unreadable" && d.Pos.IsValid() && (errors.Is(d, ErrUnrecognized) || errors.Is(d, ErrAmbiguous)) {
			table, _, _ := strings.Cut(f.Cells[0], ".")
			if from, to := v.sectionSpan(sectionOf(table)); from.IsValid() && !posLess(d.Pos, from) && (!to.IsValid() || posLess(d.Pos, to)) {
				return true
			}
		}
	}
	return false
}

// sectionSpan returns where section n starts and where the next section
// starts (zero when none does).
func (v *validation) sectionSpan(n int) (from, to Position) {
	for i, s := range v.r.Sections {
		if s.Number != n || !s.Pos.IsValid() {
			continue
		}
		for _, next := range v.r.Sections[i+1:] {
			if next.Pos.IsValid() && posLess(s.Pos, next.Pos) {
				return s.Pos, next.Pos
			}
		}
		return s.Pos, Position{}
	}
	return Position{}, Position{}
}

// Validate parses src with p and validates the report as nianbao validate
// does: every finding's File is p.Filename, and the findings quote src
// where the parser could not read it (see [Validator.Source]). The report
// is nil when src is not a report; err is Parse's.
func (p *Parser) Validate(src []byte) (*Report, []Finding, error) {
	r, err := p.Parse(src)
	if r == nil {
		return nil, nil, err
	}
	return r, (&Validator{File: p.Filename, Source: src}).Validate(r), err
}

// diagnosticsFile returns the file the report's diagnostics name, if any.
func diagnosticsFile(r *Report) string {
	if r == nil {
		return ""
	}
	for _, d := range r.Warnings {
		if d.File != "" {
			return d.File
		}
	}
	return ""
}

// finish applies the options to the findings: the rules selected, the file,
// and under Strict warnings made errors and extraction artefacts dropped.
func (vr *Validator) finish(fs []Finding, file string) []Finding {
	if vr.File != "" {
		file = vr.File
	}
	out := fs[:0]
	for _, f := range fs {
		if len(vr.Enable) > 0 && !slices.Contains(vr.Enable, f.Code) || slices.Contains(vr.Disable, f.Code) {
			continue
		}
		if vr.Strict && f.Code == "parse-artefact" {
			continue
		}
		if vr.Strict && f.Severity == SeverityWarning {
			f.Severity = SeverityError
		}
		if f.File == "" {
			f.File = file
		}
		out = append(out, f)
	}
	return out
}

// UnknownRules returns the codes that name no rule of [Rules], for a
// program that takes codes from its user (nianbao validate -enable,
// -disable).
func UnknownRules(codes []string) []string {
	var out []string
	for _, c := range codes {
		if _, ok := severities[c]; !ok {
			out = append(out, c)
		}
	}
	return out
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
	src       *validationSource // the source, when the caller gave it
	out       []Finding
	undecided map[string]*undecided // by rule code
	cells     []schema.Cell         // catalogCells, once computed
	hasPos    int8                  // hasPositions(r): 0 unknown, 1 yes, -1 no
	// What the cells that are not plain numbers are (validate_cells.go),
	// decided once on first use.
	infos       map[string]cellInfo
	causes      []*unreadCause
	causeAt     map[Position]*unreadCause
	missingCand []missingCandidate
	missingRows []missingRow
	unreadRows  map[string]bool // "t3.partial": the row has unread cells
	guesses     []*Diagnostic   // the parser's warnings that it guessed where a row's values go
	period      *statedPeriod   // the statement of the period, once found
	prose       []prose         // texts(), once made
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
	nameEN := map[string]string{"t3-balance": "table 3's balance", "t3-results": "table 3's total against its results",
		"t3-row-sum": "table 3's row sums", "t4-row-sum": "table 4's row sums", "subtotal": "the subtotals"}[rule.Code]
	eqs := "equations involve"
	if u.n == 1 {
		eqs = "equation involves"
	}
	var cells, cellsEN []string
	for _, ref := range limit(u.cells, 6) {
		if ref == "…" {
			cells, cellsEN = append(cells, ref), append(cellsEN, ref)
			continue
		}
		zh, en := cellName(ref)
		cells, cellsEN = append(cells, zh), append(cellsEN, en)
	}
	zh := fmt.Sprintf("无法判断%s（%s）：%d 处涉及“/”单元格%s，“/”不按 0 计算",
		name, strings.Join(limit(u.where, 6), "、"), u.n, strings.Join(cells, "、"))
	en := fmt.Sprintf("cannot decide %s (%s): %d %s not-applicable cells %s; a \"/\" is not 0",
		nameEN, strings.Join(limit(u.where, 6), ", "), u.n, eqs, strings.Join(cellsEN, ", "))
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

// check decides the equation: a finding when it fails, nothing when it
// holds or when a cell is not a number — a note for the undecidable warning
// when that cell is not reported by a rule of its own (a "/").
func (v *validation) check(eq equation) {
	if v.anyOverlong(eq.lhs) || v.anyOverlong(eq.rhs) {
		return // value-kind reports the number; it takes no part in sums
	}
	var missing []string
	short := false // a cell is not a number
	sum := func(refs []string) *big.Rat {
		s := new(big.Rat)
		for _, ref := range refs {
			x, ok := v.num(ref)
			if !ok {
				short = true
				if !v.reported(ref) {
					missing = append(missing, ref)
				}
				continue
			}
			s.Add(s, x)
		}
		return s
	}
	a, b := sum(eq.lhs), sum(eq.rhs)
	if short && len(missing) == 0 {
		return
	}
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
// An extra row the report has without any number is not present.
func (v *validation) present(b schema.Block, row string) bool {
	for _, cs := range [][]schema.Column{b.Columns, b.ExtraColumns} {
		for _, c := range cs {
			if st := v.info(b.Ref(row, c.Name)).state; st != stAbsent && st != stIgnored {
				return true
			}
		}
	}
	return false
}

// presentColumn reports whether the report has the column in any row; an
// extra column without any number is not present.
func (v *validation) presentColumn(b schema.Block, col string) bool {
	for _, rs := range [][]schema.Row{b.Rows, b.ExtraRows} {
		for _, r := range rs {
			if st := v.info(b.Ref(r.Name, col)).state; st != stAbsent && st != stIgnored {
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
				if st := v.info(b.Ref(sr.Name, c.Name)).state; st == stAbsent || st == stIgnored {
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
					if st := v.info(b.Ref(r.Name, sc.Name)).state; st == stAbsent || st == stIgnored {
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

// cellLabel names a cell for messages, by its labels, not its reference
// (which the finding's cells give): "表三“（七）总计”行“自然人”列",
// "table 3, row （七）总计, column 自然人".
func cellLabel(c schema.Cell) (zh, en string) {
	row := shortLabel(c.RowLabel)
	zhTable, enTable := tableLabels(c.Block)
	return fmt.Sprintf("%s“%s”行“%s”列", zhTable, row, c.ColumnLabel),
		fmt.Sprintf("%s, row %s, column %s", enTable, row, c.ColumnLabel)
}

// cellName is cellLabel of the cell a reference names, in either edition,
// or the reference itself when it names no cell.
func cellName(ref string) (zh, en string) {
	for _, e := range []schema.Edition{schema.E2021, schema.E2019} {
		if c, ok := schema.LookupCell(e, ref); ok {
			return cellLabel(c)
		}
	}
	return ref, ref
}

func checkValueKinds(v *validation) {
	for _, sc := range v.catalogCells() {
		c, _ := v.r.Cell(sc.Ref)
		if st := v.info(sc.Ref).state; c.Kind != Number || st != stNumber && st != stOverlong {
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

// checkBlankCells reports the cells the source leaves blank, one finding a
// table: its columns blank in every row, then its other blank cells row by
// row. Cells the parser left blank because it could not read them are
// unreadable, not blank (validate_cells.go).
func checkBlankCells(v *validation) {
	const advice, adviceEN = "空白不是 0，请填写数字；涉及这些单元格的算术规则无法判断", "A blank is not 0: write the numbers; the arithmetic rules involving these cells cannot decide"
	for _, t := range []string{"t2", "t3", "t4"} {
		var cells []schema.Cell
		for _, id := range schema.BlockIDs {
			if b, ok := v.block(id); ok && b.Table == t {
				cells = append(cells, b.AllCells()...)
			}
		}
		state := func(c schema.Cell) cellState { return v.info(c.Ref).state }
		// Columns blank in every row of a block that has several rows.
		type colKey struct{ block, col string }
		present, blank := map[colKey]int{}, map[colKey]int{}
		for _, c := range cells {
			if st := state(c); st != stAbsent && st != stIgnored {
				present[colKey{c.Block, c.Column}]++
				if st == stBlank {
					blank[colKey{c.Block, c.Column}]++
				}
			}
		}
		var refs, parts, partsEN, colLabels []string
		seenCol := map[colKey]bool{}
		emptyCol := func(c schema.Cell) bool {
			k := colKey{c.Block, c.Column}
			return present[k] > 1 && blank[k] == present[k]
		}
		for _, c := range cells {
			if state(c) != stBlank {
				continue
			}
			refs = append(refs, c.Ref)
			if k := (colKey{c.Block, c.Column}); emptyCol(c) && !seenCol[k] {
				seenCol[k] = true
				colLabels = append(colLabels, c.ColumnLabel)
			}
		}
		if len(refs) == 0 {
			continue
		}
		if len(colLabels) > 0 {
			parts = append(parts, fmt.Sprintf("%d 列全部空白（%s）", len(colLabels), strings.Join(colLabels, "、")))
			partsEN = append(partsEN, fmt.Sprintf("%d columns blank in every row (%s)", len(colLabels), strings.Join(colLabels, ", ")))
		}
		var rows, rowsEN []string
		var row, rowEN string
		var cols, colsEN []string
		flush := func() {
			if len(cols) > 0 {
				rows = append(rows, fmt.Sprintf("“%s”行 %d 个（%s）", row, len(cols), strings.Join(cols, "、")))
				rowsEN = append(rowsEN, fmt.Sprintf("row %s: %s", rowEN, strings.Join(colsEN, ", ")))
			}
			cols, colsEN = nil, nil
		}
		for _, c := range cells {
			if label := shortLabel(c.RowLabel); label != row {
				flush()
				row, rowEN = label, label
			}
			if state(c) == stBlank && !emptyCol(c) {
				cols = append(cols, c.ColumnLabel)
				colsEN = append(colsEN, c.ColumnLabel)
			}
		}
		flush()
		if len(rows) > 0 {
			other, otherEN := "", ""
			if len(colLabels) > 0 {
				other, otherEN = "其他空白单元格：", "other blank cells: "
			}
			parts = append(parts, other+strings.Join(limit(rows, 8), "；"))
			partsEN = append(partsEN, otherEN+strings.Join(limit(rowsEN, 8), "; "))
		}
		zhT, enT := tableLabels(t)
		v.add("blank-cell", refs,
			fmt.Sprintf("%s有 %d 个空白单元格：%s。%s", zhT, len(refs), strings.Join(parts, "；"), advice),
			fmt.Sprintf("%s has %d blank cells: %s. %s", enT, len(refs), strings.Join(partsEN, "; "), adviceEN))
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
		if c, _ := v.r.Cell(sc.Ref); c.Kind == Text && v.info(sc.Ref).state == stText {
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
	t := strings.TrimFunc(text, func(r rune) bool { return chars.IsAnySpace(r) || strings.ContainsRune("。.，,；;！!", r) })
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
			bad = strings.TrimFunc(s.Text, chars.IsAnySpace) == ""
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

// checkEditionYear reports a layout that does not fit the report's year,
// naming the layouts of all the tables when they mix the two editions (one
// finding: the mix is the same fact seen from the year). A block whose cells
// the parser could not read is left out: its layout is not known.
func checkEditionYear(v *validation) {
	y := v.r.Year
	var ids, names, namesEN, parts, partsEN []string
	var eds []schema.Edition
	byEdition, byEditionEN := map[schema.Edition][]string{}, map[schema.Edition][]string{}
	for _, id := range schema.BlockIDs {
		e, ok := v.r.Editions[id]
		if !ok || id == "t4" || !v.blockRead(id) { // table 4 is the same in both editions
			continue
		}
		zh, en := schema.BlockName(id)
		eds = append(eds, e)
		byEdition[e] = append(byEdition[e], zh)
		byEditionEN[e] = append(byEditionEN[e], en)
		if y != 0 && ((y >= 2021 && e == schema.E2019) || (y <= 2020 && e == schema.E2021)) {
			ids = append(ids, id)
			names = append(names, zh)
			namesEN = append(namesEN, en)
		}
	}
	mixed := false
	for _, e := range eds {
		mixed = mixed || e != eds[0]
	}
	for _, e := range schema.Editions {
		if len(byEdition[e]) > 0 {
			parts = append(parts, fmt.Sprintf("%s 版有%s", e, strings.Join(byEdition[e], "、")))
			partsEN = append(partsEN, fmt.Sprintf("%s: %s", e, strings.Join(byEditionEN[e], "; ")))
		}
	}
	mix, mixEN := "", ""
	if mixed {
		mix, mixEN = "（各表混用两版："+strings.Join(parts, "；")+"）", " (the tables mix the two: "+strings.Join(partsEN, "; and ")+")"
	}
	if len(ids) == 0 {
		if mixed && y == 0 {
			v.add("edition-year", nil, "表格混用了 2019 版和 2021 版版式："+strings.Join(parts, "；"),
				"the tables mix the 2019 and 2021 layouts: "+strings.Join(partsEN, "; and "))
			v.placeLast(v.sectionPos(2))
		}
		return
	}
	want := schema.E2021
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
		fmt.Sprintf("%d 年的报告应使用 %s 版表格，但%s使用的是 %s 版%s", y, want, strings.Join(names, "、"), got, mix),
		fmt.Sprintf("a report on %d should use the %s layout, but %s use the %s layout%s", y, want, strings.Join(namesEN, "; "), got, mixEN))
}

// blockRead reports whether the parser read some cell of the block: a
// block all of whose cells are unread, missing or absent tells nothing of
// its layout.
func (v *validation) blockRead(id string) bool {
	b, ok := v.block(id)
	if !ok {
		return false
	}
	for _, c := range b.AllCells() {
		switch v.info(c.Ref).state {
		case stNumber, stBlank, stText, stNA:
			return true
		}
	}
	return false
}

// feeWords are the ways section 6 speaks of the fees: 信息处理费,
// 信息公开处理费, 收费.
var feeWords = regexp.MustCompile(`处理费|收费|收取.{0,6}费`)

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
	if feeWords.MatchString(text) {
		return
	}
	v.add("fee-unmentioned", cells,
		"表三有申请人因逾期未缴纳费用而不再处理的申请，但第六部分没有说明信息处理费的收取情况",
		"table 3 counts requests dropped because the applicant did not pay the fee, but section 6 never mentions 信息处理费 (information-processing fees)")
}

// sumCells returns the sum of the cells and whether all of them are numbers.
func (v *validation) sumCells(refs []string) (*big.Rat, bool) {
	s := new(big.Rat)
	for _, ref := range refs {
		x, ok := v.num(ref)
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
func ValidateSeries(reports []*Report) []Finding { return (&Validator{}).ValidateSeries(reports) }

// ValidateSeries checks the reports of each agency from year to year, as
// [ValidateSeries] does, with the validator's options.
func (vr *Validator) ValidateSeries(reports []*Report) []Finding {
	es := make([]SeriesEntry, 0, len(reports))
	for _, r := range reports {
		if r != nil {
			es = append(es, newSeriesEntry(diagnosticsFile(r), r, true))
		}
	}
	return vr.ValidateSeriesEntries(es)
}

// ValidateSeriesEntries is ValidateSeries on what [NewSeriesEntry] keeps of
// each report: a program that checks thousands of reports keeps only that.
// A finding's File is its entry's, a finding's Report the small report the
// entry holds (agency, year and the cells the series rules compare).
func (vr *Validator) ValidateSeriesEntries(entries []SeriesEntry) []Finding {
	groups := map[string][]*SeriesEntry{}
	var order, names []string
	for _, e := range entries {
		if e.year != 0 {
			names = append(names, e.agency)
		}
	}
	key := SeriesNames(names)
	for i := range entries {
		e := &entries[i]
		if e.year == 0 {
			continue
		}
		a := key[e.agency]
		if a == "" {
			continue
		}
		if _, ok := groups[a]; !ok {
			order = append(order, a)
		}
		groups[a] = append(groups[a], e)
	}
	var out []Finding
	for _, a := range order {
		if len(groups[a]) < 2 {
			continue
		}
		// One agency's reports at a time: the small reports the rules
		// compare are built for the group and dropped after it.
		g := make([]*seriesItem, 0, len(groups[a]))
		for _, e := range groups[a] {
			g = append(g, &seriesItem{SeriesEntry: e, r: e.report()})
		}
		slices.SortStableFunc(g, func(x, y *seriesItem) int { return x.r.Year - y.r.Year })
		for i := 1; i < len(g); i++ {
			prev, cur := g[i-1], g[i]
			n := len(out)
			switch {
			case cur.r.Year == prev.r.Year:
				// One finding for all the reports on the year, on the
				// second; the first is compared.
				k := i + 1
				for k < len(g) && g[k].r.Year == cur.r.Year {
					k++
				}
				var files []string
				for _, e := range g[i-1 : k] {
					if e.file != "" {
						files = append(files, e.file)
					}
				}
				list, listEN := "", ""
				if len(files) == k-i+1 {
					list, listEN = "（"+strings.Join(files, "、")+"）", " ("+strings.Join(files, ", ")+")"
				}
				cur.r.addSeriesFinding(&out, "series-duplicate", nil,
					fmt.Sprintf("%s有 %d 份 %d 年的报告%s，只用第一份做年度比较", a, k-i+1, cur.r.Year, list),
					fmt.Sprintf("%s has %d reports on %d%s; the first is used in the series", a, k-i+1, cur.r.Year, listEN))
				g = slices.Delete(g, i, k)
				i--
			case cur.r.Year > prev.r.Year+1:
				missing := make([]string, 0, cur.r.Year-prev.r.Year-1)
				for y := prev.r.Year + 1; y < cur.r.Year; y++ {
					missing = append(missing, fmt.Sprint(y))
				}
				cur.r.addSeriesFinding(&out, "series-gap", nil,
					fmt.Sprintf("%s缺少 %s 年的报告（有 %d 年和 %d 年）", a, strings.Join(missing, "、"), prev.r.Year, cur.r.Year),
					fmt.Sprintf("%s: no report on %s between %d and %d", a, strings.Join(missing, ", "), prev.r.Year, cur.r.Year))
				seriesCopies(&out, a, prev, cur)
			default:
				seriesPair(&out, a, prev.r, cur.r)
				seriesCopies(&out, a, prev, cur)
			}
			for k := n; k < len(out); k++ {
				out[k].File = cur.file
			}
		}
	}
	return vr.finish(out, "")
}

// seriesItem is an entry with the report the series rules compare.
type seriesItem struct {
	*SeriesEntry
	r *Report
}

// squeezeName returns an agency name without white space.
func squeezeName(s string) string {
	return strings.Map(func(r rune) rune {
		if chars.IsAnySpace(r) {
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
