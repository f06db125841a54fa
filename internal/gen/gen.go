// Package gen generates random annual reports for property-based tests
// with pgregory.net/rapid.
//
// Every report it makes is one the canonical text form can carry exactly
// (nianbao.Format writes it and nianbao.Parse must read it back equal):
//
//   - metadata consistent with the text: Title = Agency + Year +
//     "年政府信息公开工作年度报告"; a preamble, when there is one, states the
//     period "本报告中所列数据的统计期限为<Y>年1月1日至<Y>年12月31日。";
//     Signature = Agency + "\n" + Published, or no signature and no
//     Published date;
//   - free text as lines that are trimmed and non-empty, with Chinese
//     punctuation and lines that look like headings, table rows, values,
//     dates or Markdown;
//   - table blocks of edition 2019, 2021 or a mix (each block its own
//     edition, table 4 that of table 3, since the two editions' table 4 is
//     the same), every cell of each block set, extra subtotal rows and the
//     法人或其他组织 column added now and then, each equal to the sum of its
//     parts;
//   - counts that satisfy every arithmetic rule of FORMAT.md (row totals,
//     the result total, the balance of table 3, the totals of table 4),
//     unless the report is made broken with [Broken];
//   - now and then blank, not-applicable and text cells (a blank is not 0:
//     it makes a rule undecidable, never wrong), decimals in the amount
//     cells, signed changes in the 2019 本年增/减 cells.
//
// No report has Warnings, Unrecognized text or source positions.
package gen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/schema"
	"pgregory.net/rapid"
)

// Options says what kind of report [Custom] generates. The zero Options
// make a report of a random edition or hybrid, with sometimes odd cells
// (blank, /, text) and arithmetic that holds.
type Options struct {
	// Edition, when set, gives every block this edition. When empty, the
	// report is of edition 2019, 2021, or a hybrid whose blocks have
	// editions drawn one by one.
	Edition nianbao.Edition
	// NumbersOnly makes every cell a number: no blank, not-applicable or
	// text cells, so every arithmetic rule is decidable (and holds unless
	// Broken).
	NumbersOnly bool
	// NoText leaves out text cells (but not blank or not-applicable ones):
	// text such as "0件" or "a|b" does not survive changes of width or
	// delimiters the way numbers do.
	NoText bool
	// NoExtras leaves out the extra subtotal rows and the 法人或其他组织
	// subtotal column.
	NoExtras bool
}

// Report returns a generator of valid reports of any edition, hybrids
// included: Custom(Options{}).
func Report() *rapid.Generator[*nianbao.Report] { return Custom(Options{}) }

// ValidReport returns a generator of valid reports whose blocks all have
// edition e, with every cell a number and all the arithmetic of FORMAT.md
// holding: Custom(Options{Edition: e, NumbersOnly: true}).
func ValidReport(e nianbao.Edition) *rapid.Generator[*nianbao.Report] {
	return Custom(Options{Edition: e, NumbersOnly: true})
}

// Custom returns a generator of valid reports as o describes.
func Custom(o Options) *rapid.Generator[*nianbao.Report] {
	return rapid.Custom(func(t *rapid.T) *nianbao.Report {
		r, _, _ := build(t, o)
		return r
	})
}

// Breakage is a report whose arithmetic is broken on purpose, with the cell
// that was changed.
type Breakage struct {
	Report *nianbao.Report
	// Ref is the changed cell, e.g. "t3.denied_law.commercial"; its row's
	// cells are all numbers, so at least the rule that its row's 总计
	// is the sum of the row (table 3 and table 4) or that the subtotal
	// column 法人或其他组织 is the sum of its five columns fails.
	Ref string
	// Was is the value that made the arithmetic hold.
	Was string
}

// Broken returns a generator of reports made as Custom(o) makes them, then
// broken: one count of table 3 or table 4 is changed by a non-zero amount
// (the result stays a non-negative integer).
func Broken(o Options) *rapid.Generator[Breakage] {
	return rapid.Custom(func(t *rapid.T) Breakage {
		r, clean, blocks := build(t, o)
		var cands []schema.Cell
		for _, b := range blocks {
			if b.Table == "t2" {
				continue
			}
			for _, c := range b.AllCells() {
				if cell, _ := r.Cell(c.Ref); cell.Kind != nianbao.Absent {
					cands = append(cands, c)
				}
			}
		}
		c := rapid.SampledFrom(cands).Draw(t, "broken cell")
		b, _ := schema.LookupBlock(r.Editions[c.Block], c.Block)
		// Give the cell's row its numbers back, so its row rule decides.
		for _, col := range append(append([]schema.Column(nil), b.Columns...), b.ExtraColumns...) {
			ref := b.Ref(c.Row, col.Name)
			*r.CellPtr(ref) = *clean.CellPtr(ref)
		}
		p := r.CellPtr(c.Ref)
		was := p.Value
		n, _ := p.Int64()
		delta := rapid.Int64Range(1, 50).Draw(t, "delta")
		if n >= delta && rapid.Bool().Draw(t, "down") {
			delta = -delta
		}
		*p = nianbao.IntCell(n + delta)
		return Breakage{Report: r, Ref: c.Ref, Was: was}
	})
}

