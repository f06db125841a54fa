package nianbao_test

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/gen"
	"github.com/opengovcn/nianbao/schema"
	"pgregory.net/rapid"
)

// validReport returns a report of edition e whose cells are all numbers,
// whose arithmetic holds and whose six sections all say something: a
// report Validate has nothing to say about.
func validReport(e nianbao.Edition) *nianbao.Report {
	r := nianbao.NewReport(e)
	r.Agency = "某某县医疗保障局"
	r.Year = 2023
	if e == nianbao.Edition(schema.E2019) {
		r.Year = 2020
	}
	r.Period = fmt.Sprintf("%d年1月1日至%d年12月31日", r.Year, r.Year)
	for _, s := range schema.Sections {
		r.Sections = append(r.Sections, nianbao.Section{Number: s.Number, Heading: s.Heading, Text: "本部分的说明。"})
	}
	set := func(ref string, n int64) {
		if err := r.SetCell(ref, nianbao.IntCell(n)); err != nil {
			panic(err)
		}
	}
	for i, c := range schema.Cells(e) {
		if c.Block != "t3" && c.Block != "t4" {
			set(c.Ref, int64(i%7))
		}
	}
	b, _ := schema.LookupBlock(e, "t3")
	cols := b.Columns[:len(b.Columns)-1] // the six applicant columns
	rowTotal := func(row string) {
		var s int64
		for _, c := range cols {
			n, _ := r.CellPtr(b.Ref(row, c.Name)).Int64()
			s += n
		}
		set(b.Ref(row, "total"), s)
	}
	for i, row := range b.Rows {
		if len(row.Groups) == 0 || row.Name == "total" {
			continue
		}
		for j, c := range cols {
			n := int64((i + j) % 3)
			if row.Name == "other_unpaid_fee" {
				n = 0 // else section 6 must mention 信息处理费
			}
			set(b.Ref(row.Name, c.Name), n)
		}
		rowTotal(row.Name)
	}
	for _, c := range cols {
		var s int64
		for _, row := range b.Rows {
			if len(row.Groups) > 0 && row.Name != "total" {
				n, _ := r.CellPtr(b.Ref(row.Name, c.Name)).Int64()
				s += n
			}
		}
		set(b.Ref("total", c.Name), s)
		set(b.Ref("carried_over", c.Name), 1)
		set(b.Ref("carried_forward", c.Name), 2)
		set(b.Ref("new", c.Name), s+2-1)
	}
	for _, row := range []string{"total", "carried_over", "carried_forward", "new"} {
		rowTotal(row)
	}
	for _, row := range []string{"review", "suit_direct", "suit_after_review"} {
		set("t4."+row+".upheld", 1)
		set("t4."+row+".corrected", 0)
		set("t4."+row+".other", 2)
		set("t4."+row+".pending", 1)
		set("t4."+row+".total", 4)
	}
	return r
}

// found is a finding reduced to what the rule tests compare.
type found struct {
	Code  string
	Cells string // the cell references, space-separated
}

func reduce(fs []nianbao.Finding) []found {
	out := []found{}
	for _, f := range fs {
		out = append(out, found{f.Code, strings.Join(f.Cells, " ")})
	}
	return out
}

func add(r *nianbao.Report, ref string, delta int64) {
	p := r.CellPtr(ref)
	n, ok := p.Int64()
	if !ok {
		panic(ref + " is not a number")
	}
	*p = nianbao.IntCell(n + delta)
}

func TestValidateValidReports(t *testing.T) {
	for _, e := range schema.Editions {
		r := validReport(nianbao.Edition(e))
		if got := nianbao.Validate(r); len(got) > 0 {
			t.Errorf("edition %s: Validate of a valid report: %v", e, got)
		}
	}
}

