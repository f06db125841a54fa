// Command gencorpus writes generated annual reports into a directory, one
// text file each, for measuring the CLI on many files:
//
//	go run ./internal/cmd/gencorpus -n 10000 /tmp/nianbao-corpus
//	time nianbao validate /tmp/nianbao-corpus >/dev/null
//
// The reports come from the property generator (internal/gen: valid
// reports, one in four of the 2019 edition) with fixed seeds, so the same
// flags always write the same files. Each report is
// written in its canonical text form, then its tables are re-delimited in
// turn with pipes, tabs and runs of spaces, with full-width and half-width
// characters swapped in tables and CRLF line ends in every fourth file
// (internal/noise), so the parser sees the shapes published reports have.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/gen"
	"github.com/opengovcn/nianbao/internal/noise"
)

func main() {
	n := flag.Int("n", 10000, "number of reports to write")
	seed := flag.Int("seed", 1, "seed of the first report; report i uses seed+i")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: gencorpus [-n N] [-seed S] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				if err := write(dir, *seed+i, i); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for i := range *n {
		next <- i
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	default:
	}
}

// write writes report number i, generated from seed.
func write(dir string, seed, i int) error {
	e := nianbao.E2021
	if i%4 == 0 {
		e = nianbao.E2019
	}
	r := gen.ValidReport(e).Example(seed)
	text := string(nianbao.Format(r))
	rng := noise.New(uint64(seed))
	if out, ok := noise.Tables(text, []noise.Style{noise.Pipe, noise.Tab, noise.Spaces}[i%3]); ok {
		text = out
	}
	if i%2 == 1 {
		text = noise.Width(text, rng)
	}
	if i%4 == 3 {
		text = noise.CRLF(text)
	}
	return os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.txt", i)), []byte(text), 0o644)
}
