// quizapp: the student's scores over time. Data comes from a JSON block, never from inline script.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var canvas = document.getElementById("score-chart");
  var data = document.getElementById("score-data");
  if (!canvas || !data || typeof window.Chart === "undefined") { return; }
  var points = JSON.parse(data.textContent);
  // One bar per attempt: quizzes on different articles make no trend to draw a line through.
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: points.map(function (p) { return p.date; }),
      datasets: [{
        label: canvas.getAttribute("data-label"),
        data: points.map(function (p) { return p.percent; }),
        borderColor: "#1f6feb",
        backgroundColor: "#1f6feb",
        maxBarThickness: 36
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