// TestValidateRules changes a valid report in one way per case and checks
// exactly which findings come out.
func TestValidateRules(t *testing.T) {
	const e21, e19 = nianbao.Edition(schema.E2021), nianbao.Edition(schema.E2019)
	results21 := func(col string) string {
		b, _ := schema.LookupBlock(schema.E2021, "t3")
		refs := []string{"t3.total." + col}
		for _, r := range b.Rows {
			if len(r.Groups) > 0 && r.Name != "total" {
				refs = append(refs, "t3."+r.Name+"."+col)
			}
		}
		return strings.Join(refs, " ")
	}
	t3Row := func(row string) string {
		return "t3." + row + ".total t3." + row + ".natural_person t3." + row + ".commercial t3." + row + ".research t3." +
			row + ".public_interest t3." + row + ".legal_services t3." + row + ".other"
	}
	balance := func(col string) string {
		return "t3.new." + col + " t3.carried_over." + col + " t3.total." + col + " t3.carried_forward." + col
	}
	tests := []struct {
		name    string
		edition nianbao.Edition
		change  func(r *nianbao.Report)
		want    []found
	}{
		{"balance: carried forward too high", e21, func(r *nianbao.Report) {
			add(r, "t3.carried_forward.natural_person", 3)
			add(r, "t3.carried_forward.total", 3)
		}, []found{{"t3-balance", balance("natural_person")}, {"t3-balance", balance("total")}}},
		{"results: a result row raised with its total", e21, func(r *nianbao.Report) {
			add(r, "t3.granted.commercial", 2)
			add(r, "t3.granted.total", 2)
		}, []found{{"t3-results", results21("commercial")}, {"t3-results", results21("total")}}},
		{"row sum: a row total off", e21, func(r *nianbao.Report) {
			add(r, "t3.denied_law.total", 1)
		}, []found{{"t3-results", results21("total")}, {"t3-row-sum", t3Row("denied_law")}}},
		{"row sum 2019: the single other row", e19, func(r *nianbao.Report) {
			add(r, "t3.other.research", 1)
		}, []found{
			{"t3-results", strings.Replace(results21("research"), " t3.other_no_correction.research t3.other_unpaid_fee.research t3.other_other.research", " t3.other.research", 1)},
			{"t3-row-sum", t3Row("other")}}},
		{"table 4 row sum", e21, func(r *nianbao.Report) {
			add(r, "t4.suit_direct.pending", 1)
		}, []found{{"t4-row-sum", "t4.suit_direct.total t4.suit_direct.upheld t4.suit_direct.corrected t4.suit_direct.other t4.suit_direct.pending"}}},
		{"subtotal column right", e21, func(r *nianbao.Report) {
			r.SetCell("t3.new.organizations", sumCells(r, "t3.new.commercial", "t3.new.research", "t3.new.public_interest", "t3.new.legal_services", "t3.new.other"))
		}, []found{}},
		{"subtotal column wrong", e21, func(r *nianbao.Report) {
			r.SetCell("t3.new.organizations", nianbao.IntCell(99))
		}, []found{{"subtotal", "t3.new.organizations t3.new.commercial t3.new.research t3.new.public_interest t3.new.legal_services t3.new.other"}}},
		{"subtotal row wrong", e21, func(r *nianbao.Report) {
			for _, col := range []string{"natural_person", "commercial", "research", "public_interest", "legal_services", "other", "total"} {
				var parts []string
				for _, row := range []string{"petition", "repeat", "publication", "excessive", "confirmation"} {
					parts = append(parts, "t3.rejected_"+row+"."+col)
				}
				r.SetCell("t3.rejected."+col, sumCells(r, parts...))
			}
			r.SetCell("t3.rejected.total", nianbao.IntCell(99))
		}, []found{
			{"subtotal", "t3.rejected.total t3.rejected_petition.total t3.rejected_repeat.total t3.rejected_publication.total t3.rejected_excessive.total t3.rejected_confirmation.total"},
			{"t3-row-sum", t3Row("rejected")}}},
		{"negative count", e21, func(r *nianbao.Report) {
			r.SetCell("t2.licensing.decisions", nianbao.IntCell(-3))
		}, []found{{"value-kind", "t2.licensing.decisions"}}},
		{"decimal count", e21, func(r *nianbao.Report) {
			r.SetCell("t2.penalty.decisions", nianbao.MustNum("2.5"))
		}, []found{{"value-kind", "t2.penalty.decisions"}}},
		{"decimal amount and negative 2019 change are fine", e19, func(r *nianbao.Report) {
			r.SetCell("t2.licensing.change", nianbao.IntCell(-3))
			r.SetCell("t2.procurement.amount", nianbao.MustNum("96171.6"))
		}, []found{}},
		{"missing table 4", e21, func(r *nianbao.Report) {
			delete(r.Editions, "t4")
			r.Reviews = nianbao.ReviewTable{}
		}, []found{{"missing-table", ""}}},
		{"missing section 6, sections out of order", e21, func(r *nianbao.Report) {
			r.Sections = r.Sections[:5]
			r.Sections[1], r.Sections[2] = r.Sections[2], r.Sections[1]
		}, []found{{"missing-section", ""}, {"section-order", ""}}},
		{"section 6 under another heading", e21, func(r *nianbao.Report) {
			r.Sections[5] = nianbao.Section{Heading: "六、下一步工作计划", Text: "加强培训。"}
		}, []found{{"section-heading", ""}}},
		{"section 5 says nothing, section 1 empty", e21, func(r *nianbao.Report) {
			r.Sections[4].Text = "无。"
			r.Sections[0].Text = ""
		}, []found{{"section-empty", ""}, {"section-empty", ""}}},
		// One finding per root cause: the blank says the sums it is in
		// cannot decide; no undecidable warning repeats it.
		{"blank cell makes sums undecidable", e21, func(r *nianbao.Report) {
			r.SetCell("t3.partial.research", nianbao.BlankCell())
		}, []found{{"blank-cell", "t3.partial.research"}}},
		{"not applicable and text cells", e21, func(r *nianbao.Report) {
			r.SetCell("t4.review.other", nianbao.NACell())
			r.SetCell("t2.fees.amount", nianbao.TextCell("无"))
		}, []found{{"undecidable", "t4.review.other"}, {"text-cell", "t2.fees.amount"}}},
		{"numbers written with a unit or a plus sign are numbers", e19, func(r *nianbao.Report) {
			r.SetCell("t2.procurement.amount", nianbao.TextCell("251000元"))
			r.SetCell("t2.licensing.change", nianbao.TextCell("+17"))
			n, _ := r.Requests.New.Total.Int64()
			r.SetCell("t3.new.total", nianbao.TextCell(fmt.Sprintf("%d件", n)))
		}, []found{}},
		{"a unit number in a row with a blank is a run of the row's cells", e19, func(r *nianbao.Report) {
			r.SetCell("t2.procurement.items", nianbao.BlankCell())
			r.SetCell("t2.procurement.amount", nianbao.TextCell("13575394432.52元"))
		}, []found{{"unreadable", "t2.procurement.items t2.procurement.amount"}}},
		{"signed digits in a row with blanks: the row's cells ran together", e19, func(r *nianbao.Report) {
			r.SetCell("t2.penalty.prev_items", nianbao.BlankCell())
			r.SetCell("t2.penalty.change", nianbao.BlankCell())
			r.SetCell("t2.penalty.decisions", nianbao.TextCell("2648-18538"))
		}, []found{{"unreadable", "t2.penalty.prev_items t2.penalty.change t2.penalty.decisions"}}},
		{"a count with leading zeros is a run of cells", e21, func(r *nianbao.Report) {
			r.SetCell("t2.penalty.decisions", nianbao.MustNum("000"))
		}, []found{{"unreadable", "t2.penalty.decisions"}}},
		{"a subtotal row with no number but 0 is left out", e21, func(r *nianbao.Report) {
			r.SetCell("t3.denied.natural_person", nianbao.BlankCell())
			r.SetCell("t3.denied.total", nianbao.TextCell("公开"))
		}, []found{}},
		{"a number before a paragraph the parser ran into the cell", e21, func(r *nianbao.Report) {
			r.SetCell("t2.fees.amount", nianbao.TextCell("18651.064104 (二)主动公开政府信息的主要类别在主动公开的61条政府信息中"))
		}, []found{}},
		{"a 2019 layout in a 2023 report", e19, func(r *nianbao.Report) { r.Year = 2023 },
			[]found{{"edition-year", "t2.regulations.new_made t2.licensing.prev_items t2.penalty.prev_items t2.fees.prev_items t2.procurement.items t3.new.natural_person"}}},
		{"a 2021 layout in a 2020 report", e21, func(r *nianbao.Report) { r.Year = 2020 },
			[]found{{"edition-year", "t2.regulations.issued t2.licensing.decisions t2.penalty.decisions t2.fees.amount t3.new.natural_person"}}},
		{"mixed editions", e21, func(r *nianbao.Report) {
			r.Editions["t2.1"] = schema.E2019
			r.Active.Regulations = nianbao.DocRow{NewMade: nianbao.IntCell(1), NewPublished: nianbao.IntCell(1), PublishedTotal: nianbao.IntCell(1)}
			r.Active.NormativeDocs = r.Active.Regulations
		}, []found{{"edition-year", "t2.regulations.new_made"}}}, // the mix is named in the message
		{"unpaid fee not mentioned", e21, func(r *nianbao.Report) {
			add(r, "t3.other_unpaid_fee.natural_person", 1)
			add(r, "t3.other_unpaid_fee.total", 1)
			add(r, "t3.granted.natural_person", -1)
			add(r, "t3.granted.total", -1)
		}, []found{{"fee-unmentioned", "t3.other_unpaid_fee.natural_person t3.other_unpaid_fee.total"}}},
		{"unpaid fee mentioned", e21, func(r *nianbao.Report) {
			add(r, "t3.other_unpaid_fee.natural_person", 1)
			add(r, "t3.other_unpaid_fee.total", 1)
			add(r, "t3.granted.natural_person", -1)
			add(r, "t3.granted.total", -1)
			r.Sections[5].Text = "本年度收取信息处理费0元。"
		}, []found{}},
		{"text disagrees with the tables", e21, func(r *nianbao.Report) {
			n, _ := r.Requests.New.Total.Int64()
			r.Sections[0].Text = fmt.Sprintf("本年度新收政府信息公开申请%d件，上年结转1件。全年发生行政复议４件、行政诉讼3件。", n+1)
		}, []found{{"text-table", "t3.new.total"}, {"text-table", "t3.carried_over.total"}, {"text-table", "t4.suit_direct.total t4.suit_after_review.total"}}},
		{"text agrees with the tables", e21, func(r *nianbao.Report) {
			n, _ := r.Requests.New.Total.Int64()
			r.Sections[0].Text = fmt.Sprintf("本年度新收政府信息公开申请%d件，上年结转6件，结转下年度继续办理12件。发生行政复议４件，行政诉讼8件。", n)
		}, []found{}},
		{"other ways of stating the numbers", e21, func(r *nianbao.Report) {
			n, _ := r.Requests.New.Total.Int64()
			total, _ := r.Requests.Total.Total.Int64()
			// New plus carry-over (6) agrees; 办结 and 结转至2024年 disagree.
			r.Sections[0].Text = fmt.Sprintf("全年共收到政府信息公开申请%d件，共办结%d件，结转至2024年13件。", n+6, total+1)
		}, []found{{"text-table", "t3.total.total"}, {"text-table", "t3.carried_forward.total"}}},
		{"no period", e21, func(r *nianbao.Report) { r.Period = "" }, []found{{"no-period", ""}}},
		{"the period in another wording, broken across lines", e21, func(r *nianbao.Report) {
			r.Period = ""
			r.Preamble = "本年度报告中所列数据的统计周期\n为 2023 年 1 月 1 日至 12 月 31 日。"
		}, []found{}},
		{"the period as 统计数据时间段", e21, func(r *nianbao.Report) {
			r.Period = ""
			r.Sections[0].Text = "本报告的统计数据时间段为2023年1月1日至2023年12月31日。"
		}, []found{}},
		{"a title on one year, a period on another", e21, func(r *nianbao.Report) {
			r.Title = "某某县医疗保障局2024年政府信息公开工作年度报告"
			r.Year = 2024
		}, []found{{"year-period", ""}}},
		{"prose telling of last year as the report's", e21, func(r *nianbao.Report) {
			r.Sections[1].Text = "（二）主动公开政府信息的主要类别2022年，在主动公开的61条政府信息中，全文电子化的61条。2024年，我局将继续加强公开。与2022年相比有所增加。"
		}, []found{{"year-text", ""}}},
		{"signed before the year ended", e21, func(r *nianbao.Report) {
			r.Signature = "某某县医疗保障局\n2023年1月25日"
		}, []found{{"year-signed", ""}}},
		{"signed in the next year", e21, func(r *nianbao.Report) {
			r.Signature = "某某县医疗保障局\n2024年1月25日"
		}, []found{}},
		{"two sections numbered 二", e21, func(r *nianbao.Report) {
			r.Sections[2].Heading = "二、收到和处理政府信息公开申请情况"
		}, []found{{"section-number", ""}}},
		{"section 6 headed inside section 5's text", e21, func(r *nianbao.Report) {
			r.Sections[4].Text = "一是加强培训。 六、需要说明的其他事项与附表按照规定，本年度没有收取信息处理费。"
			r.Sections = r.Sections[:5]
		}, []found{{"section-heading", ""}}},
		{"a numbered point of section 1 is no heading of section 5", e21, func(r *nianbao.Report) {
			r.Sections[0].Text = "（四）平台建设。\n五、政府信息管理\n及时发布指南。"
			r.Sections = append(r.Sections[:4], r.Sections[5])
		}, []found{{"missing-section", ""}}},
		{"section 5 without its heading, its content under section 4", e21, func(r *nianbao.Report) {
			r.Sections[3].Text = "（一）主要问题\n栏目结构无法满足需要。\n（二）改进情况\n调整公开目录。"
			r.Sections = append(r.Sections[:4], r.Sections[5])
		}, []found{{"section-heading", ""}}},
		{"result categories in the text", e21, func(r *nianbao.Report) {
			granted, _ := r.Requests.Granted.Total.Int64()
			partial, _ := r.Requests.Partial.Total.Int64()
			r.Sections[0].Text = fmt.Sprintf("予以公开及部分公开%d件，不予公开99件，不予公开信息41条，其中公开答复%d件。", granted+partial, granted)
		}, []found{{"text-table", "t3.denied_secret.total t3.denied_law.total t3.denied_safety.total t3.denied_third_party.total t3.denied_internal.total t3.denied_process.total t3.denied_enforcement.total t3.denied_query.total"}}},
		{"a stated number below what the numbers of a row with a blank total add to", e21, func(r *nianbao.Report) {
			granted, _ := r.Requests.Granted.Total.Int64()
			r.SetCell("t3.granted.total", nianbao.BlankCell())
			r.Sections[0].Text = fmt.Sprintf("予以公开%d件；予以公开%d件。", granted-1, granted+5)
		}, []found{{"blank-cell", "t3.granted.total"}, {"text-table", "t3.granted.total"}}},
		{"requests received, handled, carried forward", e21, func(r *nianbao.Report) {
			n, _ := r.Requests.New.Total.Int64()
			total, _ := r.Requests.Total.Total.Int64()
			r.Sections[0].Text = fmt.Sprintf("区政府办代表区政府受理政府\n信息公开申请 %d 件，办结%d件，转下一年度办理答复的有 99 件。制发规范性文件99件。", n+1, total)
		}, []found{{"text-table", "t3.new.total"}, {"text-table", "t3.carried_forward.total"}, {"text-table", "t2.normative_docs.issued"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validReport(tt.edition)
			tt.change(r)
			got := nianbao.Validate(r)
			sortFound := func(fs []found) []found {
				fs = slices.Clone(fs)
				slices.SortStableFunc(fs, func(a, b found) int { return strings.Compare(a.Code, b.Code) })
				return fs
			}
			if diff := cmp.Diff(sortFound(tt.want), sortFound(reduce(got))); diff != "" {
				t.Errorf("findings (-want +got):\n%s\n%v", diff, got)
			}
			for _, f := range got {
				if f.Message == "" || f.MessageEN == "" || f.Report != r {
					t.Errorf("finding %+v: want both messages and the report", f)
				}
				if !errors.Is(f, nianbao.ErrInvalid) {
					t.Errorf("finding %v does not wrap ErrInvalid", f)
				}
			}
		})
	}
}

func sumCells(r *nianbao.Report, refs ...string) nianbao.Cell {
	var s int64
	for _, ref := range refs {
		c, _ := r.Cell(ref)
		n, _ := c.Int64()
		s += n
	}
	return nianbao.IntCell(s)
}

// TestValidateMessages checks the wording of the sum rules: which cells
// disagree and by how much.
func TestValidateMessages(t *testing.T) {
	r := validReport(nianbao.Edition(schema.E2021))
	r.SetCell("t3.total.natural_person", nianbao.IntCell(21))
	r.SetCell("t3.granted.natural_person", nianbao.IntCell(0))
	for _, row := range []string{"partial", "denied_secret", "denied_law", "denied_safety", "denied_third_party", "denied_internal",
		"denied_process", "denied_enforcement", "denied_query", "unavailable_not_held", "unavailable_needs_creation",
		"unavailable_unclear", "rejected_petition", "rejected_repeat", "rejected_publication", "rejected_excessive",
		"rejected_confirmation", "other_no_correction", "other_unpaid_fee", "other_other"} {
		r.SetCell("t3."+row+".natural_person", nianbao.IntCell(0))
	}
	r.SetCell("t3.granted.natural_person", nianbao.IntCell(27))
	var got []string
	for _, f := range nianbao.Validate(r) {
		if f.Code == "t3-results" && f.Cells[0] == "t3.total.natural_person" {
			got = append(got, f.Message, f.MessageEN)
		}
	}
	want := []string{
		"表三“自然人”列：（七）总计 = 21，办理结果各行之和 = 27，相差 6",
		"table 3, column 自然人 (natural_person): total = 21, sum of result rows = 27, difference 6",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}

// TestRulesTable checks the rule table: codes unique, both descriptions,
// and every code a finding can carry is listed.
func TestRulesTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range nianbao.Rules() {
		if seen[r.Code] {
			t.Errorf("duplicate rule code %s", r.Code)
		}
		seen[r.Code] = true
		if r.Description == "" || r.DescriptionEN == "" {
			t.Errorf("rule %s lacks a description", r.Code)
		}
		if r.Series != strings.HasPrefix(r.Code, "series-") {
			t.Errorf("rule %s: Series = %v", r.Code, r.Series)
		}
		if r.Parse != strings.HasPrefix(r.Code, "parse") {
			t.Errorf("rule %s: Parse = %v", r.Code, r.Parse)
		}
	}
	files, _ := filepath.Glob("validate*.go")
	var src []byte
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src = append(src, b...)
	}
	// Every code passed to addFinding or add must be in the table.
	for _, line := range strings.Split(string(src), "\n") {
		for _, pre := range []string{`v.add("`, `addFinding(out, "`, `addFinding(&out, "`, `addSeriesFinding(out, "`, `addSeriesFinding(&out, "`, `code: "`} {
			if i := strings.Index(line, pre); i >= 0 {
				code, _, _ := strings.Cut(line[i+len(pre):], `"`)
				if !seen[code] {
					t.Errorf("validate*.go reports code %q that Rules does not list", code)
				}
			}
		}
	}
}

