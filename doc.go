// Package nianbao reads, writes and checks China's 政府信息公开工作年度报告,
// the annual reports on government information disclosure that every
// administrative agency publishes each January in a layout fixed by a national
// template (editions 2019 and 2021; see package schema).
//
// A report has six sections; sections 2, 3 and 4 are tables. nianbao models
// them as typed structs whose cells keep the difference between a number, a
// blank, "not applicable" (/) and stray text, with numbers kept as exact
// decimal digits:
//
//	r, err := nianbao.Parse(src)       // tolerant: Word, PDF and web text
//	if err != nil { ... }              // errors.Is(err, nianbao.ErrNotAReport)
//	fmt.Println(r.Agency, r.Year)      // 芜湖市医疗保障局 2023
//	fmt.Println(r.Requests.New.Total)  // 4   (一、本年新收政府信息公开申请数量 × 总计)
//	c, _ := r.Cell("t3.new.total")     // the same cell by its reference
//
// # Cell references
//
// Every value cell has a stable reference table.row.column, for example
// "t3.new.total" or "t2.fees.amount". The references are the contract between
// the Go API, the CSV and JSON forms, validation findings and tests. The
// package schema lists them with their official labels.
//
// # Values
//
// A [Cell] is one of [Number] (normalised digits such as "96171.6"), [Blank]
// (nothing written; not 0), [NotApplicable] (a / or — mark), [Text] (anything
// else, verbatim), or [Absent] (not part of the layout the report used).
// JSON keeps every distinction: {"kind":"number","value":"12"},
// {"kind":"blank"}, {"kind":"not_applicable"}, {"kind":"text","value":"无"}.
//
// # Reading, writing, checking
//
// [Parse] reads text, Markdown and web pages (HTML), UTF-8 or GB18030;
// [Format] and [Render] write the one canonical text form, [WriteCSV] the
// long CSV form, [RenderHTML] the official table layout, encoding/json the
// JSON form. [Validate] checks one report against the rules of [Rules] (the
// template's arithmetic, totals, value kinds, missing tables and sections,
// blank cells, text against tables, the statistical period) and
// [ValidateSeries] the reports of one agency from year to year. Each
// [Finding] has a stable code, a severity, the cells involved, a source
// position and a message in Chinese and English:
//
//	for _, f := range nianbao.Validate(r) {
//		fmt.Println(f) // 3:19: error: 表四“行政复议”行：总计 = 1，… [t4-row-sum]
//	}
//
// [Parser.Validate] parses and validates in one call, naming the file in
// every finding and quoting the source where the parser could not read a
// cell; a [Validator] selects rules and adds the parser's diagnostics, which
// [Diagnostic.Finding] turns into findings of the same form.
//
// # Positions
//
// Cells and sections carry the line and rune column where they start in the
// source. Positions do not take part in equality: Cell.Equal and
// Section.Equal ignore them, and go-cmp uses those methods.
package nianbao
