package main

// This file holds the calls into the validation API of package nianbao
// (Validate, ValidateSeries, Rules). Until that API is on main, validation
// reports only what the parser finds.

import "github.com/opengovcn/nianbao"

// validateReport returns the findings of the validation rules on one report.
func validateReport(file string, r *nianbao.Report, strict bool) []finding { return nil }

// seriesFindings returns the findings of the series rules on every group of
// reports of one agency.
func seriesFindings(reports []namedReport, strict bool) []finding { return nil }

// ruleList returns the validation rules.
func ruleList() []rule {
	return []rule{
		{"parse-repaired", "warning", "解析时修复或猜测了内容（跨行断开的标签、按位置读取的行）", "the parser repaired or guessed something (a label broken across lines, a row read by position)"},
		{"parse-unrecognized", "warning", "有无法归位的文字", "text the parser could not place"},
		{"parse-ambiguous", "warning", "内容可以有多种读法，解析器没有选择", "input that can be read in more than one way"},
		{"parse-missing", "warning", "缺少模板要求的表格、行或部分", "a table, row or section the template requires is missing"},
	}
}