// TestValidateProperties: a valid generated report (any edition, hybrids,
// blanks and text cells) has no error finding; a report with one count
// changed has an error finding naming that cell.
func TestValidateProperties(t *testing.T) {
	checkN(t, propertyChecks(), func(t *rapid.T) {
		r := gen.Report().Draw(t, "report")
		for _, f := range nianbao.Validate(r) {
			// The generator writes "0件" as a text that stands for any
			// value; Validate reads it as the number 0.
			if f.Severity == nianbao.SeverityError && !slices.ContainsFunc(f.Cells, func(ref string) bool {
				c, _ := r.Cell(ref)
				return c.Kind == nianbao.Text && strings.HasSuffix(c.Value, "件")
			}) {
				t.Fatalf("valid report: %v", f)
			}
		}
	})
	checkN(t, propertyChecks(), func(t *rapid.T) {
		b := gen.Broken(gen.Options{}).Draw(t, "broken")
		fs := nianbao.Validate(b.Report)
		for _, f := range fs {
			if f.Severity == nianbao.SeverityError && slices.Contains(f.Cells, b.Ref) {
				return
			}
		}
		t.Fatalf("%s changed from %s to %s: no error names it; findings: %v", b.Ref, b.Was, b.Report.CellPtr(b.Ref).Value, fs)
	})
}

