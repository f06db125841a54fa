package pdf_test

import (
	"fmt"
	"os"

	"github.com/opengovcn/nianbao/pdf"
)

// Parse reads a report published as PDF: here nianbao's own .docx of a
// seed report with its group labels vertical, printed by LibreOffice
// (table 3 runs across two pages).
func ExampleParse() {
	src, err := os.ReadFile("testdata/seed004.nbvert.pdf")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := pdf.Parse(src)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ref := range []string{"t3.new.total", "t3.total.total"} {
		c, _ := r.Cell(ref)
		fmt.Println(ref, c.Value)
	}
	// Output:
	// t3.new.total 4
	// t3.total.total 4
}
