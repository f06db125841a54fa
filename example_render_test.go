package nianbao_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/opengovcn/nianbao"
)

// Render writes the canonical text form: title, sections, and the tables
// of sections 2–4 with the official labels of the report's edition.
func ExampleRender() {
	r := nianbao.NewReport(nianbao.E2021)
	r.Title = "某县教育局2023年政府信息公开工作年度报告"
	r.Sections = []nianbao.Section{
		{Number: 1, Heading: "一、总体情况", Text: "2023年，我局共收到政府信息公开申请4件。\n一、这一行会被转义。"},
		{Number: 2, Heading: "二、主动公开政府信息情况"},
		{Number: 3, Heading: "三、收到和处理政府信息公开申请情况"},
		{Number: 4, Heading: "四、政府信息公开行政复议、行政诉讼情况"},
	}
	r.SetCell("t2.regulations.issued", nianbao.IntCell(2))
	r.SetCell("t2.fees.amount", nianbao.MustNum("96171.6"))
	r.SetCell("t3.new.natural_person", nianbao.IntCell(4))
	r.SetCell("t3.new.total", nianbao.IntCell(4))
	r.SetCell("t4.review.total", nianbao.NACell())
	if err := nianbao.Render(os.Stdout, r); err != nil {
		fmt.Println(err)
	}
	// Output:
	// # 某县教育局2023年政府信息公开工作年度报告
	//
	// ## 一、总体情况
	//
	// 2023年，我局共收到政府信息公开申请4件。
	//
	// \一、这一行会被转义。
	//
	// ## 二、主动公开政府信息情况
	//
	// **第二十条第（一）项**
	//
	// | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
	// | --- | --- | --- | --- |
	// | 规章 | 2 |  |  |
	// | 行政规范性文件 |  |  |  |
	//
	// **第二十条第（五）项**
	//
	// | 信息内容 | 本年处理决定数量 |
	// | --- | --- |
	// | 行政许可 |  |
	//
	// **第二十条第（六）项**
	//
	// | 信息内容 | 本年处理决定数量 |
	// | --- | --- |
	// | 行政处罚 |  |
	// | 行政强制 |  |
	//
	// **第二十条第（八）项**
	//
	// | 信息内容 | 本年收费金额（单位：万元） |
	// | --- | --- |
	// | 行政事业性收费 | 96171.6 |
	//
	// ## 三、收到和处理政府信息公开申请情况
	//
	// | （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
	// | --- | --- | --- | --- | --- | --- | --- | --- |
	// | 一、本年新收政府信息公开申请数量 | 4 |  |  |  |  |  | 4 |
	// | 二、上年结转政府信息公开申请数量 |  |  |  |  |  |  |  |
	// | 三、本年度办理结果 （一）予以公开 |  |  |  |  |  |  |  |
	// | （二）部分公开（区分处理的，只计这一情形，不计其他情形） |  |  |  |  |  |  |  |
	// | （三）不予公开 1.属于国家秘密 |  |  |  |  |  |  |  |
	// | 2.其他法律行政法规禁止公开 |  |  |  |  |  |  |  |
	// | 3.危及“三安全一稳定” |  |  |  |  |  |  |  |
	// | 4.保护第三方合法权益 |  |  |  |  |  |  |  |
	// | 5.属于三类内部事务信息 |  |  |  |  |  |  |  |
	// | 6.属于四类过程性信息 |  |  |  |  |  |  |  |
	// | 7.属于行政执法案卷 |  |  |  |  |  |  |  |
	// | 8.属于行政查询事项 |  |  |  |  |  |  |  |
	// | （四）无法提供 1.本机关不掌握相关政府信息 |  |  |  |  |  |  |  |
	// | 2.没有现成信息需要另行制作 |  |  |  |  |  |  |  |
	// | 3.补正后申请内容仍不明确 |  |  |  |  |  |  |  |
	// | （五）不予处理 1.信访举报投诉类申请 |  |  |  |  |  |  |  |
	// | 2.重复申请 |  |  |  |  |  |  |  |
	// | 3.要求提供公开出版物 |  |  |  |  |  |  |  |
	// | 4.无正当理由大量反复申请 |  |  |  |  |  |  |  |
	// | 5.要求行政机关确认或重新出具已获取信息 |  |  |  |  |  |  |  |
	// | （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |  |  |  |  |  |  |  |
	// | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 |  |  |  |  |  |  |  |
	// | 3.其他 |  |  |  |  |  |  |  |
	// | （七）总计 |  |  |  |  |  |  |  |
	// | 四、结转下年度继续办理 |  |  |  |  |  |  |  |
	//
	// ## 四、政府信息公开行政复议、行政诉讼情况
	//
	// | 行政复议、行政诉讼 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
	// | --- | --- | --- | --- | --- | --- |
	// | 行政复议 |  |  |  |  | / |
	// | 行政诉讼 未经复议直接起诉 |  |  |  |  |  |
	// | 复议后起诉 |  |  |  |  |  |
}

