//go:build js && wasm

// Command web is nianbao compiled to WebAssembly for the page in this
// directory (index.html, app.js): it checks reports in the browser, nothing
// installed and nothing sent anywhere. It sets one global object,
//
//	nianbao.check(name, bytes)  // a Uint8Array → the JSON of webcheck.Result
//	nianbao.series(files)       // [{name, data: Uint8Array}, …] → the JSON of webcheck.SeriesResult
//
// and calls nianbaoReady() if the page defined it. The logic is in package
// internal/webcheck; this file only moves bytes in and JSON out.
package main

import (
	"encoding/json"
	"syscall/js"

	"github.com/opengovcn/nianbao/internal/webcheck"
)

func bytesOf(v js.Value) []byte {
	if v.IsUndefined() || v.IsNull() {
		return nil
	}
	b := make([]byte, v.Get("length").Int())
	js.CopyBytesToGo(b, v)
	return b
}

func marshal(v any) js.Value {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(map[string]string{"error": err.Error()})
	}
	return js.ValueOf(string(b))
}

func check(_ js.Value, args []js.Value) any {
	if len(args) < 2 {
		return marshal(map[string]string{"error": "check(name, bytes)"})
	}
	return marshal(webcheck.Check(args[0].String(), bytesOf(args[1])))
}

func series(_ js.Value, args []js.Value) any {
	if len(args) < 1 {
		return marshal(map[string]string{"error": "series(files)"})
	}
	var files []webcheck.File
	for i, n := 0, args[0].Length(); i < n; i++ {
		f := args[0].Index(i)
		files = append(files, webcheck.File{Name: f.Get("name").String(), Data: bytesOf(f.Get("data"))})
	}
	return marshal(webcheck.Series(files))
}

func main() {
	api := js.Global().Get("Object").New()
	api.Set("check", js.FuncOf(check))
	api.Set("series", js.FuncOf(series))
	js.Global().Set("nianbao", api)
	if ready := js.Global().Get("nianbaoReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}