// chain returns two reports of one agency on consecutive years whose series
// rules hold: the later one's carry-over is the earlier one's
// carried_forward, and its documents in force follow from the earlier ones.
func chain(t *rapid.T) (prev, cur *nianbao.Report) {
	prev = gen.ValidReport(nianbao.Edition(schema.E2021)).Draw(t, "prev")
	cur = gen.ValidReport(nianbao.Edition(schema.E2021)).Draw(t, "cur")
	cur.Agency, cur.Year = prev.Agency, prev.Year+1
	cur.Requests.CarriedOver = prev.Requests.CarriedForward
	for _, row := range []string{"regulations", "normative_docs"} {
		then, _ := prev.Cell("t2." + row + ".in_force")
		n, _ := then.Int64()
		issued, _ := cur.Cell("t2." + row + ".issued")
		repealed, _ := cur.Cell("t2." + row + ".repealed")
		i, _ := issued.Int64()
		d, _ := repealed.Int64()
		cur.SetCell("t2."+row+".in_force", nianbao.IntCell(n+i-d))
	}
	return prev, cur
}

// TestValidateSeriesProperties: a chained series gives no finding; one
// carry-over or one in-force count changed gives exactly one finding, on
// that cell, about the later report. (The generator draws its prose from a
// few sentences, which series-copy rightly calls copied: TestSeriesCopy.)
func TestValidateSeriesProperties(t *testing.T) {
	series := (&nianbao.Validator{Disable: []string{"series-copy"}}).ValidateSeries
	checkN(t, propertyChecks(), func(t *rapid.T) {
		prev, cur := chain(t)
		if fs := series([]*nianbao.Report{cur, prev}); len(fs) > 0 {
			t.Fatalf("chained series: %v", fs)
		}
		ref := rapid.SampledFrom(append(seriesRefs(), "t2.regulations.in_force", "t2.normative_docs.in_force")).Draw(t, "changed")
		p := cur.CellPtr(ref)
		n, _ := p.Int64()
		*p = nianbao.IntCell(n + rapid.Int64Range(1, 9).Draw(t, "delta"))
		fs := series([]*nianbao.Report{prev, cur})
		if len(fs) != 1 || fs[0].Cells[0] != ref || fs[0].Report != cur {
			t.Fatalf("%s changed: want one finding on it, got %v", ref, fs)
		}
		// The cells SeriesRefs lists are all the series rules read.
		slim := func(r *nianbao.Report) *nianbao.Report {
			s := &nianbao.Report{Agency: r.Agency, Year: r.Year}
			for _, ref := range nianbao.SeriesRefs() {
				c, _ := r.Cell(ref)
				s.SetCell(ref, c)
			}
			return s
		}
		if got := reduce(series([]*nianbao.Report{slim(prev), slim(cur)})); !cmp.Equal(reduce(fs), got) {
			t.Fatalf("on the SeriesRefs cells alone: %v, want %v", got, reduce(fs))
		}
		for _, y := range []int{prev.Year, cur.Year} {
			if !strings.Contains(fs[0].Message, fmt.Sprint(y)) || !strings.Contains(fs[0].MessageEN, fmt.Sprint(y)) {
				t.Fatalf("finding %v does not name the year %d", fs[0], y)
			}
		}
	})
}

