// Sorting and filtering of the report's tables, with no server and no library.
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    return cell.getAttribute("data-sort") || cell.textContent.trim();
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a && String(y) === b) { return x - y; }
    return a.localeCompare(b, undefined, {numeric: true, sensitivity: "base"});
  }
  document.querySelectorAll("table.sortable th").forEach(function (th) {
    th.addEventListener("click", function () {
      var table = th.closest("table"), body = table.tBodies[0];
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      th.parentNode.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (r1, r2) {
        var c = compare(cellValue(r1, index), cellValue(r2, index));
        return ascending ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  var text = document.getElementById("filter-text");
  var state = document.getElementById("filter-state");
  var verdict = document.getElementById("filter-verdict");
  function applyFilters() {
    var needle = text.value.toLowerCase();
    document.querySelectorAll("table.footnotes tbody tr").forEach(function (row) {
      var show = (!needle || row.textContent.toLowerCase().indexOf(needle) !== -1) &&
        (!state.value || row.getAttribute("data-state") === state.value) &&
        (!verdict.value || row.getAttribute("data-verdict") === verdict.value);
      row.hidden = !show;
    });
  }
  [text, state, verdict].forEach(function (el) {
    if (el) { el.addEventListener("input", applyFilters); }
  });
})();
