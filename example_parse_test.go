package nianbao_test

import (
	"fmt"

	"github.com/opengovcn/nianbao"
)

func ExampleParse() {
	src := []byte(`某某市医疗保障局2023年政府信息公开工作年度报告
一、总体情况
2023年，我局……
二、主动公开政府信息情况
第二十条第（一）项
信息内容	本年制发件数	本年废止件数	现行有效件数
规章	0	0	0
行政规范性文件	4	0	29
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量	4	0	0	0	0	0	4
四、政府信息公开行政复议、行政诉讼情况
`)
	r, err := nianbao.Parse(src)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Agency, r.Year, r.Editions["t2.1"])
	fmt.Println(r.Active.NormativeDocs.InForce, r.Requests.New.Total)
	c, _ := r.Cell("t3.carried_over.total")
	fmt.Println(c.Kind) // a row the text does not have is left blank, with a warning
	// Output:
	// 某某市医疗保障局 2023 2021
	// 29 4
	// blank
}

// A row with fewer values than cells is read only where the values'
// positions prove which cells are blank; otherwise its cells stay blank and
// a warning quotes the values. Parser.AlignShortRows opts in to the old
// guess: the values aligned to the right.
func ExampleParser_AlignShortRows() {
	src := []byte("某某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n" +
		"信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 1 2\n三、收到和处理政府信息公开申请情况\n")
	for _, p := range []*nianbao.Parser{{}, {AlignShortRows: true}} {
		r, _ := p.Parse(src)
		issued, _ := r.Cell("t2.regulations.issued")
		inForce, _ := r.Cell("t2.regulations.in_force")
		fmt.Printf("AlignShortRows=%v: issued %q, in force %q\n", p.AlignShortRows, issued.Value, inForce.Value)
	}
	// Output:
	// AlignShortRows=false: issued "", in force ""
	// AlignShortRows=true: issued "", in force "2"
}
