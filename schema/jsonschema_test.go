package schema

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The shipped schema/report.schema.json is exactly what JSONSchema builds
// from the catalog. Regenerate with: go test ./schema -run JSONSchemaFile -update
func TestJSONSchemaFile(t *testing.T) {
	got := JSONSchema()
	if *update {
		if err := os.WriteFile("report.schema.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, got) {
		t.Error("schema/report.schema.json is stale; run go test ./schema -run JSONSchemaFile -update")
	}
}
