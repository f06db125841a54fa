package nianbao_test

import (
	"fmt"

	"github.com/opengovcn/nianbao"
)

// A report whose table 4 row does not add up: Validate names the cells, the
// sums and the difference, with the line and column of the total.
func ExampleValidate() {
	src := `某某县医疗保障局2023年政府信息公开工作年度报告
本报告中所列数据的统计期限为2023年1月1日至2023年12月31日。
一、总体情况
本年度新收政府信息公开申请2件。
四、政府信息公开行政复议、行政诉讼情况
| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |
| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
| 1 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
`
	r, err := nianbao.Parse([]byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range nianbao.Validate(r) {
		if f.Code == "t4-row-sum" {
			f.File = "report.txt"
			fmt.Println(f)
			fmt.Println(f.MessageEN)
			fmt.Println(f.Cells)
		}
	}
	// Output:
	// report.txt:9:19: error: 表四“行政复议”行：总计 = 1，结果维持、结果纠正、其他结果、尚未审结之和 = 2，相差 1 [t4-row-sum]
	// table 4, row 行政复议 (review): total = 1, upheld + corrected + other + pending = 2, difference 1
	// [t4.review.total t4.review.upheld t4.review.corrected t4.review.other t4.review.pending]
}

// Reports of one agency on consecutive years: last year's 结转下年度继续办理
// must be this year's 上年结转. The agency signed one year with its city's
// name in front: the two reports are still one series, named by the longer
// name.
func ExampleValidateSeries() {
	last := nianbao.NewReport("2021")
	last.Agency, last.Year = "某某县医疗保障局", 2022
	last.Requests.CarriedForward.Total = nianbao.IntCell(3)
	this := nianbao.NewReport("2021")
	this.Agency, this.Year = "某某市某某县医疗保障局", 2023
	this.Requests.CarriedOver.Total = nianbao.IntCell(2)
	for _, f := range nianbao.ValidateSeries([]*nianbao.Report{last, this}) {
		fmt.Println(f.Code, f.Report.Year, f.Cells)
		fmt.Println(f.Message)
	}
	// Output:
	// series-carried-over 2023 [t3.carried_over.total t3.carried_forward.total]
	// 某某市某某县医疗保障局 2023 年“二、上年结转”“总计”= 2，而 2022 年“四、结转下年度继续办理”“总计”= 3，相差 1
}
