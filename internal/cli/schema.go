package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/opengovcn/nianbao/schema"
)

var schemaCmd = &command{
	name:     "schema",
	synopsis: "nianbao schema [-f text|json]",
	zh:       "列出模板的全部单元格引用及其官方标签和取值类型",
	en:       "list the template's cell references with their official labels and value kinds",
	longZH: `
每行一个单元格：引用名、所在表格块、适用的格式版本（2019、2021）、取值类型（count 非负整数、signed_count
可为负的整数、amount 金额（万元）、money 金额）、行标签 × 列标签。先列两种格式的官方单元格（目录顺序），
再列部分机关增加的小计单元格（extra）。-f json 输出同样内容的 JSON 数组。`,
	longEN: `
One cell a line: reference, table block, the editions that have it (2019, 2021), value kind (count, a
non-negative integer; signed_count, an integer that may be negative; amount, 万元; money), and row label ×
column label. The official cells of both editions come first in catalog order, then the subtotal cells
some agencies add (extra). -f json prints the same as a JSON array.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		format := fs.String("f", "text", "输出格式：text 或 json / output format: text or json")
		return func(args []string) int {
			if *format != "text" && *format != "json" {
				return usageError(e, "schema", fmt.Sprintf("未知的输出格式 %q（可用 text、json）", *format), fmt.Sprintf("unknown format %q (want text or json)", *format))
			}
			if len(args) > 0 {
				return usageError(e, "schema", fmt.Sprintf("不需要参数 %q", args[0]), fmt.Sprintf("unexpected argument %q", args[0]))
			}
			return runSchema(e, *format)
		}
	},
}

// schemaCell is one line of the schema listing.
type schemaCell struct {
	Ref         string   `json:"ref"`
	Block       string   `json:"block"`
	Editions    []string `json:"editions"`
	Kind        string   `json:"kind"`
	RowLabel    string   `json:"row_label"`
	ColumnLabel string   `json:"column_label"`
	// RowGroups are the merged labels left of the row, outermost first.
	RowGroups []string `json:"row_groups,omitempty"`
	// Labels2019 holds the 2019 labels where they differ from the 2021 ones.
	RowLabel2019    string `json:"row_label_2019,omitempty"`
	ColumnLabel2019 string `json:"column_label_2019,omitempty"`
	Extra           bool   `json:"extra,omitempty"`
}

// schemaCells lists the official cells of both editions in catalog order,
// then the extra subtotal cells.
func schemaCells() []schemaCell {
	var out []schemaCell
	seen := map[string]bool{}
	for list, refs := range [][]string{schema.AllRefs(), schema.ExtraRefs()} {
		for _, ref := range refs {
			if seen[ref] {
				continue
			}
			seen[ref] = true
			var sc schemaCell
			var c21, c19 schema.Cell
			ok21, ok19 := false, false
			c21, ok21 = schema.LookupCell(schema.E2021, ref)
			c19, ok19 = schema.LookupCell(schema.E2019, ref)
			// An extra cell in one edition that is official in the other
			// (t3.other.*) counts as official.
			c := c21
			switch {
			case ok21 && ok19:
				sc.Editions = []string{"2019", "2021"}
				if c21.Extra && !c19.Extra {
					c = c19
				}
				if c19.RowLabel != c21.RowLabel {
					sc.RowLabel2019 = c19.RowLabel
				}
				if c19.ColumnLabel != c21.ColumnLabel {
					sc.ColumnLabel2019 = c19.ColumnLabel
				}
			case ok21:
				sc.Editions = []string{"2021"}
			case ok19:
				sc.Editions = []string{"2019"}
				c = c19
			}
			sc.Ref, sc.Block, sc.Kind = ref, c.Block, c.Kind.String()
			sc.RowLabel, sc.ColumnLabel = c.RowLabel, c.ColumnLabel
			sc.Extra = list == 1
			for _, e := range schema.Editions {
				if b, ok := schema.LookupBlock(e, c.Block); ok {
					if row, ok := b.Row(c.Row); ok && len(row.Groups) > 0 {
						sc.RowGroups = row.Groups
					}
				}
			}
			out = append(out, sc)
		}
	}
	return out
}

func runSchema(e *env, format string) int {
	cells := schemaCells()
	if format == "json" {
		b, err := json.MarshalIndent(cells, "", "  ")
		if err != nil {
			fmt.Fprintf(e.stderr, "nianbao schema: %v\n", err)
			return exitBad
		}
		e.stdout.Write(append(b, '\n'))
		return exitOK
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ref\tblock\teditions\tkind\tlabel")
	for _, c := range cells {
		eds := strings.Join(c.Editions, ",")
		if c.Extra {
			eds += " extra"
		}
		label := strings.Join(append(append([]string(nil), c.RowGroups...), c.RowLabel), " ") + " × " + c.ColumnLabel
		if c.RowLabel2019 != "" || c.ColumnLabel2019 != "" {
			rl, cl := c.RowLabel, c.ColumnLabel
			if c.RowLabel2019 != "" {
				rl = c.RowLabel2019
			}
			if c.ColumnLabel2019 != "" {
				cl = c.ColumnLabel2019
			}
			label += " (2019: " + rl + " × " + cl + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.Ref, c.Block, eds, c.Kind, label)
	}
	tw.Flush()
	return exitOK
}
