package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/htmltext"
)

var fmtCmd = &command{
	name:     "fmt",
	synopsis: "nianbao fmt [-l] [-w [-readonly]] [-d] [-q] [file|dir|-]...",
	zh:       "把年报整理成唯一的规范文本形式（类似 gofmt）",
	en:       "print or rewrite reports in their canonical text form (like gofmt)",
	longZH: `
不带选项时把每份报告的规范形式输出到标准输出。
-l 列出规范形式与现有内容不同的文件；-w 就地改写这些文件（先写同目录下的临时文件再改名，
不会留下写了一半的文件）；-d 显示统一格式（unified diff）的差异。
-w 经符号链接改写其指向的文件（链接保留），保留文件的权限（包括 setuid、setgid、sticky 位）和属主、属组
（权限允许时）；有多个硬链接的文件先做备份并核对，再就地写入，硬链接不被拆开；只读文件不改写，除非给出 -readonly
（改写后仍为只读）；被 SIGINT、SIGTERM 中断时删除临时文件，文件保持原样或已完整改写。
以下情况不改写文件并报告错误：报告中有无法归位的文字（改写会丢失它们）、HTML 文件（请用
nianbao parse -f md 另存）、报告内容无法用规范形式写出、规范形式读回后单元格取值不同、缺少报告中的字符，
或者数字比原文少（数值会被合并或丢失）。`,
	longEN: `
Without flags, prints the canonical form of each report on standard output.
-l lists the files whose canonical form differs from their content; -w rewrites those files in place
(a temporary file in the same directory, then a rename: never a half-written file); -d shows the
differences as a unified diff.
-w writes through a symbolic link to its target (the link stays), keeps the file's mode (the setuid,
setgid and sticky bits too) and, where permitted, its owner and group; a file with several hard links is
copied to a backup, checked, and written in place, so that its links stay joined; a read-only file is
not rewritten unless -readonly is given (it stays read-only); on SIGINT or SIGTERM the temporary file
is removed and the file is left as it was or wholly rewritten.
A file is not rewritten, and an error is reported, when the report has text the parser could not
place (rewriting would lose it), when it is an HTML page (save the text with nianbao parse -f md
instead), when part of it cannot be written in canonical form, or when the canonical form reads back
with a cell of another value, without a character of the report, or with fewer numbers than the file
(values would run together or be lost).`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		inputFlags(fs, e)
		list := fs.Bool("l", false, "列出需要规范化的文件 / list files whose canonical form differs")
		write := fs.Bool("w", false, "就地改写文件 / rewrite files in place")
		diff := fs.Bool("d", false, "显示差异 / print diffs")
		readonly := fs.Bool("readonly", false, "与 -w 同用：也改写只读文件（改写后仍为只读） / with -w, rewrite read-only files too (they stay read-only)")
		return func(args []string) int {
			return runFmt(e, args, fmtOpts{list: *list, write: *write, diff: *diff, readonly: *readonly})
		}
	},
}

type fmtOpts struct{ list, write, diff, readonly bool }

type fmtResult struct {
	out    []byte
	msgs   []string
	status int
	fail   *outcome // the input was not read as a report
}

func runFmt(e *env, args []string, o fmtOpts) int {
	ins, err := e.expand(args)
	if err != nil {
		return e.expandFailed("fmt", err)
	}
	if o.write {
		for _, in := range ins {
			if in.stdin {
				return usageError(e, "fmt", "-w 不能用于标准输入", "cannot use -w with standard input")
			}
		}
		defer interrupted()()
	}
	status := exitOK
	var t tally
	ordered(e, ins, func(in input) fmtResult {
		return fmtOne(e, in, o)
	}, func(in input, res fmtResult) {
		if res.fail != nil {
			t.fail(e, in.name, *res.fail)
		}
		e.stdout.Write(res.out)
		for _, m := range res.msgs {
			fmt.Fprintln(e.stderr, m)
		}
		status = max(status, res.status)
	})
	return status
}

func fmtOne(e *env, in input, o fmtOpts) fmtResult {
	r, src, converted, err := in.loadText(e, false)
	if r == nil {
		o := in.failed(src, err)
		if o.skipped {
			return fmtResult{fail: &o}
		}
		return fmtResult{msgs: []string{o.line(in.name)}, status: exitBad, fail: &o}
	}
	var res fmtResult
	var buf bytes.Buffer
	rerr := nianbao.Render(&buf, r)
	got := buf.Bytes()
	// Problems that make the canonical form lose content.
	var lost []string
	if rerr != nil {
		lost = append(lost, fmt.Sprintf("%s: 报告中有内容无法写成规范形式 / %s", quoteName(in.name), clipMessage(strings.TrimPrefix(rerr.Error(), "nianbao: render: "))))
	}
	if n := len(r.Unrecognized); n > 0 {
		f := r.Unrecognized[0]
		lost = append(lost, fmt.Sprintf("%s:%s: 有 %d 处文字解析器无法归位，规范形式中没有它们，第一处是“%s”；请修改原文（nianbao parse -v 说明原因） / %d piece(s) of text could not be placed and are not in the canonical form, first %q; fix the text (nianbao parse -v shows why)", quoteName(in.name), f.Pos, n, clip(f.Text, 40), n, clip(f.Text, 40)))
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
			res.msgs = append(res.msgs, quoteName(in.name)+": 未改写，因为规范形式会丢失内容 / not rewritten, because the canonical form would lose content")
			res.status = exitFindings
		case converted:
			res.msgs = append(res.msgs, quoteName(in.name)+": 未改写：这不是文字文件（PDF），读出的文字不能写回原文件；请另存为规范文本：nianbao fmt "+quoteName(in.name)+" > 报告.md / not rewritten: it is not a text file (a PDF), and the text read from it cannot be written back into it; save the canonical text with nianbao fmt "+quoteName(in.name)+" > report.md")
			res.status = exitFindings
		case isHTML(in.name, src):
			res.msgs = append(res.msgs, quoteName(in.name)+": 未改写：这是网页（HTML）；请另存为规范文本：nianbao parse -f md "+quoteName(in.name)+" > 报告.md / not rewritten: it is an HTML page; save the text with nianbao parse -f md "+quoteName(in.name)+" > file.md")
			res.status = exitFindings
		default:
			if why := canonicalLoses(in.name, src, r, got); why != "" {
				res.msgs = append(res.msgs, fmt.Sprintf("%s: 未改写：%s / not rewritten: the canonical form would lose content", quoteName(in.name), why))
				res.status = exitFindings
				break
			}
			switch err := rewrite(in.name, src, got, o.readonly); {
			case errors.Is(err, errReadOnly):
				res.msgs = append(res.msgs, fmt.Sprintf("%s: 只读文件，未改写；要改写请加 -readonly / not rewritten: the file is read-only; -readonly rewrites it", quoteName(in.name)))
				res.status = exitBad
			case err != nil:
				res.msgs = append(res.msgs, fmt.Sprintf("%s: 无法改写 / cannot rewrite: %v", quoteName(in.name), err))
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

// isHTML reports whether an input is a web page, by name or, as the
// library judges it, by content.
func isHTML(name string, src []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		return true
	}
	return htmltext.Is(src)
}
