package jsonschema

import (
	"strings"
	"testing"
)

const testSchema = `{
  "type": "object", "additionalProperties": false, "required": ["a"],
  "properties": {
    "a": {"$ref": "#/$defs/cell"},
    "n": {"type": "integer", "minimum": 1},
    "m": {"type": "object", "propertyNames": {"enum": ["x"]}, "additionalProperties": {"enum": ["1", "2"]}},
    "l": {"type": "array", "items": {"type": "string", "minLength": 1}}
  },
  "$defs": {"cell": {"type": "object", "required": ["kind"],
    "properties": {"kind": {"enum": ["number", "blank"]}, "value": {"type": "string"}},
    "allOf": [
      {"if": {"properties": {"kind": {"const": "number"}}}, "then": {"required": ["value"], "properties": {"value": {"pattern": "^[0-9]+$"}}}},
      {"if": {"properties": {"kind": {"const": "blank"}}}, "then": {"properties": {"value": false}}}
    ]}}
}`

func TestValidate(t *testing.T) {
	s, err := Compile([]byte(testSchema))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		doc     string
		wantErr string // substring of the first violation; "" for valid
	}{
		{`{"a": {"kind": "number", "value": "12"}}`, ""},
		{`{"a": {"kind": "blank"}, "n": 3, "m": {"x": "2"}, "l": ["s"]}`, ""},
		{`{"a": {"kind": "number", "value": "1.5"}}`, "does not match"},
		{`{"a": {"kind": "number"}}`, `missing required "value"`},
		{`{"a": {"kind": "blank", "value": "0"}}`, "not allowed"},
		{`{"a": {"kind": "float", "value": "1"}}`, "is not one of"},
		{`{}`, `missing required "a"`},
		{`{"a": {"kind": "blank"}, "zzz": 1}`, "unknown property"},
		{`{"a": {"kind": "blank"}, "n": 0}`, "minimum"},
		{`{"a": {"kind": "blank"}, "n": 1.5}`, "want integer"},
		{`{"a": {"kind": "blank"}, "m": {"y": "1"}}`, "is not one of"},
		{`{"a": {"kind": "blank"}, "m": {"x": "3"}}`, "is not one of"},
		{`{"a": {"kind": "blank"}, "l": [""]}`, "shorter"},
		{`{"a": 5}`, "want object"},
	}
	for _, tt := range tests {
		errs := s.Validate([]byte(tt.doc))
		switch {
		case tt.wantErr == "" && len(errs) > 0:
			t.Errorf("Validate(%s) = %q, want valid", tt.doc, errs)
		case tt.wantErr != "" && (len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), tt.wantErr)):
			t.Errorf("Validate(%s) = %q, want a violation containing %q", tt.doc, errs, tt.wantErr)
		}
	}
}
