package nianbao_test

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/opengovcn/nianbao"
)

// benchHostileInputs are the inputs of BenchmarkHostile: ordinary text and
// HTML reports, and hostile ones, text and HTML.
func benchHostileInputs(b *testing.B) []struct {
	name string
	src  []byte
} {
	b.Helper()
	read := func(name string) string {
		src, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		return string(src)
	}
	seed := read(hostileSeed)
	page := read(hostilePageFile)
	body := strings.LastIndex(page, "</body>")
	inPage := func(markup string) string { return page[:body] + markup + page[body:] }
	s1 := strings.Index(seed, "## 一、总体情况")
	s2 := strings.Index(seed, "## 二、主动公开政府信息情况")
	narrative := seed[s1+len("## 一、总体情况") : s2]
	return []struct {
		name string
		src  []byte
	}{
		{"text/seed 004", []byte(seed)},
		{"text/seed 004 CRLF", []byte(strings.ReplaceAll(seed, "\n", "\r\n"))},
		{"text/seed 004 CR", []byte(strings.ReplaceAll(seed, "\n", "\r"))},
		{"text/8 MB narrative", []byte(seed[:s2] + strings.Repeat(narrative, 8<<20/len(narrative)) + seed[s2:])},
		{"text/100,000 table rows", []byte(seed[:s2] + strings.Repeat("行政处罚\t1\t2\t3\n", 100_000) + seed[s2:])},
		{"html/report2021.html", []byte(page)},
		{"html/corpus 044", []byte(read("testdata/corpus/044_pingtan_zfyj_2025_html.txt"))},
		{"html/8 MB narrative", []byte(inPage(strings.Repeat("<p style=\"text-indent:2em\"><span>本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。</span></p>\n", 8<<20/120)))},
		{"html/100,000 table rows", []byte(inPage("<table>" + strings.Repeat("<tr><td>行政处罚</td><td>1</td><td>2</td><td>3</td></tr>\n", 100_000) + "</table>"))},
		{"html/40,000 cells wide", []byte(inPage("<table><tr>" + strings.Repeat("<td>1</td>", 40_000) + "</tr>" + strings.Repeat("<tr><td>x</td></tr>\n", 20_000) + "</table>"))},
		{"html/128 rowspans over 100,000 rows", []byte(inPage("<table><tr>" + strings.Repeat("<td rowspan=0>1</td>", 128) + "</tr>" + strings.Repeat("<tr>", 100_000) + "</table>"))},
		{"html/nested 100,000 deep", []byte(inPage(strings.Repeat("<div><span>", 100_000) + "x" + strings.Repeat("</span></div>", 100_000)))},
	}
}

// BenchmarkHostile reports the time and memory of Parse per input byte on
// ordinary and hostile inputs, text and HTML: MB/s and B/op as usual, and
// two metrics per input byte, alloc-B/byte (all Parse allocates, B/op over
// the input's length) and peak-B/byte (the heap's peak above where it
// started during one Parse, garbage not yet collected included, as a
// process's memory has it). Measured, not asserted: TestHostileInputs
// bounds them generously.
func BenchmarkHostile(b *testing.B) {
	for _, in := range benchHostileInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			nianbao.Parse(in.src) // warm: package state made on first use is no input's
			peak := peakHeap(func() { nianbao.Parse(in.src) })
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			n := 0
			for b.Loop() {
				if _, err := nianbao.Parse(in.src); err != nil {
					b.Fatal(err)
				}
				n++
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(n)/float64(len(in.src)), "alloc-B/byte")
			b.ReportMetric(float64(peak)/float64(len(in.src)), "peak-B/byte")
		})
	}
}

// BenchmarkValidateLongNumber validates a report whose table 3 holds a
// count of 3,000,000 digits (issue 16: 111 s and 5 MB a finding).
func BenchmarkValidateLongNumber(b *testing.B) {
	for _, digits := range []int{300_000, 3_000_000} {
		src := longNumber(b, digits)
		r, err := nianbao.Parse(src)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%d digits", digits), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				nianbao.Validate(r)
			}
		})
	}
}
