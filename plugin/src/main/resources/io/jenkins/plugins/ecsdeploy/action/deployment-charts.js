/*
 * Draws the canary analysis charts of the deployment page: for each element with a data-chart attribute, the
 * canary's and the stable slot's value of one metric per analysis interval, and the threshold as a dashed line.
 * Data comes from data attributes (no inline script, so the page works under Jenkins' Content Security Policy).
 */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".ecs-deploy-chart[data-chart]").forEach(function (element) {
    var model = JSON.parse(element.dataset.chart);
    if (!model.times || model.times.length === 0) {
      return;
    }
    element.style.height = "260px";
    var chart = echarts.init(element);
    chart.setOption({
      title: { text: element.dataset.title, textStyle: { fontSize: 13 } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      xAxis: { type: "category", data: model.times },
      yAxis: { type: "value" },
      series: [
        { name: "canary", type: "line", data: model.canary },
        { name: "stable", type: "line", data: model.stable },
        { name: "threshold", type: "line", data: model.threshold, lineStyle: { type: "dashed" }, symbol: "none" }
      ]
    });
    window.addEventListener("resize", function () {
      chart.resize();
    });
  });
});
