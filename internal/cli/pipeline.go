package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// ordered runs work on every input across e.workers goroutines and calls
// emit with each result strictly in input order, as soon as that result and
// all before it are ready: the first results come out while later files are
// still being read. At most a few results per worker wait in memory.
//
// work runs concurrently and must not write to e.stdout or e.stderr; emit
// runs on the calling goroutine. Once a write to standard output has failed
// (e.failed), no more inputs are read: the output is lost anyway. While ordered runs, e.stderr shows a
// progress line when it is a terminal and the work takes more than a second;
// messages emit writes to e.stderr clear that line first.
func ordered[T any](e *env, ins []input, work func(input) T, emit func(input, T)) {
	workers := max(e.workers, 1)
	type job struct {
		in  input
		out chan T
	}
	jobs := make(chan job)
	queue := make(chan job, 4*workers) // results waiting for their turn, in input order
	stop := make(chan struct{})
	go func() {
		defer close(queue)
		defer close(jobs)
		for _, in := range ins {
			select {
			case <-stop:
				return
			default:
			}
			j := job{in: in, out: make(chan T, 1)}
			select {
			case queue <- j: // blocks when the consumer is far behind
			case <-stop:
				return
			}
			jobs <- j
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				j.out <- work(j.in)
			}
		})
	}

	p := newProgress(e.stderr, len(ins))
	savedOut, savedErr := e.stdout, e.stderr
	e.stderr = p
	if p.tty && e.stdout != nil && isTerminal(terminalOf(e)) {
		// Output on the terminal that shows the progress line clears it
		// first, as messages do.
		e.stdout = &progressOut{p: p, w: e.stdout}
	}
	defer func() {
		p.stop()
		e.stdout, e.stderr = savedOut, savedErr
	}()
	for j := range queue {
		emit(j.in, <-j.out)
		p.step()
		if e.failed() {
			close(stop)
			for range queue { // let the producer see stop
			}
			break
		}
	}
	wg.Wait()
}

// progress shows "nianbao: 12/500 个文件 / files" on a terminal when the work takes
// more than a second. It is also the io.Writer for messages while the work
// runs, so that a message never mixes with the progress line.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	tty     bool
	start   time.Time
	total   int
	done    int
	shown   bool
	stopped bool
	ticker  *time.Ticker
	quit    chan struct{}
}

// delay is how long the work must take before progress is shown. It is a
// variable for tests.
var delay = time.Second

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, tty: isTerminal(w), start: time.Now(), total: total}
	if p.tty && total > 1 {
		p.ticker = time.NewTicker(200 * time.Millisecond)
		p.quit = make(chan struct{})
		go func() {
			for {
				select {
				case <-p.ticker.C:
					p.mu.Lock()
					p.draw()
					p.mu.Unlock()
				case <-p.quit:
					return
				}
			}
		}()
	}
	return p
}

// isTerminal reports whether w is a terminal (a character device). It is a
// variable for tests.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// draw shows the progress line if it is due. The caller holds p.mu.
func (p *progress) draw() {
	if !p.tty || p.stopped || p.total < 2 || time.Since(p.start) < delay {
		return
	}
	fmt.Fprintf(p.w, "\rnianbao: %d/%d 个文件 / files", p.done, p.total)
	p.shown = true
}

// clear erases the progress line. The caller holds p.mu.
func (p *progress) clear() {
	if p.shown {
		io.WriteString(p.w, "\r\x1b[K")
		p.shown = false
	}
}

func (p *progress) step() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
}

func (p *progress) stop() {
	if p.ticker != nil {
		p.ticker.Stop()
		close(p.quit)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	p.stopped = true
}

// terminalOf returns the writer standard output ends in, past the
// outWriter that run wraps it in.
func terminalOf(e *env) io.Writer {
	if o, ok := e.stdout.(*outWriter); ok {
		return o.w
	}
	return e.stdout
}

// progressOut is standard output while a progress line may show on the
// same terminal: a write clears the line first.
type progressOut struct {
	p *progress
	w io.Writer
}

func (o *progressOut) Write(b []byte) (int, error) {
	o.p.mu.Lock()
	defer o.p.mu.Unlock()
	o.p.clear()
	return o.w.Write(b)
}

// Write writes a message, clearing the progress line first.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	return p.w.Write(b)
}
