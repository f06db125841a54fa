package nianbao_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/opengovcn/nianbao"
)

// A report is read from a file by name; diagnostics and findings name it.
func ExampleParseFile() {
	r, err := nianbao.ParseFile("testdata/seeds/004_a48343d0f3c95c5a.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Agency, r.Year, r.Edition())
	fmt.Println("本年新收:", r.Requests.New.Total)

	_, err = nianbao.ParseFile("testdata/seeds/no-such-report.txt")
	fmt.Println(errors.Is(err, fs.ErrNotExist))
	// Output:
	// 芜湖市医疗保障局 2023 2021
	// 本年新收: 4
	// true
}

// A report is read from any io.Reader: an open file, standard input, the
// body of an HTTP response.
func ExampleParseReader() {
	text := `某某县人民政府办公室2024年政府信息公开工作年度报告
一、总体情况
本年度主动公开政府信息120条。
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量	3	0	0	0	0	0	3
`
	r, err := nianbao.ParseReader(strings.NewReader(text))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Agency, r.Year, r.Requests.New.Total)
	// Output:
	// 某某县人民政府办公室 2024 3
}

// Parser.ParseReader reads with the parser's options; here the name
// standard input goes by in diagnostics.
func ExampleParser_ParseReader() {
	f, err := os.Open("testdata/seeds/001_a9bda9e5e6ff3691.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	r, err := (&nianbao.Parser{Filename: "<standard input>"}).ParseReader(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Agency, len(r.Warnings) > 0, r.Warnings[0].File)
	// Output:
	// 卫滨区医疗保障局 true <standard input>
}

// Edition says which template a report's tables follow: "2019", "2021", or
// "hybrid" when its tables mix the two, as nianbao export's edition column
// does. Editions gives each table block's.
func ExampleReport_Edition() {
	for _, name := range []string{
		"testdata/seeds/000_b593140f8c7bca81.txt",
		"testdata/seeds/003_0767bf3ff397923b.txt",
		"testdata/seeds/004_a48343d0f3c95c5a.txt",
	} {
		r, err := nianbao.ParseFile(name)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(r.Edition(), r.Edition() == nianbao.Hybrid, r.Editions["t3"])
	}
	// Output:
	// hybrid true 2019
	// 2019 false 2019
	// 2021 false 2021
}

// Parser.ParseFile reads a file with the parser's options: here Strict,
// which returns the parser's repairs as errors along with the report.
func ExampleParser_ParseFile() {
	p := &nianbao.Parser{Strict: true}
	r, err := p.ParseFile("testdata/seeds/001_a9bda9e5e6ff3691.txt")
	var list nianbao.ErrorList
	fmt.Println(r.Agency, errors.As(err, &list), list[0].File)
	// Output:
	// 卫滨区医疗保障局 true testdata/seeds/001_a9bda9e5e6ff3691.txt
}
