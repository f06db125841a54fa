package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// The real web pages of testdata/web (issue 8) go through the CLI as files:
// parse -f csv prints their cells, validate reads them without error.
func TestWebPagesCLI(t *testing.T) {
	tests := []struct {
		file  string
		lines []string // CSV lines that must be printed
	}{
		{"shanghai_bgt_2019.html", []string{"t3,new,total,859", "t3,granted,total,", "t2,procurement,amount,251000元", "t4,suit_direct,total,9"}},
		{"shanghai_bgt_2019_gbk_converted.html", []string{"t3,new,total,859", "t3,total,total,805"}},
		{"pingtan_gwh_2025_body.html", []string{"t3,new,total,154", "t3,other_other,total,1", "t2,fees,amount,4166.241619", "t4,review,total,36"}},
		{"shanghai_bgt_2019_textcontent.txt", []string{"t3,new,total,859", "t3,carried_forward,natural_person,72", "t4,review,total,7"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("../../testdata/web", tt.file)
			res := nb(t, "", "parse", "-f", "csv", path)
			if res.code != 0 {
				t.Fatalf("parse -f csv: exit %d, stderr:\n%s", res.code, res.stderr)
			}
			got := strings.Split(res.stdout, "\n")
			for _, want := range tt.lines {
				found := false
				for _, l := range got {
					found = found || l == want
				}
				if !found {
					t.Errorf("parse -f csv printed no line %q", want)
				}
			}
			if res := nb(t, "", "validate", path); res.code != 0 {
				t.Errorf("validate: exit %d, stdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
			}
		})
	}
}
