package nianbao

// Internal helpers the external tests (package nianbao_test, which may
// import internal/gen) need.

// NeedsEscape is needsEscape, for tests in package nianbao_test.
var NeedsEscape = needsEscape

// CheckDOCX is checkDOCX, for tests in package nianbao_test.
var CheckDOCX = checkDOCX
