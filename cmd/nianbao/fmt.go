package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/opengovcn/nianbao"
)

var fmtCmd = &command{
	name:     "fmt",
	synopsis: "nianbao fmt [-l] [-w] [-d] [file|dir|-]...",
	zh:       "把年报整理成唯一的规范文本形式（类似 gofmt）",
	en:       "print or rewrite reports in their canonical text form (like gofmt)",
	longZH: `
不带选项时把每份报告的规范形式输出到标准输出。
-l 列出规范形式与现有内容不同的文件；-w 就地改写这些文件（先写同目录下的临时文件再改名，
不会留下写了一半的文件）；-d 显示统一格式（unified diff）的差异。
以下情况不改写文件并报告错误：报告中有无法归位的文字（改写会丢失它们）、HTML 文件（请用
nianbao parse -f md 另存）、报告内容无法用规范形式写出。`,
	longEN: `
Without flags, prints the canonical form of each report on standard output.
-l lists the files whose canonical form differs from their content; -w rewrites those files in place
(a temporary file in the same directory, then a rename: never a half-written file); -d shows the
differences as a unified diff.
A file is not rewritten, and an error is reported, when the report has text the parser could not
place (rewriting would lose it), when it is an HTML page (save the text with nianbao parse -f md
instead), or when part of it cannot be written in canonical form.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		inputFlags(fs, e)
		list := fs.Bool("l", false, "list files whose canonical form differs / 列出需要规范化的文件")
		write := fs.Bool("w", false, "rewrite files in place / 就地改写文件")
		diff := fs.Bool("d", false, "print diffs / 显示差异")
		return func(args []string) int {
			return runFmt(e, args, fmtOpts{list: *list, write: *write, diff: *diff})
		}
	},
}

type fmtOpts struct{ list, write, diff bool }

type fmtResult struct {
	out    []byte
	msgs   []string
	status int
}

func runFmt(e *env, args []string, o fmtOpts) int {
	ins, err := e.expand(args)
	if err != nil {
		return usageError(e, "fmt", "%v", err)
	}
	if o.write {
		for _, in := range ins {
			if in.stdin {
				return usageError(e, "fmt", "cannot use -w with standard input")
			}
		}
	}
	status := exitOK
	ordered(e, ins, func(in input) fmtResult {
		return fmtOne(e, in, o)
	}, func(in input, res fmtResult) {
		e.stdout.Write(res.out)
		for _, m := range res.msgs {
			fmt.Fprintln(e.stderr, m)
		}
		status = max(status, res.status)
	})
	return status
}

func fmtOne(e *env, in input, o fmtOpts) fmtResult {
	r, src, err := in.load(e, false)
	if r == nil {
		return fmtResult{msgs: []string{explain(in.name, src, err)}, status: exitBad}
	}
	var res fmtResult
	var buf bytes.Buffer
	rerr := nianbao.Render(&buf, r)
	got := buf.Bytes()
	// Problems that make the canonical form lose content.
	var lost []string
	if rerr != nil {
		lost = append(lost, fmt.Sprintf("%s: %v", quoteName(in.name), rerr))
	}
	if n := len(r.Unrecognized); n > 0 {
		f := r.Unrecognized[0]
		lost = append(lost, fmt.Sprintf("%s:%s: %d piece(s) of text could not be placed and are not in the canonical form, first %q; fix the text (nianbao parse -v shows why)", quoteName(in.name), f.Pos, n, clip(f.Text, 40)))
	}
	changed := !bytes.Equal(src, got)
	if !o.list && !o.write && !o.diff {
		res.out = got
		res.msgs = lost
		if len(lost) > 0 {
			res.status = exitFindings
		}
		return res
	}
	if !changed {
		return res
	}
	var out bytes.Buffer
	if o.list {
		fmt.Fprintln(&out, quoteName(in.name))
	}
	if o.write {
		switch {
		case len(lost) > 0:
			res.msgs = append(res.msgs, lost...)
			res.msgs = append(res.msgs, quoteName(in.name)+": not rewritten, because the canonical form would lose content")
			res.status = exitFindings
		case isHTML(in.name, src):
			res.msgs = append(res.msgs, quoteName(in.name)+": not rewritten: it is an HTML page; save the text with nianbao parse -f md "+quoteName(in.name)+" > file.md")
			res.status = exitFindings
		default:
			if err := writeAtomic(in.name, got); err != nil {
				res.msgs = append(res.msgs, fmt.Sprintf("%s: cannot rewrite: %v", quoteName(in.name), err))
				res.status = exitBad
			}
		}
	}
	if o.diff {
		out.Write(unifiedDiff(quoteName(in.name+".orig"), quoteName(in.name), src, got))
	}
	res.out = out.Bytes()
	return res
}

func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}

// isHTML reports whether an input is a web page, by name or content.
func isHTML(name string, src []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		return true
	}
	head := bytes.ToLower(bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

// writeAtomic replaces the file name with data: it writes a temporary file in
// the same directory, syncs it, gives it the original's permissions and
// renames it over the original, so that the file is at every moment either
// the old content or the new.
func writeAtomic(name string, data []byte) (err error) {
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".nianbao-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Chmod(fi.Mode().Perm()); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}