// Format returns the canonical form as bytes; a report has exactly one, so
// formatting is idempotent.
func ExampleFormat() {
	r := nianbao.NewReport(nianbao.E2019)
	r.SetCell("t2.licensing.change", nianbao.IntCell(-3))
	r.SetCell("t2.procurement.amount", nianbao.MustNum("251000"))
	out := nianbao.Format(r)
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "| 行政许可") || strings.HasPrefix(line, "| 政府集中采购") {
			fmt.Println(line)
		}
	}
	back, err := nianbao.Parse(out)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bytes.Equal(nianbao.Format(back), out))
	// Output:
	// | 行政许可 |  | -3 |  |
	// | 政府集中采购 |  | 251000 |
	// true
}

// WriteCSV writes one record per cell, in the long form
// table,row,column,value.
func ExampleWriteCSV() {
	r := nianbao.NewReport(nianbao.E2021)
	r.SetCell("t4.review.upheld", nianbao.IntCell(1))
	r.SetCell("t4.review.other", nianbao.NACell())
	r.SetCell("t4.review.total", nianbao.TextCell("见附注"))
	var buf bytes.Buffer
	if err := nianbao.WriteCSV(&buf, r); err != nil {
		fmt.Println(err)
	}
	lines := strings.Split(buf.String(), "\n")
	fmt.Println(lines[0])
	for _, l := range lines {
		if strings.HasPrefix(l, "t4,review,") {
			fmt.Println(l)
		}
	}
	// Output:
	// table,row,column,value
	// t4,review,upheld,1
	// t4,review,corrected,
	// t4,review,other,/
	// t4,review,pending,
	// t4,review,total,见附注
}

// RenderDOCX writes a Word document in the official layout, which Parse
// reads back as the same report.
func ExampleRenderDOCX() {
	r := nianbao.NewReport(nianbao.E2021)
	r.Title = "某县教育局2023年政府信息公开工作年度报告"
	r.Sections = []nianbao.Section{
		{Number: 1, Heading: "一、总体情况", Text: "2023年，我局共收到政府信息公开申请4件。"},
		{Number: 2, Heading: "二、主动公开政府信息情况"},
		{Number: 3, Heading: "三、收到和处理政府信息公开申请情况"},
		{Number: 4, Heading: "四、政府信息公开行政复议、行政诉讼情况"},
	}
	r.SetCell("t2.fees.amount", nianbao.MustNum("96171.6"))
	r.SetCell("t3.new.natural_person", nianbao.IntCell(4))
	r.SetCell("t3.new.total", nianbao.IntCell(4))
	r.SetCell("t4.review.total", nianbao.NACell())
	var docx bytes.Buffer // in a program: an *os.File named 年报.docx
	if err := nianbao.RenderDOCX(&docx, r); err != nil {
		fmt.Println(err)
		return
	}
	back, err := nianbao.Parse(docx.Bytes())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.Title)
	for _, ref := range []string{"t2.fees.amount", "t3.new.total", "t3.new.commercial", "t4.review.total"} {
		c, _ := back.Cell(ref)
		fmt.Printf("%s %s %q\n", ref, c.Kind, c.Value)
	}
	fmt.Println(bytes.Equal(nianbao.Format(back), nianbao.Format(r)))
	// Output:
	// 某县教育局2023年政府信息公开工作年度报告
	// t2.fees.amount number "96171.6"
	// t3.new.total number "4"
	// t3.new.commercial blank ""
	// t4.review.total not_applicable ""
	// true
}
