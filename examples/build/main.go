// Build shows how to create a report in Go — metadata, sections and table
// cells — and write it in the canonical text form with nianbao.Render. The
// output reads back with nianbao.Parse to the same report.
//
//	go run ./examples/build > report.md
package main

import (
	"log"
	"os"

	"github.com/opengovcn/nianbao"
)

func main() {
	log.SetFlags(0)
	const agency = "示例市数据资源局"
	// NewReport gives every cell of the 2021 layout, blank.
	r := nianbao.NewReport(nianbao.E2021)
	r.Agency, r.Year = agency, 2024
	r.Title = agency + "2024年政府信息公开工作年度报告"
	r.Period = "2024年1月1日至2024年12月31日"
	r.Preamble = "本报告中所列数据的统计期限为" + r.Period + "。"
	r.Published = "2025年1月20日"
	r.Signature = agency + "\n" + r.Published
	r.Sections = []nianbao.Section{
		{Number: 1, Heading: "一、总体情况", Text: "2024年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。"},
		{Number: 2, Heading: "二、主动公开政府信息情况"},
		{Number: 3, Heading: "三、收到和处理政府信息公开申请情况"},
		{Number: 4, Heading: "四、政府信息公开行政复议、行政诉讼情况"},
		{Number: 5, Heading: "五、存在的主要问题及改进情况", Text: "主动公开的深度还需加强。"},
		{Number: 6, Heading: "六、其他需要报告的事项", Text: "本年度未收取信息处理费。"},
	}

	// Cells can be set through typed fields…
	t3 := &r.Requests
	t3.New.NaturalPerson, t3.New.Commercial, t3.New.Total = nianbao.IntCell(12), nianbao.IntCell(3), nianbao.IntCell(15)
	t3.Granted.NaturalPerson, t3.Granted.Total = nianbao.IntCell(9), nianbao.IntCell(9)
	t3.Partial.Commercial, t3.Partial.Total = nianbao.IntCell(3), nianbao.IntCell(3)
	t3.UnavailableNotHeld.NaturalPerson, t3.UnavailableNotHeld.Total = nianbao.IntCell(3), nianbao.IntCell(3)
	t3.Total.NaturalPerson, t3.Total.Commercial, t3.Total.Total = nianbao.IntCell(12), nianbao.IntCell(3), nianbao.IntCell(15)

	// …or by reference. Decimal amounts stay exact strings of digits.
	set := func(ref string, c nianbao.Cell) {
		if err := r.SetCell(ref, c); err != nil {
			log.Fatal(err)
		}
	}
	set("t2.regulations.issued", nianbao.IntCell(0))
	set("t2.normative_docs.issued", nianbao.IntCell(2))
	set("t2.normative_docs.in_force", nianbao.IntCell(17))
	set("t2.licensing.decisions", nianbao.IntCell(1204))
	set("t2.fees.amount", nianbao.MustNum("12.5"))
	set("t2.coercion.decisions", nianbao.NACell())
	set("t4.review.upheld", nianbao.IntCell(1))
	set("t4.review.total", nianbao.IntCell(1))

	// Every cell left blank so far becomes 0: blank is not 0, and a report
	// should say 0 where it means it.
	for _, rc := range r.Cells() {
		if rc.Kind == nianbao.Blank {
			set(rc.Ref, nianbao.IntCell(0))
		}
	}

	if err := nianbao.Render(os.Stdout, r); err != nil {
		log.Fatal(err)
	}
}
