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
      source: "原文（行号即检查结果中的位置）", noSource: "Word 文件的位置是段落序号，不显示原文。",
      lineLink: (n) => `第 ${n} 行`, cellsLink: "表格中的单元格",
      dlHTML: "下载 HTML（官方表格格式）", dlExport: "下载宽表 CSV（每份报告一行）",
      chart: (a) => `${a}：主要数字的年度变化`, chartYear: "年度", chartValue: "件数",
      keys: { "t3.new.total": "本年新收申请", "t3.total.total": "办理结果总计", "t3.carried_forward.total": "结转下年度继续办理", "t4.review.total": "行政复议总计" },
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
      source: "The source text (line numbers as in the findings)", noSource: "A Word file's positions are paragraph numbers; its text is not shown.",
      lineLink: (n) => `line ${n}`, cellsLink: "cells in the tables",
      dlHTML: "Download HTML (official layout)", dlExport: "Download wide CSV (one row per report)",
      chart: (a) => `${a}: key numbers by year`, chartYear: "Year", chartValue: "Count",
      keys: { "t3.new.total": "new requests", "t3.total.total": "requests handled, total", "t3.carried_forward.total": "carried forward", "t4.review.total": "administrative reviews, total" },
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
      el("button", { type: "button", text: t("dlCSV"), onclick: () => download(stem(res.file) + ".csv", "text/csv;charset=utf-8", "\ufeff" + res.csv) }),
      el("button", { type: "button", text: t("dlHTML"), onclick: () => download(stem(res.file) + ".html", "text/html;charset=utf-8", res.page) })));

    const report = el("div");
    report.innerHTML = res.html; // RenderHTML's output: every text HTML-escaped
    const cells = new Map();
    for (const td of report.querySelectorAll("td[data-ref]")) cells.set(td.dataset.ref, td);
    const rank = { info: 1, warning: 2, error: 3 };

    // The source text, one numbered line per line, so that a finding can
    // point at its line.
    const source = el("div", { id: "source", class: "source" });
    const lines = [];
    if (res.source) {
      res.source.split("\n").forEach((text, i) => {
        const line = el("div", { class: "src-line", id: "L" + (i + 1) },
          el("span", { class: "ln", text: String(i + 1) }), el("span", { class: "tx", text: text }));
        lines.push(line);
      });
      source.append(...lines);
    } else {
      source.append(el("p", { class: "note", text: t("noSource") }));
    }
    const showLine = (n) => {
      const line = lines[n - 1];
      if (!line) return;
      for (const l of source.querySelectorAll(".hl")) l.classList.remove("hl");
      line.classList.add("hl");
      source.scrollTop = line.offsetTop - source.offsetTop - source.clientHeight / 3;
      line.scrollIntoView({ block: "center" });
    };
    // A value cell's click goes to its place in the source.
    for (const c of res.cells || []) {
      const td = cells.get(c.ref);
      if (td && c.line && lines[c.line - 1]) td.addEventListener("click", () => showLine(c.line));
    }

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
      const toLine = f.line && lines[f.line - 1] ? el("a", { class: "line-link", href: "#L" + f.line, "data-line": String(f.line), text: t("lineLink")(f.line),
        onclick: (ev) => { ev.preventDefault(); ev.stopPropagation(); showLine(f.line); } }) : null;
      const toCells = tds.length ? el("a", { class: "cells-link", href: "#", text: t("cellsLink"),
        onclick: (ev) => { ev.preventDefault(); ev.stopPropagation(); show(); } }) : null;
      list.append(el("li", { tabindex: "0", onclick: show, onkeydown: (ev) => { if (ev.key === "Enter") show(); } },
        badge(f.severity, t("sev")[f.severity]), " ",
        el("span", { class: "pos", text: pos(f) }), " ", msg(f), " ",
        el("code", { text: "[" + f.code + "]" }),
        toLine ? " · " : null, toLine, toCells ? " · " : null, toCells));
    }
    into.append(list);
    into.append(el("div", { class: "side" },
      el("section", { class: "tables" }, el("h2", { text: t("tables") }), report),
      el("section", { class: "src" }, el("h2", { text: t("source") }), source)));
  }

  // --- the chart of several years of one agency ---

  const KEYS = ["t3.new.total", "t3.total.total", "t3.carried_forward.total", "t4.review.total"];
  const COLORS = ["#1a56c4", "#2e7d32", "#a85f00", "#b00020"];
  // The SVG namespace, from the HTML parser rather than written out, so
  // that the page names no URL at all (TestPageStaysLocal).
  const SVG = (() => { const d = document.createElement("div"); d.innerHTML = "<svg></svg>"; return d.firstChild.namespaceURI; })();
  const svg = (tag, attrs, ...kids) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const c of kids) if (c != null) e.append(c);
    return e;
  };

  // seriesByAgency returns, for every agency with reports of at least two
  // years, its years in order and each key number per year (null when the
  // report has no such cell or no number in it).
  function seriesByAgency(files) {
    const by = new Map();
    for (const r of files) {
      if (r.status === "unreadable" || !r.agency || !r.year) continue;
      if (!by.has(r.agency)) by.set(r.agency, new Map());
      const years = by.get(r.agency);
      if (years.has(r.year)) continue; // the first file of a year counts
      const vals = {};
      for (const c of r.cells || []) {
        if (KEYS.includes(c.ref) && c.kind === "number") vals[c.ref] = Number(c.value);
      }
      years.set(r.year, vals);
    }
    const out = [];
    for (const [agency, years] of by) {
      if (years.size < 2) continue;
      const ys = [...years.keys()].sort((a, b) => a - b);
      out.push({ agency, years: ys, values: KEYS.map((k) => ys.map((y) => years.get(y)[k] ?? null)) });
    }
    return out;
  }

  // niceMax rounds m up to 1, 2 or 5 times a power of ten.
  function niceMax(m) {
    if (!(m > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(m)));
    for (const f of [1, 2, 5, 10]) if (f * p >= m) return f * p;
    return 10 * p;
  }

  function chart(s) {
    const W = 720, H = 300, L = 64, R = 220, Tp = 16, B = 48;
    const w = W - L - R, h = H - Tp - B;
    const all = s.values.flat().filter((v) => v != null);
    const max = niceMax(Math.max(0, ...all));
    const x = (i) => L + (s.years.length === 1 ? w / 2 : (i * w) / (s.years.length - 1));
    const y = (v) => Tp + h - (v / max) * h;
    const g = svg("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, width: String(W), height: String(H), role: "img",
      "aria-label": t("chart")(s.agency), "data-agency": s.agency });
    g.append(svg("title", { text: t("chart")(s.agency) }));
    for (let k = 0; k <= 5; k++) {
      const v = (max * k) / 5;
      g.append(svg("line", { class: "grid", x1: L, x2: L + w, y1: y(v), y2: y(v) }),
        svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", text: String(Math.round(v * 100) / 100) }));
    }
    g.append(svg("line", { class: "axis", x1: L, x2: L + w, y1: Tp + h, y2: Tp + h }),
      svg("line", { class: "axis", x1: L, x2: L, y1: Tp, y2: Tp + h }));
    s.years.forEach((yr, i) => g.append(svg("text", { x: x(i), y: Tp + h + 16, "text-anchor": "middle", text: String(yr) })));
    g.append(svg("text", { class: "axis-label", x: L + w / 2, y: H - 6, "text-anchor": "middle", text: t("chartYear") }),
      svg("text", { class: "axis-label", x: 14, y: Tp + h / 2, "text-anchor": "middle", transform: `rotate(-90 14 ${Tp + h / 2})`, text: t("chartValue") }));
    KEYS.forEach((key, k) => {
      const pts = s.values[k].map((v, i) => (v == null ? null : [x(i), y(v), v, s.years[i]]));
      let d = "";
      let pen = false;
      for (const p of pts) {
        if (!p) { pen = false; continue; }
        d += (pen ? "L" : "M") + p[0].toFixed(1) + " " + p[1].toFixed(1);
        pen = true;
      }
      if (d) g.append(svg("path", { d, fill: "none", stroke: COLORS[k], "stroke-width": "2", "data-key": key }));
      for (const p of pts) {
        if (p) g.append(svg("circle", { cx: p[0], cy: p[1], r: 3.5, fill: COLORS[k] },
          svg("title", { text: `${p[3]} ${t("keys")[key]} (${key}): ${p[2]}` })));
      }
      const ly = Tp + 10 + k * 20;
      g.append(svg("line", { x1: L + w + 16, x2: L + w + 36, y1: ly, y2: ly, stroke: COLORS[k], "stroke-width": "2" }),
        svg("text", { x: L + w + 42, y: ly + 4, text: t("keys")[key] }));
    });
    return g;
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
    into.append(el("p", { class: "downloads" },
      el("button", { type: "button", text: t("dlExport"), onclick: () => download("nianbao-export.csv", "text/csv;charset=utf-8", "\ufeff" + out.export) })));
    for (const sr of seriesByAgency(out.files)) {
      into.append(el("h2", { text: t("chart")(sr.agency) }), chart(sr));
    }
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