func seriesRefs() []string {
	var refs []string
	b, _ := schema.LookupBlock(schema.E2021, "t3")
	for _, c := range b.Columns {
		refs = append(refs, b.Ref("carried_over", c.Name))
	}
	return refs
}

// seriesReport returns a valid 2021 report of the agency on the year whose
// series cells chain with nothing changed (no document issued or repealed,
// nothing carried) except the given carry-over and carry-forward in the
// columns cols of table 3.
func seriesReport(agency string, year int, carriedOver, carriedForward int64, cols ...string) *nianbao.Report {
	r := validReport(nianbao.Edition(schema.E2021))
	r.Agency, r.Year = agency, year
	for _, ref := range seriesRefs() {
		r.SetCell(ref, nianbao.IntCell(0))
		r.SetCell(strings.Replace(ref, "carried_over", "carried_forward", 1), nianbao.IntCell(0))
	}
	for _, row := range []string{"regulations", "normative_docs"} {
		r.SetCell("t2."+row+".issued", nianbao.IntCell(0))
		r.SetCell("t2."+row+".repealed", nianbao.IntCell(0))
	}
	for _, col := range cols {
		r.SetCell("t3.carried_over."+col, nianbao.IntCell(carriedOver))
		r.SetCell("t3.carried_forward."+col, nianbao.IntCell(carriedForward))
	}
	return r
}

