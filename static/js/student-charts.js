// quizapp: the student's scores over time. Data comes from a JSON block, never from inline script.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var canvas = document.getElementById("score-chart");
  var data = document.getElementById("score-data");
  if (!canvas || !data || typeof window.Chart === "undefined") { return; }
  var points = JSON.parse(data.textContent);
  new window.Chart(canvas, {
    type: "line",
    data: {
      labels: points.map(function (p) { return p.date; }),
      datasets: [{
        label: canvas.getAttribute("data-label"),
        data: points.map(function (p) { return p.percent; }),
        borderColor: "#1f6feb",
        backgroundColor: "#1f6feb",
        pointStyle: "rectRot",
        pointRadius: 5,
        tension: 0.2
      }]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + " %"; } } } },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: function (items) { return points[items[0].dataIndex].label; },
            label: function (item) { return item.parsed.y + " %"; }
          }
        }
      }
    }
  });
});
