// Sorting and filtering of the report's tables, with no server and no library.  Without it
// the page is whole (every row, in the report's order) and offers no control that would do
// nothing: the filters stay hidden until this script shows them.
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
  // Each row's key is read once, not at each comparison: a table of thousands of rows
  // would read every cell's text a dozen times.
  function sortBy(th) {
    var body = th.closest("table").tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    th.parentNode.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var keyed = Array.prototype.map.call(body.rows, function (row) { return [cellValue(row, index), row]; });
    keyed.sort(function (k1, k2) {
      var c = compare(k1[0], k2[0]);
      return ascending ? c : -c;
    });
    var sorted = document.createDocumentFragment();
    keyed.forEach(function (k) { sorted.appendChild(k[1]); });
    body.appendChild(sorted);
  }
  // A column header's words become a button: a keyboard (Tab, then Enter or Space) sorts as
  // a click does, and a screen reader says the header can be pressed.
  document.querySelectorAll("table.sortable thead th").forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(th); });
  });
  var filters = document.querySelector(".filters");
  if (!filters) { return; }   // a report of an empty database: no table to filter
  var text = document.getElementById("filter-text");
  var state = document.getElementById("filter-state");
  var verdict = document.getElementById("filter-verdict");
  var count = document.getElementById("filter-count");
  var rows = document.querySelectorAll("table.footnotes tbody tr");
  // The choices of each select: the states and verdicts the rows hold, read from them here,
  // so that the report is written in one pass over its rows (an offered choice shows a row).
  function addChoices(select, attribute) {
    var held = {};
    rows.forEach(function (row) { held[row.getAttribute(attribute) || ""] = true; });
    Object.keys(held).filter(Boolean).sort().forEach(function (value) {
      var option = document.createElement("option");
      option.textContent = value;
      select.appendChild(option);
    });
  }
  addChoices(state, "data-state");
  addChoices(verdict, "data-verdict");
  var words = null;   // each row's text in lower case, read at the first search, not at each key
  function applyFilters() {
    var needle = text.value.toLowerCase(), wanted = [state.value, verdict.value], shown = 0;
    if (needle && !words) {
      words = Array.prototype.map.call(rows, function (row) { return row.textContent.toLowerCase(); });
    }
    rows.forEach(function (row, i) {
      var show = (!needle || words[i].indexOf(needle) !== -1) &&
        (!wanted[0] || row.getAttribute("data-state") === wanted[0]) &&
        (!wanted[1] || row.getAttribute("data-verdict") === wanted[1]);
      if (row.hidden === show) { row.hidden = !show; }   // (a row left as it is costs no style work)
      shown += show ? 1 : 0;
    });
    // said by a screen reader (role="status") as the rows shown change
    count.textContent = needle || wanted[0] || wanted[1] ? shown + " of " + rows.length + " footnotes shown" : "";
  }
  [text, state, verdict].forEach(function (el) { el.addEventListener("input", applyFilters); });
  // The sticky column headers stop below the sticky filters, not under them.
  function headersBelowFilters() {
    var sticky = getComputedStyle(filters).position === "sticky";
    document.documentElement.style.setProperty("--filters-height", sticky ? filters.offsetHeight + "px" : "0px");
  }
  filters.hidden = false;
  headersBelowFilters();
  window.addEventListener("resize", headersBelowFilters);
})();