func TestValidateSeries(t *testing.T) {
	mk := func(agency string, year int, carriedOver, carriedForward int64) *nianbao.Report {
		return seriesReport(agency, year, carriedOver, carriedForward, "natural_person", "total")
	}
	a20, a21, a23, a23b := mk("甲局", 2020, 0, 5), mk("甲局", 2021, 5, 7), mk("甲局", 2023, 6, 1), mk("甲局", 2023, 6, 1)
	b21, b22 := mk("乙局", 2021, 0, 3), mk("乙局", 2022, 4, 0)
	anon := mk("", 2022, 9, 9)
	got := nianbao.ValidateSeries([]*nianbao.Report{a23, b22, a20, anon, b21, a21, a23b})
	type sf struct {
		Code, Cells string
		Year        int
		Agency      string
	}
	var reduced []sf
	for _, f := range got {
		if f.Code == "series-copy" { // the reports are built alike; TestSeriesCopy
			continue
		}
		reduced = append(reduced, sf{f.Code, strings.Join(f.Cells, " "), f.Report.Year, f.Report.Agency})
	}
	want := []sf{
		{"series-gap", "", 2023, "甲局"},
		{"series-duplicate", "", 2023, "甲局"},
		{"series-carried-over", "t3.carried_over.natural_person t3.carried_forward.natural_person", 2022, "乙局"},
		{"series-carried-over", "t3.carried_over.total t3.carried_forward.total", 2022, "乙局"},
	}
	if diff := cmp.Diff(want, reduced); diff != "" {
		t.Errorf("series findings (-want +got):\n%s", diff)
	}
	for _, f := range got {
		if f.Code == "series-carried-over" && !strings.Contains(f.Message, "相差 1") {
			t.Errorf("message %q does not say the difference", f.Message)
		}
	}
}

