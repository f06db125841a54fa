package gen_test

import (
	"fmt"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/gen"
)

// A generated report is consistent: its title names its agency and year,
// and its table 3 balances.
func ExampleValidReport() {
	r := gen.ValidReport(nianbao.E2021).Example(1)
	fmt.Println(r.Title == fmt.Sprintf("%s%d年政府信息公开工作年度报告", r.Agency, r.Year))
	n, _ := r.Requests.New.Total.Int64()
	c, _ := r.Requests.CarriedOver.Total.Int64()
	t, _ := r.Requests.Total.Total.Int64()
	f, _ := r.Requests.CarriedForward.Total.Int64()
	fmt.Println(n+c == t+f, r.Edition())
	// Output:
	// true
	// true 2021
}
