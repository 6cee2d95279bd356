/* Draw the report charts with the vendored Chart.js: every <canvas data-chart="key" data-type="bar|doughnut">
   takes {labels, values} from the JSON in <script id="chart-data">. No network, no inline handlers. */
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof window.Chart === "undefined") { return; }
  var data;
  try { data = JSON.parse(source.textContent); } catch (e) { return; }
  var palette = ["#0b4f8a", "#a3161b", "#17683a", "#8a5a00", "#5b6470", "#6a3d9a", "#1f9e89", "#e08214"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var series = data[canvas.getAttribute("data-chart")];
    if (!series || !series.values || !series.values.length) { canvas.hidden = true; return; }
    var type = canvas.getAttribute("data-type") || "bar";
    var colors = series.values.map(function (_v, i) { return palette[i % palette.length]; });
    // a box of fixed height keeps doughnuts from growing with the page width
    if (!canvas.parentNode.classList.contains("chart-box")) {
      var box = document.createElement("div");
      box.className = "chart-box";
      canvas.parentNode.insertBefore(box, canvas);
      box.appendChild(canvas);
    }
    new window.Chart(canvas, {
      type: type,
      data: { labels: series.labels, datasets: [{ data: series.values, backgroundColor: colors }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: type !== "bar", position: "bottom" } },
        scales: type === "bar" ? { y: { beginAtZero: true, ticks: { precision: 0 } } } : {}
      }
    });
  });
})();
