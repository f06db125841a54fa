// Package jsonschema checks a JSON document against a JSON Schema. It supports
// the subset of draft 2020-12 that nianbao's schema/report.schema.json uses:
// type, properties, required, additionalProperties, propertyNames, items,
// enum, const, pattern, minLength, minimum, maximum, allOf, if/then, boolean
// schemas and local $ref ("#/$defs/name"). It exists so tests can check the
// library's JSON against its published schema without a new dependency.
package jsonschema

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Schema is a compiled schema.
type Schema struct {
	root any
}

// Compile reads a schema document.
func Compile(doc []byte) (*Schema, error) {
	var root any
	if err := json.Unmarshal(doc, &root); err != nil {
		return nil, fmt.Errorf("jsonschema: %w", err)
	}
	return &Schema{root: root}, nil
}

// Validate checks the JSON document doc and returns every violation found,
// each prefixed with its JSON pointer; nil means valid.
func (s *Schema) Validate(doc []byte) []string {
	d := json.NewDecoder(strings.NewReader(string(doc)))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return []string{"invalid JSON: " + err.Error()}
	}
	var errs []string
	s.check(s.root, v, "", &errs)
	return errs
}

func (s *Schema) check(schema, v any, path string, errs *[]string) {
	fail := func(format string, args ...any) {
		*errs = append(*errs, path+": "+fmt.Sprintf(format, args...))
	}
	switch sc := schema.(type) {
	case bool:
		if !sc {
			fail("not allowed")
		}
		return
	case map[string]any:
		if ref, ok := sc["$ref"].(string); ok {
			target, err := s.resolve(ref)
			if err != nil {
				fail("%v", err)
				return
			}
			s.check(target, v, path, errs)
		}
		if t, ok := sc["type"].(string); ok && !hasType(v, t) {
			fail("want %s, got %s", t, typeName(v))
			return
		}
		if e, ok := sc["enum"].([]any); ok && !contains(e, v) {
			fail("%v is not one of %v", v, e)
		}
		if c, ok := sc["const"]; ok && !equal(c, v) {
			fail("%v is not %v", v, c)
		}
		if str, ok := v.(string); ok {
			if p, ok := sc["pattern"].(string); ok {
				if re, err := regexp.Compile(p); err != nil || !re.MatchString(str) {
					fail("%q does not match %s", str, p)
				}
			}
			if n, ok := sc["minLength"].(float64); ok && utf8.RuneCountInString(str) < int(n) {
				fail("%q is shorter than %v", str, n)
			}
		}
		if num, ok := v.(json.Number); ok {
			f, _ := num.Float64() // bounds only; values are small integers
			if m, ok := sc["minimum"].(float64); ok && f < m {
				fail("%v < minimum %v", num, m)
			}
			if m, ok := sc["maximum"].(float64); ok && f > m {
				fail("%v > maximum %v", num, m)
			}
		}
		if obj, ok := v.(map[string]any); ok {
			s.checkObject(sc, obj, path, errs)
		}
		if arr, ok := v.([]any); ok {
			if items, ok := sc["items"]; ok {
				for i, x := range arr {
					s.check(items, x, fmt.Sprintf("%s/%d", path, i), errs)
				}
			}
		}
		if all, ok := sc["allOf"].([]any); ok {
			for _, sub := range all {
				s.check(sub, v, path, errs)
			}
		}
		if cond, ok := sc["if"]; ok {
			var probe []string
			s.check(cond, v, path, &probe)
			if then, ok := sc["then"]; ok && len(probe) == 0 {
				s.check(then, v, path, errs)
			}
		}
	default:
		fail("schema is %T, not an object or boolean", schema)
	}
}

func (s *Schema) checkObject(sc map[string]any, obj map[string]any, path string, errs *[]string) {
	props, _ := sc["properties"].(map[string]any)
	if req, ok := sc["required"].([]any); ok {
		for _, r := range req {
			if _, ok := obj[r.(string)]; !ok {
				*errs = append(*errs, fmt.Sprintf("%s: missing required %q", path, r))
			}
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := path + "/" + k
		if pn, ok := sc["propertyNames"]; ok {
			s.check(pn, k, p, errs)
		}
		if sub, ok := props[k]; ok {
			s.check(sub, obj[k], p, errs)
		} else if ap, ok := sc["additionalProperties"]; ok {
			if b, isBool := ap.(bool); isBool && !b {
				*errs = append(*errs, p+": unknown property")
			} else if !isBool {
				s.check(ap, obj[k], p, errs)
			}
		}
	}
}

func (s *Schema) resolve(ref string) (any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("unsupported $ref %q", ref)
	}
	var cur any = s.root
	for _, part := range strings.Split(ref[2:], "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("$ref %q not found", ref)
		}
		if cur, ok = m[part]; !ok {
			return nil, fmt.Errorf("$ref %q not found", ref)
		}
	}
	return cur, nil
}

func hasType(v any, t string) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		return ok && !strings.ContainsAny(string(n), ".eE")
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	}
	return false
}

func typeName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

func contains(list []any, v any) bool {
	for _, x := range list {
		if equal(x, v) {
			return true
		}
	}
	return false
}

// equal compares a schema literal (decoded with float64 numbers) with an
// instance value (decoded with json.Number).
func equal(schemaVal, v any) bool {
	if n, ok := v.(json.Number); ok {
		f, err := n.Float64()
		return err == nil && reflect.DeepEqual(schemaVal, f)
	}
	return reflect.DeepEqual(schemaVal, v)
}
