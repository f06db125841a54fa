// Exportseries shows how to turn a series of reports — one agency over
// several years, or many agencies — into a CSV table with one row per report
// and a column per cell reference you choose, sorted by agency and year.
// (The nianbao export command writes every cell; this is the small version to
// adapt.)
//
//	go run ./examples/exportseries testdata/seeds/*.txt > series.csv
package main

import (
	"cmp"
	"encoding/csv"
	"log"
	"os"
	"slices"
	"strconv"

	"github.com/opengovcn/nianbao"
)

// columns are the cells exported, by reference (see `nianbao schema`).
var columns = []string{
	"t3.new.total",             // 本年新收政府信息公开申请数量
	"t3.carried_over.total",    // 上年结转
	"t3.granted.total",         // 予以公开
	"t3.total.total",           // 总计
	"t3.carried_forward.total", // 结转下年度继续办理
	"t4.review.total",          // 行政复议
}

func main() {
	log.SetFlags(0)
	if len(os.Args) < 2 {
		log.Fatal("usage: exportseries report.txt...")
	}
	type row struct {
		file string
		r    *nianbao.Report
	}
	var rows []row
	for _, name := range os.Args[1:] {
		src, err := os.ReadFile(name)
		if err != nil {
			log.Fatal(err)
		}
		r, err := nianbao.Parse(src)
		if err != nil {
			log.Printf("skipping %s: %v", name, err)
			continue
		}
		rows = append(rows, row{name, r})
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.r.Agency, b.r.Agency), cmp.Compare(a.r.Year, b.r.Year))
	})

	w := csv.NewWriter(os.Stdout)
	w.Write(append([]string{"file", "agency", "year"}, columns...))
	for _, x := range rows {
		rec := []string{x.file, x.r.Agency, strconv.Itoa(x.r.Year)}
		for _, ref := range columns {
			c, _ := x.r.Cell(ref)
			rec = append(rec, c.String()) // digits, "" for blank, "/" for not applicable
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		log.Fatal(err)
	}
}