// build draws one report and returns it with the blocks it has and a copy
// of it made before some cells were made blank, / or text.
func build(t *rapid.T, o Options) (r, clean *nianbao.Report, blocks []schema.Block) {
	r = &nianbao.Report{Editions: map[string]nianbao.Edition{}}
	meta(t, r)

	// Editions, block by block.
	mode := "single"
	e := o.Edition
	if e == "" {
		mode = rapid.SampledFrom([]string{"single", "single", "hybrid"}).Draw(t, "edition mode")
		e = rapid.SampledFrom(schema.Editions).Draw(t, "edition")
	}
	for _, id := range schema.BlockIDs {
		be := e
		switch {
		case id == "t4":
			// Table 4 is the same in both editions: its edition is table
			// 3's, as the parser decides it.
			be = r.Editions["t3"]
		case mode == "hybrid":
			be = rapid.SampledFrom(schema.Editions).Draw(t, "edition of "+id)
		}
		b, ok := schema.LookupBlock(be, id)
		if !ok {
			continue // t2.9 exists only in 2019
		}
		r.Editions[id] = be
		blocks = append(blocks, b)
	}

	for _, b := range blocks {
		switch b.Table {
		case "t2":
			fillT2(t, r, b)
		case "t3":
			fillT3(t, r, b, o)
		case "t4":
			fillT4(t, r, b)
		}
	}
	c := *r
	clean = &c

	odd := 0 // percentage of cells made blank, / or text
	if !o.NumbersOnly {
		odd = rapid.SampledFrom([]int{0, 0, 0, 2, 10, 40}).Draw(t, "odd cells %")
	}
	for _, b := range blocks {
		if odd == 0 {
			break
		}
		for _, c := range b.AllCells() {
			p := r.CellPtr(c.Ref)
			if p.Kind != nianbao.Absent && rapid.IntRange(0, 99).Draw(t, "odd") < odd {
				c := OddCell().Draw(t, "odd cell")
				if o.NoText && c.Kind == nianbao.Text {
					c = nianbao.NACell()
				}
				*p = c
			}
		}
	}

	sections(t, r)
	return r, clean, blocks
}

// scale draws the magnitude of a report's counts.
func scale(t *rapid.T, label string) int64 {
	return rapid.SampledFrom([]int64{0, 3, 30, 3000}).Draw(t, label)
}

func count(t *rapid.T, max int64) int64 {
	if max == 0 {
		return 0
	}
	return rapid.Int64Range(0, max).Draw(t, "n")
}

func fillT2(t *rapid.T, r *nianbao.Report, b schema.Block) {
	max := scale(t, "scale "+b.ID)
	for _, c := range b.Cells() {
		var cell nianbao.Cell
		switch c.Kind {
		case schema.SignedCount:
			cell = nianbao.IntCell(rapid.Int64Range(-max, max).Draw(t, "change"))
		case schema.Amount, schema.Money:
			cell = Decimal().Draw(t, "amount")
		default:
			cell = nianbao.IntCell(count(t, max))
		}
		*r.CellPtr(c.Ref) = cell
	}
}

