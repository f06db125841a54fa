package cli

// This file holds the calls into the validation API of package nianbao:
// Validate, ValidateSeries and Rules.

import (
	"github.com/opengovcn/nianbao"
)

// toFinding turns a library finding into the CLI's form.
func toFinding(f nianbao.Finding) finding {
	cells := f.Cells
	if cells == nil {
		cells = []string{}
	}
	return finding{File: f.File, Line: f.Pos.Line, Column: f.Pos.Column, Severity: f.Severity.String(),
		Code: f.Code, Cells: cells, Message: clipMessage(f.Message), MessageEN: clipMessage(f.MessageEN)}
}

// validateReport returns the findings of the validation rules on one report,
// and with -v or -strict the parser's diagnostics, as the validator's
// options say.
func validateReport(v *nianbao.Validator, r *nianbao.Report) []finding {
	var out []finding
	for _, f := range v.Validate(r) {
		out = append(out, toFinding(f))
	}
	return out
}

// seriesFindings returns the findings of the series rules on the reports
// given together: validate keeps only a nianbao.SeriesEntry of each report
// (a Report holds every table, and a directory of thousands of them would
// stay in memory). Each finding is shown on the file of the later report it
// compares.
func seriesFindings(v *nianbao.Validator, entries []nianbao.SeriesEntry) []finding {
	var out []finding
	for _, f := range v.ValidateSeriesEntries(entries) {
		out = append(out, toFinding(f))
	}
	return out
}

// ruleList returns the rules, the codes of the parser's diagnostics last.
func ruleList() []rule {
	var out []rule
	for _, r := range nianbao.Rules() {
		out = append(out, rule{Code: r.Code, Severity: r.Severity.String(), Description: r.Description, DescriptionEN: r.DescriptionEN})
	}
	return out
}
