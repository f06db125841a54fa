package main

import (
	"bytes"
	"fmt"
	"strings"
)

// unifiedDiff returns the differences between a and b as a unified diff with
// three lines of context, headed "--- aName" and "+++ bName", or nil when
// they are equal. Lines are compared whole; the diff is a longest common
// subsequence of lines after the common prefix and suffix are set aside.
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

// maxDiffCells bounds the LCS table; larger middles are diffed as one
// replacement.
const maxDiffCells = 16 << 20

// diffLines returns an edit script turning x into y.
func diffLines(x, y []string) []diffOp {
	var ops []diffOp
	p := 0
	for p < len(x) && p < len(y) && x[p] == y[p] {
		ops = append(ops, diffOp{' ', p, p})
		p++
	}
	s := 0
	for s < len(x)-p && s < len(y)-p && x[len(x)-1-s] == y[len(y)-1-s] {
		s++
	}
	mx, my := x[p:len(x)-s], y[p:len(y)-s]
	n, m := len(mx), len(my)
	if n*m > maxDiffCells {
		for i := range mx {
			ops = append(ops, diffOp{'-', p + i, p})
		}
		for j := range my {
			ops = append(ops, diffOp{'+', p + n, p + j})
		}
	} else {
		// lcs[i][j] is the LCS length of mx[i:] and my[j:].
		lcs := make([][]int32, n+1)
		for i := range lcs {
			lcs[i] = make([]int32, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if mx[i] == my[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && mx[i] == my[j]:
				ops = append(ops, diffOp{' ', p + i, p + j})
				i++
				j++
			case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
				ops = append(ops, diffOp{'-', p + i, p + j})
				i++
			default:
				ops = append(ops, diffOp{'+', p + i, p + j})
				j++
			}
		}
	}
	for k := 0; k < s; k++ {
		ops = append(ops, diffOp{' ', len(x) - s + k, len(y) - s + k})
	}
	return ops
}
