/*
 * Draws the canary analysis charts of the deployment page: for each element with a data-chart attribute, the
 * canary's and the stable slot's value of one metric per analysis interval, and the threshold as a dashed line.
 * Data comes from data attributes (no inline script, so the page works under Jenkins' Content Security Policy).
 */
document.addEventListener("DOMContentLoaded", function () {
  // Colours of the Jenkins theme in use (light, dark, ...), through echarts-api's own resolver.
  function themeColor(name) {
    return echartsJenkinsApi.resolveJenkinsColor(name);
  }
  var text = echartsJenkinsApi.getTextColor();
  document.querySelectorAll(".ecs-deploy-chart[data-chart]").forEach(function (element) {
    var model = JSON.parse(element.dataset.chart);
    if (!model.times || model.times.length === 0) {
      return;
    }
    element.style.height = "260px";
    var chart = echarts.init(element);
    chart.setOption({
      title: { text: element.dataset.title, textStyle: { fontSize: 13, color: text } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0, textStyle: { color: text } },
      xAxis: { type: "category", data: model.times, axisLabel: { color: text } },
      yAxis: { type: "value", axisLabel: { color: text } },
      series: [
        { name: "canary", type: "line", data: model.canary, itemStyle: { color: themeColor("--orange") } },
        { name: "stable", type: "line", data: model.stable, itemStyle: { color: themeColor("--blue") } },
        { name: "fail level", type: "line", data: model.threshold, symbol: "none",
          lineStyle: { type: "dashed" }, itemStyle: { color: themeColor("--red") } },
        { name: "warn level", type: "line", data: model.warn, symbol: "none",
          lineStyle: { type: "dotted" }, itemStyle: { color: themeColor("--yellow") } },
        // Where the interval failed on this metric, a mark on the canary's value.
        { name: "FAIL", type: "scatter", symbolSize: 10, itemStyle: { color: themeColor("--red") },
          data: model.verdicts.map(function (v, i) { return v === "FAIL" ? model.canary[i] : null; }) }
      ]
    });
    window.addEventListener("resize", function () {
      chart.resize();
    });
  });
});
