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
func ruleList() []rule { return parserRules }
