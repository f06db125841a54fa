// Keynumbers shows how to parse annual reports and read individual cells,
// both through the typed fields of Report and through cell references such
// as "t3.new.total".
//
//	go run ./examples/keynumbers testdata/seeds/004_a48343d0f3c95c5a.txt
package main

import (
	"fmt"
	"log"
	"os"

	"github.com/opengovcn/nianbao"
)

func main() {
	log.SetFlags(0)
	if len(os.Args) < 2 {
		log.Fatal("usage: keynumbers report.txt...")
	}
	for _, name := range os.Args[1:] {
		src, err := os.ReadFile(name)
		if err != nil {
			log.Fatal(err)
		}
		r, err := (&nianbao.Parser{Filename: name}).Parse(src)
		if err != nil {
			// errors.Is(err, nianbao.ErrNotAReport), ErrUnsupportedFormat, …
			log.Fatal(err)
		}
		fmt.Printf("%s\n", name)
		fmt.Printf("  agency 机关:   %s\n", orUnknown(r.Agency))
		fmt.Printf("  year 年度:     %d\n", r.Year)
		fmt.Printf("  edition 格式:  %s\n", orUnknown(string(r.Edition())))

		// Typed fields: table 3 is r.Requests, table 4 r.Reviews.
		t3 := &r.Requests
		fmt.Printf("  requests received 本年新收申请:    %s\n", show(t3.New.Total))
		fmt.Printf("  carried over 上年结转:             %s\n", show(t3.CarriedOver.Total))
		fmt.Printf("  granted 予以公开:                  %s\n", show(t3.Granted.Total))
		fmt.Printf("  carried forward 结转下年度:        %s\n", show(t3.CarriedForward.Total))

		// Cell references name the same cells; see `nianbao schema`.
		for _, ref := range []string{"t4.review.total", "t4.suit_direct.total", "t4.suit_after_review.total"} {
			c, _ := r.Cell(ref)
			fmt.Printf("  %-27s %s\n", ref+":", show(c))
		}
		if n := len(r.Warnings); n > 0 {
			fmt.Printf("  (%d parser warnings; see r.Warnings)\n", n)
		}
	}
}

// show prints a cell: its digits, "blank", "/" or the text.
func show(c nianbao.Cell) string {
	switch c.Kind {
	case nianbao.Blank:
		return "(blank 空白)"
	case nianbao.Absent:
		return "(not in this edition)"
	}
	return c.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}
