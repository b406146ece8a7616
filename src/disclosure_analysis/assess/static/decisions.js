/* Decisions on findings in the browser (assessment.html): confirm or dismiss each finding with a reason,
   then download decisions.csv for `disclosure-analysis assess --decisions`. Plain JavaScript, no network:
   it works from file://. The findings are the page's decisions.csv as JSON (in a <script
   type="application/json" id="decisions-data">); work in progress is kept in the browser's localStorage
   (per page), so that a reload loses nothing. Every text from a report is put in as text, never as HTML. */
(function () {
  "use strict";
  var root = document.getElementById("decisions-app");
  var source = document.getElementById("decisions-data");
  if (!root || !source) return;
  var data = JSON.parse(source.textContent);
  var columns = data.columns; // the header of decisions.csv, in order
  var rows = data.rows; // objects keyed by header
  var KEY = "问题编号", DECISION = "决定", NOTE = "理由", BY = "决定人", DATE = "日期";
  var store = "disclosure-analysis:decisions:" + location.pathname;
  var saved = {};
  try { saved = JSON.parse(localStorage.getItem(store) || "{}"); } catch (e) { saved = {}; }
  rows.forEach(function (r) {
    var s = saved[r[KEY]];
    if (s) { r[DECISION] = s.decision; r[NOTE] = s.note; r[BY] = s.by; r[DATE] = s.date; }
  });

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function save() {
    var out = {};
    rows.forEach(function (r) {
      if (r[DECISION] || r[NOTE]) out[r[KEY]] = { decision: r[DECISION], note: r[NOTE], by: r[BY], date: r[DATE] };
    });
    try { localStorage.setItem(store, JSON.stringify(out)); } catch (e) { /* storage may be off */ }
    count();
  }

  var who = el("input", { type: "text", id: "decisions-by", placeholder: "评估人员姓名", size: "12" });
  var level = el("select", { id: "decisions-level" });
  [["", "全部级别"], ["错误", "错误"], ["警告", "警告"], ["提示", "提示"]].forEach(function (o) {
    level.appendChild(el("option", { value: o[0] }, o[1]));
  });
  var open = el("input", { type: "checkbox", id: "decisions-open" });
  var search = el("input", { type: "search", id: "decisions-search", placeholder: "按机构、指标或说明筛选", size: "24" });
  var download = el("button", { type: "button", id: "decisions-download" }, "下载 decisions.csv");
  var status = el("span", { id: "decisions-count", class: "decisions-count" });
  var bar = el("div", { class: "decisions-bar" });
  [el("label", { for: "decisions-by" }, "决定人："), who, level, open, el("label", { for: "decisions-open" }, "只看未决定的"),
   search, download, status].forEach(function (n) { bar.appendChild(n); });
  root.appendChild(bar);

  var shown = ["机构", "年度", "指标", "规则", "级别", "位置", "说明"];
  var table = el("table", { class: "decisions-table" });
  var head = el("tr");
  shown.concat(["决定", "理由"]).forEach(function (h) { head.appendChild(el("th", {}, h)); });
  table.appendChild(el("thead")).appendChild(head);
  var body = table.appendChild(el("tbody"));
  root.appendChild(table);

  rows.forEach(function (r, i) {
    var tr = el("tr", { "data-key": r[KEY] });
    shown.forEach(function (h) { tr.appendChild(el("td", {}, r[h] === undefined ? "" : r[h])); });
    var cell = el("td", { class: "decisions-choice" });
    [["确认", "确认"], ["驳回", "驳回"], ["", "未决定"]].forEach(function (o) {
      var id = "d" + i + "-" + (o[0] || "none");
      var radio = el("input", { type: "radio", name: "d" + i, value: o[0], id: id });
      radio.checked = (r[DECISION] || "") === o[0];
      radio.addEventListener("change", function () {
        r[DECISION] = o[0];
        r[BY] = o[0] ? who.value.trim() : "";
        r[DATE] = o[0] ? today() : "";
        save();
      });
      cell.appendChild(radio);
      cell.appendChild(el("label", { for: id }, o[1]));
    });
    tr.appendChild(cell);
    var note = el("input", { type: "text", class: "decisions-note", placeholder: "理由", size: "18" });
    note.value = r[NOTE] || "";
    note.addEventListener("input", function () { r[NOTE] = note.value; save(); });
    tr.appendChild(el("td")).appendChild(note);
    body.appendChild(tr);
  });

  function filter() {
    var text = search.value.trim();
    Array.prototype.forEach.call(body.rows, function (tr, i) {
      var r = rows[i];
      var hit = (!level.value || r["级别"] === level.value) && (!open.checked || !r[DECISION]) &&
        (!text || shown.some(function (h) { return String(r[h] || "").indexOf(text) >= 0; }));
      tr.style.display = hit ? "" : "none";
    });
  }
  function count() {
    var done = rows.filter(function (r) { return r[DECISION]; }).length;
    status.textContent = "已决定 " + done + " 条，共 " + rows.length + " 条";
  }
  [level, open, search].forEach(function (n) { n.addEventListener("input", filter); n.addEventListener("change", filter); });

  function csvField(value) {
    var text = value === undefined || value === null ? "" : String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  download.addEventListener("click", function () {
    var lines = [columns.map(csvField).join(",")];
    rows.forEach(function (r) { lines.push(columns.map(function (c) { return csvField(r[c]); }).join(",")); });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var link = el("a", { href: URL.createObjectURL(blob), download: "decisions.csv" });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });
  count();
  filter();
})();