// TestValidateSeriesNames checks how ValidateSeries files reports under
// agency names: white space is ignored, a name is filed with the one longer
// name that puts place names before it, and with none when two such names
// are given. Every pair that is compared here disagrees on carry-over, so a
// report filed with the wrong series shows as a finding.
func TestValidateSeriesNames(t *testing.T) {
	mk := func(agency string, year int, carriedOver, carriedForward int64) *nianbao.Report {
		return seriesReport(agency, year, carriedOver, carriedForward, "total")
	}
	type finding struct {
		Year   int
		Series string // the agency the message names
	}
	tests := []struct {
		name    string
		reports []*nianbao.Report
		want    []finding
	}{
		{"place prefix joins", []*nianbao.Report{
			mk("洪泽区人民政府", 2023, 0, 5), mk("淮安市洪泽区人民政府", 2024, 4, 0),
		}, []finding{{2024, "淮安市洪泽区人民政府"}}},
		{"chain of prefixes", []*nianbao.Report{
			mk("洪泽区人民政府", 2022, 0, 5), mk("淮安市洪泽区人民政府", 2023, 4, 6), mk("江苏省淮安市洪泽区人民政府", 2024, 6, 0),
		}, []finding{{2023, "江苏省淮安市洪泽区人民政府"}}},
		{"spaces ignored", []*nianbao.Report{
			mk("平潭综合实验区 君山片区管理局", 2021, 0, 5), mk("平潭综合实验区君山片区管理局 ", 2022, 4, 0),
		}, []finding{{2022, "平潭综合实验区君山片区管理局"}}},
		{"two cities: ambiguous, kept apart", []*nianbao.Report{
			mk("鼓楼区人民政府", 2022, 0, 5), mk("南京市鼓楼区人民政府", 2023, 4, 0), mk("福州市鼓楼区人民政府", 2023, 4, 0),
		}, nil},
		{"bare organ never joined", []*nianbao.Report{
			mk("人民政府", 2022, 0, 5), mk("上海市人民政府", 2023, 4, 0),
			mk("市场监督管理局", 2022, 0, 5), mk("平潭综合实验区市场监督管理局", 2023, 4, 0),
		}, nil},
		{"prefix that is not a place", []*nianbao.Report{
			mk("洪泽区人民政府", 2022, 0, 5), mk("中共洪泽区人民政府", 2023, 4, 0),
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []finding
			for _, f := range (&nianbao.Validator{Disable: []string{"series-copy"}}).ValidateSeries(tt.reports) {
				if f.Code != "series-carried-over" {
					t.Errorf("unexpected finding %s: %s", f.Code, f.Message)
					continue
				}
				series, _, _ := strings.Cut(f.Message, " ")
				got = append(got, finding{f.Report.Year, series})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestValidateGolden validates every seed and every hand-broken report in
// testdata/validate and compares the findings, one a line as the CLI prints
// them, with testdata/validate/NAME.golden (-update rewrites). The goldens
// do not end in .txt, so that "nianbao validate testdata/validate" reads
// only the reports.
func TestValidateGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/seeds/*.txt")
	broken, _ := filepath.Glob("testdata/validate/*.txt")
	files = append(files, broken...)
	if len(files) < 8 {
		t.Fatalf("found only %d files", len(files))
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r, err := nianbao.Parse(src)
		if r == nil {
			t.Fatalf("%s: %v", file, err)
		}
		var b strings.Builder
		for _, f := range nianbao.Validate(r) {
			f.File = filepath.Base(file)
			fmt.Fprintf(&b, "%s\n\t%s\n\tcells: %s\n", f.Error(), f.MessageEN, strings.Join(f.Cells, " "))
		}
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		golden := filepath.Join("testdata", "validate", name+".golden")
		if fl := flag.Lookup("update"); fl != nil && fl.Value.String() == "true" {
			if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -run TestValidateGolden -update)", err)
		}
		if diff := cmp.Diff(string(want), b.String()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", golden, diff)
		}
	}
}

// FuzzValidate parses arbitrary text and validates what it reads: no panic,
// every finding carries a listed code with that rule's severity, both
// messages, and cell references the report type knows.
func FuzzValidate(f *testing.F) {
	for _, pat := range []string{"testdata/seeds/*.txt", "testdata/validate/*.txt"} {
		files, _ := filepath.Glob(pat)
		for _, file := range files {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(src)
			}
		}
	}
	sev := map[string]nianbao.Severity{}
	for _, r := range nianbao.Rules() {
		sev[r.Code] = r.Severity
	}
	refs := map[string]bool{}
	for _, ref := range nianbao.CellRefs() {
		refs[ref] = true
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r, _ := nianbao.Parse(src)
		if r == nil {
			return
		}
		for _, fd := range append(nianbao.Validate(r), nianbao.ValidateSeries([]*nianbao.Report{r, r})...) {
			if s, ok := sev[fd.Code]; !ok || s != fd.Severity {
				t.Errorf("finding %v: code not listed or severity %v differs from the rule's", fd, fd.Severity)
			}
			if fd.Message == "" || fd.MessageEN == "" {
				t.Errorf("finding %v lacks a message", fd)
			}
			for _, ref := range fd.Cells {
				if !refs[ref] {
					t.Errorf("finding %v names unknown cell %q", fd, ref)
				}
			}
		}
	})
}

// TestSeedsAndBrokenCopies: every seed validates without an error (its
// blanks and gaps are warnings, listed in testdata/validate/*.golden),
// and a copy of each with one total changed by hand gives an error at the
// line of that total.
func TestSeedsAndBrokenCopies(t *testing.T) {
	seeds, _ := filepath.Glob("testdata/seeds/*.txt")
	if len(seeds) != 5 {
		t.Fatalf("%d seeds", len(seeds))
	}
	for _, f := range seeds {
		if fs := nianbao.Validate(parseFile(t, f)); nianbao.HasErrors(fs) {
			t.Errorf("%s: %v", f, fs)
		}
	}
	for _, tc := range []struct {
		file string
		line int    // the line of the changed cell
		code string // an error there
	}{
		{"000_broken_total.txt", 49, "t3-row-sum"},
		{"001_broken_total.txt", 161, "t3-results"},
		{"002_broken_total.txt", 445, "t3-results"},
		{"003_broken_carried_over.txt", 47, "t3-balance"},
		{"004_broken_sums.txt", 81, "t3-balance"},
		{"004_broken_t4_text.txt", 88, "t4-row-sum"},
	} {
		fs := nianbao.Validate(parseFile(t, filepath.Join("testdata", "validate", tc.file)))
		found := false
		for _, f := range fs {
			if f.Severity == nianbao.SeverityError && f.Code == tc.code && slices.ContainsFunc(f.Cells, func(ref string) bool {
				c, _ := f.Report.Cell(ref)
				return c.Pos.Line == tc.line
			}) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no %s error involving a cell on line %d: %v", tc.file, tc.code, tc.line, fs)
		}
	}
}

func parseFile(t *testing.T, name string) *nianbao.Report {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := nianbao.Parse(src)
	if r == nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

// uncoveredCells are the count cells no single-report rule checks against
// other cells: table 2 has no arithmetic in the template (its in_force
// chains only across years, see ValidateSeries), so changing one of its
// counts breaks nothing Validate can see.
func uncoveredCells(e schema.Edition) []string {
	var out []string
	for _, c := range schema.Cells(e) {
		if c.Block != "t3" && c.Block != "t4" {
			out = append(out, c.Ref)
		}
	}
	return out
}

// TestPerturbEveryCell changes each count cell of a valid report of each
// edition, one at a time, by several amounts: an error finding names the
// cell, unless the cell is one of uncoveredCells — and for those, no error.
func TestPerturbEveryCell(t *testing.T) {
	for _, e := range schema.Editions {
		var uncovered []string
		for _, c := range schema.Cells(e) {
			for _, delta := range []int64{1, 7, -1, 1000} {
				r := validReport(nianbao.Edition(e))
				n, ok := r.CellPtr(c.Ref).Int64()
				if !ok || n+delta < 0 {
					continue
				}
				*r.CellPtr(c.Ref) = nianbao.IntCell(n + delta)
				named := false
				for _, f := range nianbao.Validate(r) {
					if f.Severity == nianbao.SeverityError && slices.Contains(f.Cells, c.Ref) {
						named = true
					}
				}
				if !named && !slices.Contains(uncovered, c.Ref) {
					uncovered = append(uncovered, c.Ref)
				}
			}
		}
		if diff := cmp.Diff(uncoveredCells(e), uncovered); diff != "" {
			t.Errorf("edition %s: cells no error names when changed (-want +got):\n%s", e, diff)
		}
	}
}

// TestValidateRealErrors: the arithmetic errors in published reports of the
// corpus (testdata/corpus/README.md) are found, on the cells that disagree.
func TestValidateRealErrors(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []string // code and first cell of each error, in order
	}{
		// 洪泽区 2023, table 4: review 10 + 1 and after-review 5 with both 总计 0.
		{"003_hongze_qzf_2023_pdflayout.txt", []string{"t4-row-sum t4.review.total", "t4-row-sum t4.suit_after_review.total"}},
		{"015_hongze_qzf_2023_pdfstream.txt", []string{"t4-row-sum t4.review.total", "t4-row-sum t4.suit_after_review.total"}},
		// 平潭综合实验区 2020: the result rows add to 27, （七）总计 says 21.
		{"008_pingtan_gwh_2020_webflat.txt", []string{"t3-results t3.total.natural_person", "t3-results t3.total.total"}},
		// 君山片区管理局 2022: a result row of 5 under a 总计 of 0.
		{"020_pingtan_jspq_2022_webflat.txt", []string{"t3-results t3.total.natural_person", "t3-results t3.total.other", "t3-results t3.total.total"}},
	} {
		var got []string
		for _, f := range nianbao.Validate(parseFile(t, filepath.Join("testdata", "corpus", tc.file))) {
			if f.Severity == nianbao.SeverityError {
				got = append(got, f.Code+" "+f.Cells[0])
			}
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: errors (-want +got):\n%s", tc.file, diff)
		}
	}
}

// TestUnreadable checks that cells the parser left blank because it could
// not read them are not called blank: corpus 002 (PDF text without -layout)
// has table 4's values out of order, and the parser leaves the rows the
// report's text does not state (the two 行政诉讼 rows) blank with a warning. One unreadable finding stands where the warning does and
// quotes the source there; no blank-cell, no undecidable line repeats it.
// A blank the report leaves itself is a blank-cell finding asking for the
// numbers.
func TestUnreadable(t *testing.T) {
	const file = "testdata/corpus/002_huaian_szf_2024_pdfraw.txt"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := nianbao.Parse(src)
	for _, tc := range []struct {
		name  string
		v     *nianbao.Validator
		quote string
	}{
		{"with the source", &nianbao.Validator{File: file, Source: src}, "原文第 636 行第 1 列是“12 1 1 6"},
		{"without it", &nianbao.Validator{}, "表四"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var unread []nianbao.Finding
			for _, f := range tc.v.Validate(r) {
				if slices.ContainsFunc(f.Cells, func(ref string) bool { return strings.HasPrefix(ref, "t4.") }) {
					if f.Code != "unreadable" {
						t.Errorf("table 4: %s finding besides unreadable: %v", f.Code, f)
						continue
					}
					unread = append(unread, f)
				}
			}
			if len(unread) != 1 {
				t.Fatalf("%d unreadable findings on table 4, want 1: %v", len(unread), unread)
			}
			f := unread[0]
			if len(f.Cells) != 10 || !strings.Contains(f.Message, tc.quote) || f.File != tc.v.File {
				t.Errorf("unreadable finding %v: want the 10 cells, %q in the message and file %q", f, tc.quote, tc.v.File)
			}
			warned := false
			for _, w := range r.Warnings {
				warned = warned || (w.Pos == f.Pos && errors.Is(w, nianbao.ErrAmbiguous))
			}
			if !warned {
				t.Errorf("no ambiguous-input warning of the parser at %v, where the finding stands", f.Pos)
			}
		})
	}

	// A report that leaves a cell blank itself.
	v := validReport(nianbao.Edition(schema.E2021))
	v.SetCell("t2.licensing.decisions", nianbao.BlankCell())
	n := 0
	for _, f := range nianbao.Validate(v) {
		if f.Code != "blank-cell" {
			t.Errorf("a blank the report left: %s finding %v", f.Code, f)
			continue
		}
		n++
		if !strings.Contains(f.Message, "请填写数字") || strings.Contains(f.Message, "解析器") {
			t.Errorf("a blank the report left: %q", f.Message)
		}
	}
	if n != 1 {
		t.Errorf("%d blank-cell findings on one blank cell, want 1", n)
	}
}