// fillT3 fills table 3 so that its arithmetic holds: per applicant column,
// result rows drawn, （七）总计 their sum, 四、结转 drawn, 二、上年结转 at most
// 总计 + 结转 and 一、新收 the rest; per row, 总计 the sum of the six applicant
// columns; subtotal rows and the subtotal column the sums of their parts.
func fillT3(t *rapid.T, r *nianbao.Report, b schema.Block, o Options) {
	max := scale(t, "scale t3")
	var results []schema.Row
	for _, row := range b.Rows {
		if len(row.Groups) > 0 && row.Name != "total" {
			results = append(results, row)
		}
	}
	set := func(row, col string, n int64) { *r.CellPtr(b.Ref(row, col)) = nianbao.IntCell(n) }
	get := func(row, col string) int64 { n, _ := r.CellPtr(b.Ref(row, col)).Int64(); return n }
	var applicants []schema.Column
	for _, c := range b.Columns {
		if c.Name != "total" {
			applicants = append(applicants, c)
		}
	}
	for _, c := range applicants {
		var total int64
		for _, row := range results {
			n := count(t, max)
			set(row.Name, c.Name, n)
			total += n
		}
		set("total", c.Name, total)
		forward := count(t, max)
		set("carried_forward", c.Name, forward)
		over := rapid.Int64Range(0, total+forward).Draw(t, "carried over")
		set("carried_over", c.Name, over)
		set("new", c.Name, total+forward-over)
	}
	var extraRows []schema.Row
	if !o.NoExtras {
		for _, x := range b.ExtraRows {
			if rapid.IntRange(0, 9).Draw(t, "subtotal row "+x.Name) == 0 {
				extraRows = append(extraRows, x)
				for _, c := range applicants {
					var s int64
					for _, part := range x.Sum {
						s += get(part, c.Name)
					}
					set(x.Name, c.Name, s)
				}
			}
		}
	}
	rows := append(append([]schema.Row(nil), b.Rows...), extraRows...)
	for _, row := range rows {
		var s int64
		for _, c := range applicants {
			s += get(row.Name, c.Name)
		}
		set(row.Name, "total", s)
	}
	if !o.NoExtras {
		for _, x := range b.ExtraColumns {
			if rapid.IntRange(0, 9).Draw(t, "subtotal column "+x.Name) != 0 {
				continue
			}
			for _, row := range rows {
				var s int64
				for _, part := range x.Sum {
					s += get(row.Name, part)
				}
				set(row.Name, x.Name, s)
			}
		}
	}
}

// fillT4 fills table 4 so that each row's 总计 is the sum of the others.
func fillT4(t *rapid.T, r *nianbao.Report, b schema.Block) {
	max := scale(t, "scale t4")
	for _, row := range b.Rows {
		var s int64
		for _, c := range b.Columns {
			if c.Name == "total" {
				continue
			}
			n := count(t, max)
			s += n
			*r.CellPtr(b.Ref(row.Name, c.Name)) = nianbao.IntCell(n)
		}
		*r.CellPtr(b.Ref(row.Name, "total")) = nianbao.IntCell(s)
	}
}

// Decimal returns a generator of non-negative decimal number cells as
// amounts are written: "0", "12", "96171.6", "0.35", "1.50".
func Decimal() *rapid.Generator[nianbao.Cell] {
	return rapid.Custom(func(t *rapid.T) nianbao.Cell {
		whole := rapid.SampledFrom([]int64{0, 1, 12, 480, 96171, 251000}).Draw(t, "whole")
		s := strconv.FormatInt(whole, 10)
		if frac := rapid.SampledFrom([]string{"", "", "5", "6", "35", "50", "05", "125"}).Draw(t, "fraction"); frac != "" {
			s += "." + frac
		}
		return nianbao.MustNum(s)
	})
}

// textValues are the texts real reports write in table cells instead of a
// number. Each reads back as a text cell.
var textValues = []string{"无", "不适用", "未统计", "暂无", "见附注", "0件", "※", "a|b", `1\2`, "约3", "N/A"}

// OddCell returns a generator of the cells that are not numbers: blank,
// not applicable, or text.
func OddCell() *rapid.Generator[nianbao.Cell] {
	return rapid.Custom(func(t *rapid.T) nianbao.Cell {
		switch rapid.IntRange(0, 3).Draw(t, "odd kind") {
		case 0, 1:
			return nianbao.BlankCell()
		case 2:
			return nianbao.NACell()
		}
		return nianbao.TextCell(rapid.SampledFrom(textValues).Draw(t, "text"))
	})
}

var (
	places   = []string{"芜湖市", "卫滨区", "盐池县", "资兴市", "上海市", "黄浦区", "成都市武侯区", "怀化市", "杨凌示范区", "某县"}
	agencies = []string{"医疗保障局", "卫生健康局", "人民政府办公室", "生态环境局", "市场监督管理局", "教育局", "财政局", "自然资源和规划局", "人力资源和社会保障局", "交通运输委员会"}
)

// Agency returns a generator of agency names: a place and an agency from
// small pools, e.g. 卫滨区医疗保障局.
func Agency() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		return rapid.SampledFrom(places).Draw(t, "place") + rapid.SampledFrom(agencies).Draw(t, "agency")
	})
}

