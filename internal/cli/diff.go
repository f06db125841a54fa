package cli

import (
	"bytes"
	"fmt"
	"strings"
)

// unifiedDiff returns the differences between a and b as a unified diff with
// three lines of context, headed "--- aName" and "+++ bName", or nil when
// they are equal. Lines are compared whole (see diffLines).
func unifiedDiff(aName, bName string, a, b []byte) []byte {
	if bytes.Equal(a, b) {
		return nil
	}
	x, y := splitLines(a), splitLines(b)
	ops := diffLines(x, y)
	var out bytes.Buffer
	fmt.Fprintf(&out, "diff -u %s %s\n--- %s\n+++ %s\n", aName, bName, aName, bName)
	const context = 3
	// Group the edit script into hunks.
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-context, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			// A run of equal lines: does the hunk go on after it?
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run < len(ops) && run-end <= 2*context {
				end = run
				continue
			}
			end = min(end+context, len(ops))
			break
		}
		var aStart, bStart, aLen, bLen int
		aStart, bStart = ops[start].ai, ops[start].bi
		var body strings.Builder
		for _, op := range ops[start:end] {
			switch op.kind {
			case ' ':
				aLen++
				bLen++
				body.WriteString(" " + x[op.ai])
			case '-':
				aLen++
				body.WriteString("-" + x[op.ai])
			case '+':
				bLen++
				body.WriteString("+" + y[op.bi])
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(aStart, aLen), hunkRange(bStart, bLen))
		out.WriteString(body.String())
		i = end
	}
	return out.Bytes()
}

// hunkRange formats the start (0-based) and length of a hunk side.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start) // the line before the empty range
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

// splitLines splits text into lines that keep their "\n"; a last line
// without one gets "\n\\ No newline at end of file\n" appended, as diff
// writes it.
func splitLines(b []byte) []string {
	var lines []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			lines = append(lines, string(b)+"\n\\ No newline at end of file\n")
			break
		}
		lines = append(lines, string(b[:i+1]))
		b = b[i+1:]
	}
	return lines
}

type diffOp struct {
	kind   byte // ' ', '-' or '+'
	ai, bi int  // line index in a and b where the op applies
}

// maxDiffCells bounds the LCS table; larger ranges are diffed as one
// replacement.
const maxDiffCells = 16 << 20

// diffLines returns an edit script turning x into y. It is a patience diff:
// lines that occur exactly once in both texts anchor the alignment (their
// longest increasing run), the ranges between anchors are diffed the same
// way, and a range without such lines falls back to a longest common
// subsequence. Anchoring on unique lines keeps blank and repeated lines from
// pairing up across unrelated changes.
func diffLines(x, y []string) []diffOp {
	var ops []diffOp
	patience(x, y, 0, 0, &ops)
	return ops
}

func patience(x, y []string, xo, yo int, ops *[]diffOp) {
	// Common prefix and suffix.
	p := 0
	for p < len(x) && p < len(y) && x[p] == y[p] {
		*ops = append(*ops, diffOp{' ', xo + p, yo + p})
		p++
	}
	s := 0
	for s < len(x)-p && s < len(y)-p && x[len(x)-1-s] == y[len(y)-1-s] {
		s++
	}
	mx, my := x[p:len(x)-s], y[p:len(y)-s]
	mxo, myo := xo+p, yo+p
	if anchors := uniqueAnchors(mx, my); len(anchors) > 0 {
		i, j := 0, 0
		for _, a := range anchors {
			patience(mx[i:a[0]], my[j:a[1]], mxo+i, myo+j, ops)
			*ops = append(*ops, diffOp{' ', mxo + a[0], myo + a[1]})
			i, j = a[0]+1, a[1]+1
		}
		patience(mx[i:], my[j:], mxo+i, myo+j, ops)
	} else {
		lcsDiff(mx, my, mxo, myo, ops)
	}
	for k := 0; k < s; k++ {
		*ops = append(*ops, diffOp{' ', xo + len(x) - s + k, yo + len(y) - s + k})
	}
}

// uniqueAnchors returns the pairs (i, j) with x[i] == y[j] where the line
// occurs once in x and once in y, reduced to their longest run increasing
// in both i and j.
func uniqueAnchors(x, y []string) [][2]int {
	type count struct{ nx, ny, i, j int }
	counts := map[string]*count{}
	for i, l := range x {
		c := counts[l]
		if c == nil {
			c = &count{}
			counts[l] = c
		}
		c.nx++
		c.i = i
	}
	for j, l := range y {
		if c := counts[l]; c != nil {
			c.ny++
			c.j = j
		}
	}
	var pairs [][2]int // in x order
	for i, l := range x {
		if c := counts[l]; c.nx == 1 && c.ny == 1 {
			pairs = append(pairs, [2]int{i, c.j})
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	// Longest increasing subsequence of the j's (patience sorting).
	var tops []int // index into pairs of the top of each pile
	prev := make([]int, len(pairs))
	for k, pr := range pairs {
		lo, hi := 0, len(tops)
		for lo < hi {
			m := (lo + hi) / 2
			if pairs[tops[m]][1] < pr[1] {
				lo = m + 1
			} else {
				hi = m
			}
		}
		prev[k] = -1
		if lo > 0 {
			prev[k] = tops[lo-1]
		}
		if lo == len(tops) {
			tops = append(tops, k)
		} else {
			tops[lo] = k
		}
	}
	out := make([][2]int, len(tops))
	for k, n := tops[len(tops)-1], len(tops)-1; k >= 0; k, n = prev[k], n-1 {
		out[n] = pairs[k]
	}
	return out
}

// lcsDiff appends an edit script for x to y computed from a longest common
// subsequence, deletions before insertions.
//
// When the only lines in common are blank, the range is shown as one
// replacement: pairing blank lines between unrelated text only chops the
// change into pieces.
func lcsDiff(x, y []string, xo, yo int, ops *[]diffOp) {
	n, m := len(x), len(y)
	if n*m > maxDiffCells || onlyBlankInCommon(x, y) {
		for i := range x {
			*ops = append(*ops, diffOp{'-', xo + i, yo})
		}
		for j := range y {
			*ops = append(*ops, diffOp{'+', xo + n, yo + j})
		}
		return
	}
	// lcs[i][j] is the LCS length of x[i:] and y[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			*ops = append(*ops, diffOp{' ', xo + i, yo + j})
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			*ops = append(*ops, diffOp{'-', xo + i, yo + j})
			i++
		default:
			*ops = append(*ops, diffOp{'+', xo + i, yo + j})
			j++
		}
	}
}

// onlyBlankInCommon reports whether every line x and y have in common is
// blank.
func onlyBlankInCommon(x, y []string) bool {
	inX := map[string]bool{}
	for _, l := range x {
		inX[l] = true
	}
	for _, l := range y {
		if inX[l] && strings.TrimSpace(l) != "" {
			return false
		}
	}
	return true
}
