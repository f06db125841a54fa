// Validatedir shows how to validate every report in a directory and print a
// summary: how many reports have errors and which rules fail most often. It
// also checks the reports of each agency as a year-over-year series.
//
//	go run ./examples/validatedir testdata/validate
package main

import (
	"cmp"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/opengovcn/nianbao"
)

func main() {
	log.SetFlags(0)
	if len(os.Args) != 2 {
		log.Fatal("usage: validatedir DIR")
	}
	var reports []*nianbao.Report
	counts := map[string]int{} // findings by rule code
	withErrors, unreadable := 0, 0
	err := filepath.WalkDir(os.Args[1], func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		r, err := (&nianbao.Parser{Filename: path}).Parse(src)
		if r == nil {
			fmt.Printf("%s: %v\n", path, err) // not a report, unsupported format, encoding
			unreadable++
			return nil
		}
		reports = append(reports, r)
		findings := nianbao.Validate(r)
		if nianbao.HasErrors(findings) {
			withErrors++
		}
		for _, f := range findings {
			counts[f.Code]++
			if f.Severity == nianbao.SeverityError {
				f.File = path
				fmt.Println(f) // file:line:col: error: message [code]
			}
		}
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range nianbao.ValidateSeries(reports) {
		counts[f.Code]++
	}

	fmt.Printf("\n%d reports, %d with errors, %d not read\n", len(reports), withErrors, unreadable)
	codes := make([]string, 0, len(counts))
	for c := range counts {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b string) int { return cmp.Or(counts[b]-counts[a], strings.Compare(a, b)) })
	for _, c := range codes {
		fmt.Printf("%5d  %s\n", counts[c], c)
	}
}
