// The page of nianbao's browser check (issue 20). It loads nianbao.wasm (the
// Go library compiled to WebAssembly, web/main.go), hands it the bytes of the
// files the user picks or the text they paste, and shows the JSON it returns.
// Nothing is sent anywhere and nothing is stored: the only request is for
// the page's own nianbao.wasm.
"use strict";

(function () {
  const T = {
    zh: {
      title: "政府信息公开工作年度报告检查",
      privacy: "本页用 nianbao 检查年报的表格勾稽关系、合计、正文与表格是否一致。检查全部在你的浏览器中进行：文件不会上传，也不会保存。",
      drop: "把一个或多个年报文件（.txt .md .html .htm .docx）拖到这里，或",
      pasteSummary: "粘贴年报文字",
      checkPaste: "检查粘贴的文字",
      wasmPick: "无法自动载入 nianbao.wasm（直接双击打开本页时浏览器不允许）。请用任意静态文件服务器打开本页，或在这里选择与本页同一文件夹中的 nianbao.wasm：",
      lang: "English",
      loading: "正在载入检查程序……",
      ready: "检查程序已就绪。",
      loadFailed: "检查程序载入失败：",
      notReady: "检查程序还没有载入。",
      checking: "正在检查……",
      pasted: "粘贴的文字.txt",
      agency: "机关", year: "年度", edition: "表格版本", period: "统计期限", status: "结果",
      file: "文件", reason: "原因", errors: "错误", warnings: "警告", info: "提示",
      findings: "检查结果", noFindings: "没有发现问题。",
      tables: "报告（官方表格格式）",
      seriesFindings: "跨年度检查", noSeries: "跨年度检查没有发现问题。",
      files: "文件", details: "查看",
      dlText: "下载规范文本", dlJSON: "下载 JSON", dlCSV: "下载长表 CSV",
      st: { ok: "已读取，无问题", warnings: "有警告", errors: "有错误", unreadable: "无法读取" },
      sev: { error: "错误", warning: "警告", info: "提示" },
      summary: (n, e, w) => `${n} 份文件：${e} 个错误，${w} 个警告`,
      editionNames: { "2019": "2019 年版", "2021": "2021 年版", hybrid: "混用两版" },
      unknown: "（未知）",
      back: "返回文件列表",
    },
    en: {
      title: "Check annual reports on government information disclosure",
      privacy: "This page checks a report's tables, totals and text against its tables with nianbao. Everything runs in your browser: no file is uploaded or kept.",
      drop: "Drop one or more report files (.txt .md .html .htm .docx) here, or",
      pasteSummary: "Paste a report's text",
      checkPaste: "Check the pasted text",
      wasmPick: "nianbao.wasm could not be loaded (browsers do not allow it for a page opened from a file). Open this page from any static file server, or pick the nianbao.wasm from this page's folder here:",
      lang: "中文",
      loading: "Loading the checker…",
      ready: "The checker is ready.",
      loadFailed: "The checker could not be loaded: ",
      notReady: "The checker is not loaded yet.",
      checking: "Checking…",
      pasted: "pasted.txt",
      agency: "Agency", year: "Year", edition: "Edition", period: "Period", status: "Result",
      file: "File", reason: "Reason", errors: "errors", warnings: "warnings", info: "info",
      findings: "Findings", noFindings: "No findings.",
      tables: "The report (official table layout)",
      seriesFindings: "Year-to-year checks", noSeries: "No year-to-year findings.",
      files: "Files", details: "show",
      dlText: "Download canonical text", dlJSON: "Download JSON", dlCSV: "Download long CSV",
      st: { ok: "read, no findings", warnings: "warnings", errors: "errors", unreadable: "unreadable" },
      sev: { error: "error", warning: "warning", info: "info" },
      summary: (n, e, w) => `${n} file${n === 1 ? "" : "s"}: ${e} errors, ${w} warnings`,
      editionNames: { "2019": "2019", "2021": "2021", hybrid: "hybrid (both editions)" },
      unknown: "(unknown)",
      back: "Back to the list of files",
    },
  };
  let lang = "zh";
  const t = (k) => T[lang][k];

  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of kids) if (c != null) e.append(c);
    return e;
  };

  // state: what is shown, so a change of language redraws it.
  let state = null; // {kind: "one", res} | {kind: "many", out, open: index or -1}
  let ready = false;

  function setStatus(text, bad) {
    const s = $("status");
    s.textContent = text;
    s.classList.toggle("bad", !!bad);
  }

  function applyLang() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = t("title") + " · nianbao";
    for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
    $("lang").textContent = t("lang");
    $("lang").lang = lang === "zh" ? "en" : "zh-CN";
    $("paste").setAttribute("aria-label", t("pasteSummary"));
    if (ready) setStatus(t("ready"));
    draw();
  }

  // --- loading the checker ---

  function start(instantiate) {
    const go = new Go();
    return instantiate(go.importObject).then((r) => {
      go.run(r.instance); // sets globalThis.nianbao before it waits
      return new Promise((resolve) => {
        if (globalThis.nianbao) resolve();
        else globalThis.nianbaoReady = resolve;
      });
    }).then(() => {
      ready = true;
      $("wasmPick").hidden = true;
      setStatus(t("ready"));
    });
  }

  function load() {
    setStatus(t("loading"));
    start((imports) =>
      fetch("nianbao.wasm").then((resp) => {
        if (!resp.ok) throw new Error(resp.status + " " + resp.statusText);
        return resp.arrayBuffer();
      }).then((buf) => WebAssembly.instantiate(buf, imports))
    ).catch((err) => {
      setStatus(t("loadFailed") + err.message, true);
      $("wasmPick").hidden = false;
    });
  }

  $("wasmFile").addEventListener("change", (ev) => {
    const f = ev.target.files[0];
    if (!f) return;
    start((imports) => f.arrayBuffer().then((buf) => WebAssembly.instantiate(buf, imports)))
      .catch((err) => setStatus(t("loadFailed") + err.message, true));
  });

  // --- checking ---

  function checkFiles(files) {
    if (!ready) { setStatus(t("notReady"), true); return; }
    setStatus(t("checking"));
    // Let the status paint before the (synchronous) check runs.
    setTimeout(() => {
      Promise.all(files.map((f) => f.data ? Promise.resolve(f) :
        f.file.arrayBuffer().then((b) => ({ name: f.file.name, data: new Uint8Array(b) }))))
        .then((list) => {
          if (list.length === 1) {
            state = { kind: "one", res: JSON.parse(globalThis.nianbao.check(list[0].name, list[0].data)) };
          } else {
            state = { kind: "many", out: JSON.parse(globalThis.nianbao.series(list)), open: -1 };
          }
          setStatus(t("ready"));
          draw();
        })
        .catch((err) => setStatus(String(err), true));
    }, 20);
  }

  $("files").addEventListener("change", (ev) => {
    const fs = Array.from(ev.target.files);
    if (fs.length) checkFiles(fs.map((file) => ({ file })));
    ev.target.value = "";
  });
  const drop = $("drop");
  drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (ev) => {
    ev.preventDefault();
    drop.classList.remove("over");
    const fs = Array.from(ev.dataTransfer.files);
    if (fs.length) checkFiles(fs.map((file) => ({ file })));
  });
  $("checkPaste").addEventListener("click", () => {
    const text = $("paste").value;
    if (text.trim() === "") return;
    checkFiles([{ name: t("pasted"), data: new TextEncoder().encode(text) }]);
  });
  $("lang").addEventListener("click", () => { lang = lang === "zh" ? "en" : "zh"; applyLang(); });

  // --- drawing ---

  const msg = (f) => lang === "zh" ? f.message : f.message_en;
  const reason = (r) => lang === "zh" ? r.reason : r.reason_en;
  const pos = (f) => f.line ? `${f.line}:${f.column}` : "";

  function badge(kind, text) { return el("span", { class: "badge " + kind, text }); }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function stem(name) { return name.replace(/\.[^.]*$/, "") || "report"; }

  function drawOne(res, into) {
    into.append(el("dl", { class: "meta" },
      el("dt", { text: t("file") }), el("dd", { text: res.file }),
      el("dt", { text: t("status") }), el("dd", {}, badge(res.status, t("st")[res.status]),
        res.status === "unreadable" ? null : " " + `${res.counts.errors} ${t("errors")} · ${res.counts.warnings} ${t("warnings")} · ${res.counts.info} ${t("info")}`),
      ...(res.status === "unreadable" ? [el("dt", { text: t("reason") }), el("dd", { text: reason(res) })] : [
        el("dt", { text: t("agency") }), el("dd", { text: res.agency || t("unknown") }),
        el("dt", { text: t("year") }), el("dd", { text: res.year ? String(res.year) : t("unknown") }),
        el("dt", { text: t("edition") }), el("dd", { text: t("editionNames")[res.edition] || res.edition || t("unknown") }),
        el("dt", { text: t("period") }), el("dd", { text: res.period || t("unknown") }),
      ])));
    if (res.status === "unreadable") return;

    into.append(el("p", { class: "downloads" },
      el("button", { type: "button", text: t("dlText"), onclick: () => download(stem(res.file) + ".md", "text/markdown;charset=utf-8", res.text) }),
      el("button", { type: "button", text: t("dlJSON"), onclick: () => download(stem(res.file) + ".json", "application/json",
        JSON.stringify({ file: res.file, report: res.report, findings: res.findings }, null, 2) + "\n") }),
      el("button", { type: "button", text: t("dlCSV"), onclick: () => download(stem(res.file) + ".csv", "text/csv;charset=utf-8", "\ufeff" + res.csv) })));

    const report = el("div");
    report.innerHTML = res.html; // RenderHTML's output: every text HTML-escaped
    const cells = new Map();
    for (const td of report.querySelectorAll("td[data-ref]")) cells.set(td.dataset.ref, td);
    const rank = { info: 1, warning: 2, error: 3 };

    into.append(el("h2", { text: t("findings") }));
    if (res.findings.length === 0) into.append(el("p", { text: t("noFindings") }));
    const list = el("ul", { id: "findings" });
    for (const f of res.findings) {
      const tds = f.cells.map((r) => cells.get(r)).filter(Boolean);
      for (const td of tds) {
        const cur = td.dataset.sev;
        if (!cur || rank[f.severity] > rank[cur]) {
          if (cur) td.classList.remove("f-" + cur);
          td.dataset.sev = f.severity;
          td.classList.add("f-" + f.severity);
        }
        td.title = (td.title ? td.title + "\n" : td.dataset.ref + "\n") + `${t("sev")[f.severity]}: ${msg(f)} [${f.code}]`;
        td.tabIndex = 0;
      }
      const show = () => {
        if (!tds.length) return;
        tds[0].scrollIntoView({ block: "center" });
        tds[0].focus();
        for (const td of tds) td.classList.add("flash");
        setTimeout(() => tds.forEach((td) => td.classList.remove("flash")), 1500);
      };
      list.append(el("li", { tabindex: "0", onclick: show, onkeydown: (ev) => { if (ev.key === "Enter") show(); } },
        badge(f.severity, t("sev")[f.severity]), " ",
        el("span", { class: "pos", text: pos(f) }), " ", msg(f), " ",
        el("code", { text: "[" + f.code + "]" })));
    }
    into.append(list);
    into.append(el("h2", { text: t("tables") }), report);
  }

  function drawMany(out, into) {
    into.append(el("p", {}, t("summary")(out.files.length, out.counts.errors, out.counts.warnings)));
    const rows = out.files.map((r, i) => el("tr", {},
      el("td", {}, el("button", { type: "button", text: r.file, onclick: () => { state.open = i; draw(); } })),
      el("td", {}, badge(r.status, t("st")[r.status])),
      el("td", { text: r.agency || "" }),
      el("td", { text: r.year ? String(r.year) : "" }),
      el("td", { text: r.status === "unreadable" ? "" : String(r.counts.errors) }),
      el("td", { text: r.status === "unreadable" ? "" : String(r.counts.warnings) }),
      el("td", { text: r.status === "unreadable" ? reason(r) : "" })));
    into.append(el("table", { class: "files" },
      el("thead", {}, el("tr", {}, ...[t("file"), t("status"), t("agency"), t("year"), t("errors"), t("warnings"), t("reason")].map((h) => el("th", { text: h })))),
      el("tbody", {}, ...rows)));
    into.append(el("h2", { text: t("seriesFindings") }));
    if (out.series.length === 0) into.append(el("p", { text: t("noSeries") }));
    into.append(el("ul", {}, ...out.series.map((f) => el("li", {},
      badge(f.severity, t("sev")[f.severity]), " ",
      el("span", { class: "pos", text: (f.file || "") + (f.line ? ":" + pos(f) : "") }), " ", msg(f), " ",
      el("code", { text: "[" + f.code + "]" })))));
  }

  function draw() {
    const into = $("result");
    into.replaceChildren();
    if (!state) return;
    if (state.kind === "one") { drawOne(state.res, into); return; }
    if (state.open >= 0) {
      into.append(el("p", {}, el("button", { type: "button", text: t("back"), onclick: () => { state.open = -1; draw(); } })));
      drawOne(state.out.files[state.open], into);
      return;
    }
    drawMany(state.out, into);
  }

  applyLang();
  load();
})();
