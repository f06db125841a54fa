package main

// This file holds the calls into the validation API of package nianbao:
// Validate, ValidateSeries and Rules.

import "github.com/opengovcn/nianbao"

// toFinding turns a library finding into the CLI's form; -strict makes
// warnings errors.
func toFinding(file string, f nianbao.Finding, strict bool) finding {
	sev := f.Severity
	if strict {
		sev = nianbao.SeverityError
	}
	cells := f.Cells
	if cells == nil {
		cells = []string{}
	}
	return finding{File: file, Line: f.Pos.Line, Column: f.Pos.Column, Severity: sev.String(),
		Code: f.Code, Cells: cells, Message: f.Message, MessageEN: f.MessageEN}
}

// validateReport returns the findings of the validation rules on one report.
func validateReport(file string, r *nianbao.Report, strict bool) []finding {
	var out []finding
	for _, f := range nianbao.Validate(r) {
		out = append(out, toFinding(file, f, strict))
	}
	return out
}

// seriesFindings returns the findings of the series rules on the reports
// given together: nianbao.ValidateSeries groups them by agency and year.
// Each finding is shown on the file of the later report it compares.
func seriesFindings(reports []namedReport, strict bool) []finding {
	files := map[*nianbao.Report]string{}
	rs := make([]*nianbao.Report, 0, len(reports))
	for _, nr := range reports {
		files[nr.r] = nr.file
		rs = append(rs, nr.r)
	}
	var out []finding
	for _, f := range nianbao.ValidateSeries(rs) {
		out = append(out, toFinding(files[f.Report], f, strict))
	}
	return out
}

// ruleList returns the validation rules, then the codes of the parser's
// findings (shown with -v and -strict).
func ruleList() []rule {
	var out []rule
	for _, r := range nianbao.Rules() {
		out = append(out, rule{Code: r.Code, Severity: r.Severity.String(), Description: r.Description, DescriptionEN: r.DescriptionEN})
	}
	return append(out, parserRules...)
}
