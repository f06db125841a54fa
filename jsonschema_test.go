package nianbao

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/opengovcn/nianbao/internal/jsonschema"
)

func loadReportSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := os.ReadFile("schema/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := jsonschema.Compile(doc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The JSON the library emits satisfies the published JSON Schema, for both
// editions and every cell kind.
func TestJSONSchemaAcceptsEmittedJSON(t *testing.T) {
	s := loadReportSchema(t)
	for _, e := range []Edition{E2019, E2021} {
		r := NewReport(e)
		r.Title, r.Agency, r.Year, r.Period = "某局2023年政府信息公开工作年度报告", "某局", 2023, "2023年1月1日至2023年12月31日"
		r.Sections = []Section{{Number: 1, Heading: "一、总体情况", Text: "正文", Pos: Position{Line: 2, Column: 1}}}
		r.Requests.New.Total = Cell{Kind: Number, Value: "4", Pos: Position{Line: 9, Column: 3}}
		r.Requests.New.NaturalPerson = TextCell("无")
		r.Requests.New.Commercial = NACell()
		r.Requests.Denied.Total = IntCell(0)
		r.Requests.New.Organizations = BlankCell()
		if e == E2021 {
			r.Active.Fees.Amount = MustNum("96171.6")
		} else {
			r.Active.Licensing.Change = IntCell(-3)
		}
		r.Unrecognized = []Fragment{{Text: "- 3 -", Pos: Position{Line: 5, Column: 1}}}
		r.Warnings = []*Diagnostic{{Pos: Position{Line: 4, Column: 2}, Msg: "joined a label broken across lines", Err: ErrRepaired}}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if errs := s.Validate(b); len(errs) > 0 {
			t.Errorf("edition %s: emitted JSON violates the schema:\n%s", e, strings.Join(errs, "\n"))
		}
	}
}

func TestJSONSchemaRejectsWrongCells(t *testing.T) {
	s := loadReportSchema(t)
	for _, doc := range []string{
		`{"t2":{},"t3":{"new":{"total":{"kind":"number","value":"1e3"}}},"t4":{}}`,
		`{"t2":{},"t3":{"new":{"total":{"kind":"blank","value":"0"}}},"t4":{}}`,
		`{"t2":{},"t3":{"new":{"total":{"kind":"float","value":"1"}}},"t4":{}}`,
		`{"t2":{},"t3":{"new":{"total":12}},"t4":{}}`,
		`{"t2":{},"t3":{"new":{"subtotal":{"kind":"blank"}}},"t4":{}}`,
		`{"t2":{"procurement":{"issued":{"kind":"blank"}}},"t3":{},"t4":{}}`,
		`{"editions":{"t3":"2020"},"t2":{},"t3":{},"t4":{}}`,
	} {
		if errs := s.Validate([]byte(doc)); len(errs) == 0 {
			t.Errorf("schema accepts %s", doc)
		}
	}
}