// meta draws the metadata and sets the title, preamble and signature that
// carry it.
func meta(t *rapid.T, r *nianbao.Report) {
	r.Agency = Agency().Draw(t, "agency")
	r.Year = rapid.IntRange(2019, 2025).Draw(t, "year")
	r.Title = fmt.Sprintf("%s%d年政府信息公开工作年度报告", r.Agency, r.Year)
	if rapid.IntRange(0, 3).Draw(t, "preamble") > 0 {
		r.Period = fmt.Sprintf("%d年1月1日至%d年12月31日", r.Year, r.Year)
		lines := []string{"本报告中所列数据的统计期限为" + r.Period + "。"}
		if rapid.Bool().Draw(t, "preamble before") {
			lines = append([]string{"根据《中华人民共和国政府信息公开条例》规定，编制本报告。"}, lines...)
		}
		if rapid.Bool().Draw(t, "preamble after") {
			lines = append(lines, "如对本报告有任何疑问，请与"+r.Agency+"办公室联系（联系电话：0553-3889387）。")
		}
		r.Preamble = strings.Join(lines, "\n")
	}
	if rapid.IntRange(0, 4).Draw(t, "signature") > 0 {
		r.Published = fmt.Sprintf("%d年%d月%d日", r.Year+1, rapid.IntRange(1, 3).Draw(t, "month"), rapid.IntRange(1, 28).Draw(t, "day"))
		r.Signature = r.Agency + "\n" + r.Published
	}
}

// sentences are lines of ordinary report prose.
var sentences = []string{
	"我局高度重视政府信息公开工作，严格落实《中华人民共和国政府信息公开条例》。",
	"全年主动公开政府信息800余条，其中政策解读13条。",
	"一是持续推进政务信息主动公开；二是切实做好回应关切工作。",
	"坚持以“公开为常态、不公开为例外”的原则，及时发布惠民政策。",
	"本年度未收到政府信息公开申请，未发生行政复议和行政诉讼。",
	"信息公开标准还不够高，公开内容还有改进空间：更新还需更及时！",
	"下一步，我局将进一步加强制度建设，扩展公开范围？",
	"本年度收取信息处理费0元。",
	"2023年，我局认真贯彻市委、市政府部署，共制发文件54件，占比35%。",
	"（联系电话：0553-3889387；地址：瑞祥路88号）",
	"通过政府门户网站、微信公众号“出彩卫滨”等渠道发布信息。",
}

// tricky are lines that look like something other than prose: headings,
// table rows, captions, values, page numbers, dates, Markdown.
var tricky = []string{
	"一、这一行像是章节标题",
	"（一）主动公开情况",
	"(二)依申请公开情况",
	"1.属于国家秘密的信息不予公开。",
	"3、加强培训",
	"第二十条第（一）项",
	"规章 | 0 | 0 | 0",
	"| 信息内容 | 本年制发件数 |",
	"行政许可\t1104",
	"规章\t0\t0\t0",
	"自然人 商业企业 科研机构",
	"总计：4件",
	"# 不是标题",
	"**加粗的说明**",
	"- 3 -",
	"——以上为本年度情况",
	"12",
	"/",
	"2024年1月20日",
	`\反斜杠开头`,
	"> 引用",
	"a|b|c",
	"五、存在的主要问题及改进情况（续）",
	"四、结转下年度继续办理 0",
}

// Text returns a generator of free text: 0 to 4 lines of prose, with lines
// that look like table syntax, headings or values mixed in. Lines are
// trimmed and non-empty.
func Text() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		n := rapid.IntRange(0, 4).Draw(t, "lines")
		lines := make([]string, 0, n)
		for range n {
			if rapid.IntRange(0, 2).Draw(t, "tricky") == 0 {
				lines = append(lines, rapid.SampledFrom(tricky).Draw(t, "tricky line"))
			} else {
				lines = append(lines, rapid.SampledFrom(sentences).Draw(t, "line"))
			}
		}
		return strings.Join(lines, "\n")
	})
}

// sections draws the report's sections: the six of the template in order
// (sometimes with a variant heading, sometimes followed by a seventh
// section the template does not have).
func sections(t *rapid.T, r *nianbao.Report) {
	for _, s := range schema.Sections {
		heading := s.Heading
		if len(s.Variants) > 0 && rapid.IntRange(0, 4).Draw(t, "variant heading") == 0 {
			num, _, _ := strings.Cut(s.Heading, "、")
			heading = num + "、" + rapid.SampledFrom(s.Variants).Draw(t, "variant")
		}
		text := ""
		if s.Table == "" || rapid.IntRange(0, 2).Draw(t, "text before table") == 0 {
			text = Text().Draw(t, "text")
		}
		r.Sections = append(r.Sections, nianbao.Section{Number: s.Number, Heading: heading, Text: text})
	}
	if rapid.IntRange(0, 5).Draw(t, "extra section") == 0 {
		r.Sections = append(r.Sections, nianbao.Section{
			Heading: rapid.SampledFrom([]string{"七、下一步工作计划", "七、附件", "八、其他说明"}).Draw(t, "extra heading"),
			Text:    Text().Draw(t, "extra text"),
		})
	}
}
