package nianbao

// Words the parser accepts that are not in the catalog (schema/): what real
// reports write around the template's own labels. They are data, like the
// catalog: each list names the input it was made for, and a new spelling
// found in a report is added here, not to the code that reads the list.

// placeholderHeaders are header cells that a conversion or OCR tool makes up
// for a table whose header it could not read, as in corpus 023
// (shuyang_xzf_2025_ocrmd: "| 类别 | 数据1 | … | 数据6 | 总计 |"). A header
// row of such cells and column labels holds no values (smalltable.go,
// isPlaceholderCell); a cell in brackets, "（类别）", is one too.
var placeholderHeaders = []string{"类别", "项目", "序号", "编号", "数据", "数据项目"}

// placeholderPrefixes, followed by a number, are placeholder header cells
// too: 数据1 … 数据6 in corpus 023; 列2, 字段3 as other tools number
// columns.
var placeholderPrefixes = []string{"数据", "列", "字段"}

// crawlerLabels are field names that a crawler or a web page writes before
// a report's title, as in the flattened pages of corpus 007–013 and 017–019
// (pingtan_*_webflat: "标题: 2023年平潭综合实验区…年度报告"). They are not
// part of the agency's name (metadata.go, cleanAgency).
var crawlerLabels = []string{"标题:", "标题：", "文章标题:", "文章标题："}

// openingVerbs go on from the agency named as the subject of the opening
// sentence, after the year: "2024年，平潭综合实验区坚持以…" (corpus
// 010–013), "2023 年，洪泽区人民政府坚持…", "2024 年，区政府严格…" (003–006,
// 015, 016), "2025年，区社会事业局紧扣…" (043), "2025 年，上海市人民政府办公厅
// 坚持…" (022, 024). metadata.go's subjectAgency takes the agency from such
// a sentence when the title names none. The order is the order in which
// the pattern tries them.
var openingVerbs = []string{"坚持", "深入", "认真", "全面", "严格", "紧紧", "紧扣", "聚焦", "围绕", "持续", "始终", "以"}

// statPeriodKeys introduce the statistical period ("本报告中所列数据的统计
// 期限自2023年1月1日起至2023年12月31日止", as the template words it, and the
// variants reports use). Every key starts with 统计 (findPeriod relies on it).
var statPeriodKeys = []string{"统计期限", "统计时限", "统计期间", "统计时间", "统计区间"}
