package nianbao

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/nianbao/internal/flattext"
)

// parseAccounted parses src as Parse does, but returns the report with the
// positions of the text the parser read and that text, so that lossless
// accounting can be checked: for a flattened report, the text flattext.ToText
// made (it only adds line breaks and TABs and drops spaces around them).
func parseAccounted(pr *Parser, src []byte) (*Report, *source, error) {
	if fe := frontEndOf(src); fe != nil { // as Parse: the text a front end made
		if text, m, ok := fe.toText(src); ok {
			return pr.parseCut(text, fe.in(text, m))
		}
	}
	return pr.parse(src)
}

// flatSample is table 2 and table 4 of a web page as a crawler flattened it
// (from testdata/corpus/011_pingtan_gwh_2023_webflat.txt, shortened).
const flatSample = "标题: 某某区2023年度政府信息公开工作年度报告\n" +
	"本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。 一、总体情况 2023年，本区坚持公开为常态。 " +
	"二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件77132470" +
	"第二十条第（五）项信息内容本年处理决定数量行政许可2629第二十条第（六）项信息内容本年处理决定数量行政处罚1330行政强制54" +
	"第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费5949.088667" +
	"四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉" +
	"结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计110024001510102" +
	"五、存在的主要问题及改进情况存在的问题主要有：规范性文件解读不够。六、其他需要报告的事项2023年，无收取信息处理费情况。\n"

func TestUnflatten(t *testing.T) {
	out, m, ok := flattext.ToText([]byte(flatSample))
	if !ok {
		t.Fatal("the sample is not seen as flattened")
	}
	want := []string{
		"标题: 某某区2023年度政府信息公开工作年度报告",
		"本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
		"一、总体情况",
		"2023年，本区坚持公开为常态。",
		"二、主动公开政府信息情况",
		"第二十条第（一）项",
		"信息内容本年制发件数本年废止件数现行有效件数",
		"规章\t000",
		"行政规范性文件\t77132470",
		"第二十条第（五）项",
		"信息内容本年处理决定数量",
		"行政许可\t2629",
		"第二十条第（六）项",
		"信息内容本年处理决定数量",
		"行政处罚\t1330",
		"行政强制\t54",
		"第二十条第（八）项",
		"信息内容本年收费金额（单位：万元）",
		"行政事业性收费\t5949.088667",
		"四、政府信息公开行政复议、行政诉讼情况",
		"行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计",
		"110024001510102",
		"五、存在的主要问题及改进情况",
		"存在的问题主要有：规范性文件解读不够。", // a label in prose is no break
		"六、其他需要报告的事项",
		"2023年，无收取信息处理费情况。",
	}
	if diff := cmp.Diff(want, strings.Split(strings.TrimSuffix(out, "\n"), "\n")); diff != "" {
		t.Errorf("unflattened lines (-want +got):\n%s", diff)
	}
	// Positions map back to the one source line: "行政规范性文件" and its
	// digits, after the TAB the stage inserted.
	line2 := strings.Split(flatSample, "\n")[1]
	col := func(s string) int { return len([]rune(line2[:strings.Index(line2, s)])) + 1 }
	for _, tc := range []struct {
		p    Position
		want Position
	}{
		{Position{9, 1}, Position{2, col("行政规范性文件")}},
		{Position{9, 9}, Position{2, col("77132470")}},
		{Position{22, 3}, Position{2, col("110024001510102") + 2}},
	} {
		if got := srcPos(m, tc.p); got != tc.want {
			t.Errorf("pos(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
	// Text that is not flattened is left alone.
	seed, err := os.ReadFile("testdata/seeds/004_a48343d0f3c95c5a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := flattext.ToText(seed); ok {
		t.Error("seed 004 is seen as flattened")
	}
}

// TestParseFlattened parses the sample end to end: the cells whose digits
// can be cut one way only are recovered, with positions in the source line;
// 77132470 fits 规章's row in many ways and stays blank with a warning.
func TestParseFlattened(t *testing.T) {
	r, err := Parse([]byte(flatSample))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, ref := range []string{"t2.regulations.issued", "t2.regulations.in_force", "t2.normative_docs.issued",
		"t2.licensing.decisions", "t2.coercion.decisions", "t2.fees.amount", "t4.review.total", "t4.suit_direct.upheld", "t4.suit_after_review.other"} {
		c, _ := r.Cell(ref)
		got[ref] = c.Kind.String() + " " + c.Value
	}
	want := map[string]string{
		"t2.regulations.issued": "number 0", "t2.regulations.in_force": "number 0", "t2.normative_docs.issued": "blank ",
		"t2.licensing.decisions": "number 2629", "t2.coercion.decisions": "number 54", "t2.fees.amount": "number 5949.088667",
		"t4.review.total": "number 2", "t4.suit_direct.upheld": "number 4", "t4.suit_after_review.other": "number 1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
	if p := r.Active.Licensing.Decisions.Pos; p.Line != 2 || p.Column < 100 {
		t.Errorf("t2.licensing.decisions at %v, want a column of line 2 of the source", p)
	}
	if r.Year != 2023 || len(r.Sections) != 5 {
		t.Errorf("year %d, %d sections", r.Year, len(r.Sections))
	}
	ambiguous := false
	for _, d := range r.Warnings {
		if d.Ref == "t2.normative_docs.issued" || strings.Contains(d.Msg, "77132470") {
			ambiguous = true
		}
	}
	if !ambiguous {
		t.Errorf("no warning about 77132470: %v", r.Warnings)
	}
}

// TestGlueTwoAmbiguousRows: in a real flattened page, the runs of （一）予以
// 公开 (220000022) and （二）部分公开 (191000020) each fit their row's sum in
// two ways; only one pair fits the column sums of table 3 with the other
// rows, and that pair is recovered.
func TestGlueTwoAmbiguousRows(t *testing.T) {
	src, err := os.ReadFile("testdata/corpus/011_pingtan_gwh_2023_webflat.txt")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{r.Requests.Granted.NaturalPerson.Value, r.Requests.Granted.Commercial.Value, r.Requests.Granted.Total.Value,
		r.Requests.Partial.NaturalPerson.Value, r.Requests.Partial.Commercial.Value, r.Requests.Partial.Total.Value}
	if diff := cmp.Diff([]string{"22", "0", "22", "19", "1", "20"}, got); diff != "" {
		t.Errorf("granted and partial (-want +got):\n%s", diff)
	}
	for _, d := range r.Warnings {
		if strings.HasPrefix(d.Ref, "t3.") && errors.Is(d, ErrAmbiguous) {
			t.Errorf("ambiguity left in table 3: %v", d)
		}
	}
}
