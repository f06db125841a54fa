package nianbao_test

import (
	"fmt"

	"github.com/opengovcn/nianbao"
)

// A program that prints what nianbao validate -v prints: Parser.Validate
// names the file in every finding, and the parser's diagnostics convert to
// findings of the same form (here a page number left by PDF extraction).
// Validator selects the rules.
func ExampleValidator() {
	src := []byte(`某某县医疗保障局2023年政府信息公开工作年度报告
本报告中所列数据的统计期限为2023年1月1日至2023年12月31日。
一、总体情况
本年度新收政府信息公开申请2件。
- 2 -
四、政府信息公开行政复议、行政诉讼情况
| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |
| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
| 1 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
`)
	p := &nianbao.Parser{Filename: "report.txt"}
	r, err := p.Parse(src)
	if r == nil {
		fmt.Println(err)
		return
	}
	v := &nianbao.Validator{File: p.Filename, Source: src, Enable: []string{"t4-row-sum", "parse-artefact"}, Diagnostics: true}
	for _, f := range v.Validate(r) {
		fmt.Println(f)
	}
	for _, d := range r.Warnings {
		f := d.Finding()
		fmt.Println(f.Code, f.MessageEN)
	}
	// Output:
	// report.txt:5:1: warning: PDF 提取出的页码：“- 2 -” [parse-artefact]
	// report.txt:10:19: error: 表四“行政复议”行：总计 = 1，结果维持、结果纠正、其他结果、尚未审结之和 = 2，相差 1 [t4-row-sum]
	// parse-artefact page number from PDF extraction: "- 2 -"
}
