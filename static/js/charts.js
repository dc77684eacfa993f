// quizapp reports: charts drawn by Chart.js from JSON data blocks, and sortable tables.
// No inline script: each <canvas data-chart="ID"> reads <script type="application/json" id="ID">.
"use strict";

(function () {
  function readData(id) {
    var node = document.getElementById(id);
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function drawChart(canvas) {
    var data = readData(canvas.getAttribute("data-chart"));
    if (!data || typeof window.Chart === "undefined") { return; }
    var color = getComputedStyle(document.documentElement).getPropertyValue("--pico-primary").trim() || "#466eb4";
    var names = (data.meta && data.meta.names) || null;
    new window.Chart(canvas, {
      type: data.kind === "line" ? "line" : "bar",
      data: {
        labels: data.labels,
        datasets: [{
          label: data.y_label || data.title,
          data: data.values,
          backgroundColor: color,
          borderColor: color,
          tension: 0.2,
          spanGaps: true
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          title: { display: true, text: data.title },
          tooltip: names ? { callbacks: { afterLabel: function (item) { return names[item.dataIndex] || ""; } } } : {}
        },
        scales: {
          y: {
            beginAtZero: true,
            max: data.y_max || undefined,
            ticks: data.y_max ? {} : { precision: 0 },  // counts of students are whole numbers
            title: { display: !!data.y_label, text: data.y_label }
          },
          x: { title: { display: !!data.x_label, text: data.x_label } }
        }
      }
    });
  }

  // --- sortable tables: click a header with data-sort to sort by that column ---------
  function cellValue(row, index, type) {
    var cell = row.cells[index];
    if (!cell) { return type === "number" ? -Infinity : ""; }
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    if (type === "number") {
      var n = parseFloat(String(raw).replace(",", "."));
      return isNaN(n) ? -Infinity : n;
    }
    return raw.toLocaleLowerCase();
  }

  function sortBy(table, header) {
    var index = Array.prototype.indexOf.call(header.parentNode.cells, header);
    var type = header.getAttribute("data-sort");
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(header.parentNode.cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var collator = new Intl.Collator(document.documentElement.lang || "fr", { numeric: true });
    rows.sort(function (a, b) {
      var x = cellValue(a, index, type), y = cellValue(b, index, type);
      var order = type === "number" ? (x - y) : collator.compare(x, y);
      return ascending ? order : -order;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
  }

  function makeSortable(table) {
    Array.prototype.forEach.call(table.querySelectorAll("thead th[data-sort]"), function (th) {
      th.tabIndex = 0;
      th.classList.add("sortable-header");
      th.addEventListener("click", function () { sortBy(table, th); });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, th); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), function (canvas) {
      canvas.parentNode.style.position = "relative";
      canvas.parentNode.style.height = "16rem";
      drawChart(canvas);
    });
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), makeSortable);
  });
})();
