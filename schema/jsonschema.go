package schema

import (
	"encoding/json"
	"strings"
)

// JSONSchema returns the JSON Schema (draft 2020-12) of the JSON form of a
// report, built from the catalog. The repository ships it as
// schema/report.schema.json; a test keeps the file equal to this function's
// output and checks the JSON the library emits against it.
func JSONSchema() []byte {
	tables := map[string]any{}
	for _, table := range []string{"t2", "t3", "t4"} {
		rows := map[string]any{}
		var rowOrder []string
		for _, ref := range append(AllRefs(), ExtraRefs()...) {
			parts := strings.Split(ref, ".")
			if parts[0] != table {
				continue
			}
			row, col := parts[1], parts[2]
			r, ok := rows[row].(map[string]any)
			if !ok {
				r = map[string]any{"type": "object", "additionalProperties": false, "properties": map[string]any{}}
				rows[row] = r
				rowOrder = append(rowOrder, row)
			}
			r["properties"].(map[string]any)[col] = map[string]any{
				"$ref":        "#/$defs/cell",
				"description": describe(ref),
			}
		}
		tables[table] = map[string]any{"type": "object", "additionalProperties": false, "properties": rows}
	}
	str := map[string]any{"type": "string"}
	pos := map[string]any{"$ref": "#/$defs/position"}
	s := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  "https://github.com/opengovcn/nianbao/schema/report.schema.json",
		"title":                "政府信息公开工作年度报告 (nianbao JSON form)",
		"description":          "An annual report on government information disclosure as nianbao encodes it. Cell references are table.row.column, e.g. t3.new.total.",
		"type":                 "object",
		"additionalProperties": false,
		"properties": map[string]any{
			"title": str, "agency": str, "period": str, "published": str, "preamble": str, "signature": str,
			"year": map[string]any{"type": "integer", "minimum": 0},
			"editions": map[string]any{
				"type":                 "object",
				"propertyNames":        map[string]any{"enum": BlockIDs},
				"additionalProperties": map[string]any{"enum": Editions},
			},
			"sections":     map[string]any{"type": "array", "items": map[string]any{"$ref": "#/$defs/section"}},
			"t2":           tables["t2"],
			"t3":           tables["t3"],
			"t4":           tables["t4"],
			"unrecognized": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/$defs/fragment"}},
			"warnings":     map[string]any{"type": "array", "items": map[string]any{"$ref": "#/$defs/diagnostic"}},
		},
		"$defs": map[string]any{
			"position": map[string]any{
				"type": "object", "additionalProperties": false, "required": []string{"line", "column"},
				"properties": map[string]any{
					"line":   map[string]any{"type": "integer", "minimum": 1},
					"column": map[string]any{"type": "integer", "minimum": 1},
				},
			},
			"section": map[string]any{
				"type": "object", "additionalProperties": false, "required": []string{"number", "heading"},
				"properties": map[string]any{
					"number":  map[string]any{"type": "integer", "minimum": 0, "maximum": len(Sections)},
					"heading": str, "text": str, "pos": pos,
				},
			},
			"fragment": map[string]any{
				"type": "object", "additionalProperties": false, "required": []string{"text"},
				"properties": map[string]any{"text": str, "pos": pos},
			},
			"diagnostic": map[string]any{
				"type": "object", "additionalProperties": false, "required": []string{"severity", "message"},
				"properties": map[string]any{
					"file": str, "pos": pos, "ref": str, "message": str,
					"severity": map[string]any{"enum": []string{"warning", "error"}},
				},
			},
			"cell": map[string]any{
				"description":          "A table cell: a number (normalised decimal digits), blank (nothing written; not 0), not_applicable (a / or — mark) or text (anything else, verbatim).",
				"type":                 "object",
				"additionalProperties": false,
				"required":             []string{"kind"},
				"properties": map[string]any{
					"kind":  map[string]any{"enum": []string{"number", "blank", "not_applicable", "text"}},
					"value": str,
					"pos":   pos,
				},
				"allOf": []any{
					ifKind("number", map[string]any{"required": []string{"value"},
						"properties": map[string]any{"value": map[string]any{"pattern": `^-?[0-9]+(\.[0-9]+)?$`}}}),
					ifKind("text", map[string]any{"required": []string{"value"},
						"properties": map[string]any{"value": map[string]any{"minLength": 1}}}),
					ifKind("blank", map[string]any{"properties": map[string]any{"value": false}}),
					ifKind("not_applicable", map[string]any{"properties": map[string]any{"value": false}}),
				},
			},
		},
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		panic(err) // the literal above always encodes
	}
	return append(b, '\n')
}

func ifKind(kind string, then map[string]any) map[string]any {
	return map[string]any{
		"if":   map[string]any{"properties": map[string]any{"kind": map[string]any{"const": kind}}},
		"then": then,
	}
}

// describe returns "row label × column label (kind; editions)" for a cell.
func describe(ref string) string {
	var c Cell
	var eds []string
	for _, e := range Editions {
		if x, ok := LookupCell(e, ref); ok {
			c = x
			eds = append(eds, string(e))
		}
	}
	d := c.RowLabel + " × " + c.ColumnLabel + " (" + c.Kind.String() + "; edition " + strings.Join(eds, ", ")
	if c.Extra {
		d += "; subtotal some agencies add"
	}
	return d + ")"
}
