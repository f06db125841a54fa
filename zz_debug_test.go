package nianbao

import (
	"fmt"
	"os"
	"testing"

	"github.com/opengovcn/nianbao/schema"
)

func TestZZFind(t *testing.T) {
	f := os.Getenv("FIND")
	if f == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(f)
	r, _ := Parse(src)
	v := &validation{r: r, src: newValidationSource(src)}
	region, start := v.tableRegion("t2")
	b, _ := schema.LookupBlock(E2021, "t2.1")
	row, _ := b.Row("regulations")
	off, ok := findRowLabel(region, row, "t2", false)
	fmt.Println(ok, start, off, string([]rune(region[max(0, off-30):])[:40]))
}
