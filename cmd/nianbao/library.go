package main

// This file holds the calls into the validation API of package nianbao:
// Validate, ValidateSeries and Rules.

import (
	"strings"

	"github.com/opengovcn/nianbao"
)

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
		Code: f.Code, Cells: cells, Message: clipMessage(f.Message), MessageEN: clipMessage(f.MessageEN)}
}

// validateReport returns the findings of the validation rules on one report.
func validateReport(file string, r *nianbao.Report, strict bool) []finding {
	var out []finding
	for _, f := range nianbao.Validate(r) {
		out = append(out, toFinding(file, f, strict))
	}
	return out
}

// seriesEntry is what the series rules read of one report: its agency, year
// and the cells they compare, with their positions. validate keeps only
// this of each report until the series are checked, its strings copied (a
// cell's value shares the memory of the whole source text): a Report holds
// every table, and a directory of thousands of them would stay in memory.
type seriesEntry struct {
	file   string
	agency string
	year   int
	first  nianbao.Position // the first heading's position, if any
	cells  []nianbao.RefCell
}

func seriesPart(file string, r *nianbao.Report) seriesEntry {
	e := seriesEntry{file: file, agency: strings.Clone(r.Agency), year: r.Year}
	if len(r.Sections) > 0 {
		e.first = r.Sections[0].Pos
	}
	for _, ref := range nianbao.SeriesRefs() {
		if c, _ := r.Cell(ref); c.Kind != nianbao.Absent {
			c.Value = strings.Clone(c.Value)
			e.cells = append(e.cells, nianbao.RefCell{Ref: ref, Cell: c})
		}
	}
	return e
}

// report rebuilds the part of the report the series rules read.
func (e seriesEntry) report() *nianbao.Report {
	r := &nianbao.Report{Agency: e.agency, Year: e.year}
	if e.first.IsValid() { // findings about the whole report go to 1:1
		r.Sections = []nianbao.Section{{Pos: e.first}}
	}
	for _, c := range e.cells {
		r.SetCell(c.Ref, c.Cell)
	}
	return r
}

// seriesFindings returns the findings of the series rules on the reports
// given together, one agency at a time, grouped by nianbao.SeriesNames as
// nianbao.ValidateSeries groups them, so that only one agency's reports are
// rebuilt at once. Each finding is shown on the file of the later report it
// compares.
func seriesFindings(entries []seriesEntry, strict bool) []finding {
	var names []string
	for _, e := range entries {
		if e.year != 0 {
			names = append(names, e.agency)
		}
	}
	series := nianbao.SeriesNames(names)
	var order []string
	groups := map[string][]seriesEntry{}
	for _, e := range entries {
		a := series[e.agency]
		if e.year == 0 {
			a = ""
		}
		if _, ok := groups[a]; !ok {
			order = append(order, a)
		}
		groups[a] = append(groups[a], e)
	}
	var out []finding
	for _, a := range order {
		g := groups[a]
		if a == "" || len(g) < 2 {
			continue
		}
		files := map[*nianbao.Report]string{}
		rs := make([]*nianbao.Report, 0, len(g))
		for _, e := range g {
			r := e.report()
			files[r] = e.file
			rs = append(rs, r)
		}
		for _, f := range nianbao.ValidateSeries(rs) {
			out = append(out, toFinding(files[f.Report], f, strict))
		}
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
