/*
 * Fills the deployment page's live section from the action's liveStatus JSON (read from AWS at most once every
 * ten seconds for all viewers), so rendering the page itself never waits for AWS. Text only (textContent), never
 * markup from the response; no inline script, so the page works under Jenkins' Content Security Policy.
 */
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("ecs-deploy-live");
  if (!box) {
    return;
  }
  function cell(row, text, tag) {
    var c = document.createElement(tag || "td");
    c.textContent = text;
    row.appendChild(c);
  }
  function show(data) {
    box.textContent = "";
    if (data.error) {
      var p = document.createElement("p");
      p.className = "jenkins-!-warning-color";
      p.textContent = box.dataset.unreadable + data.error;
      box.appendChild(p);
      return;
    }
    var split = document.createElement("p");
    split.textContent = box.dataset.split + ": blue " + data.blue + "%, green " + data.green + "%";
    box.appendChild(split);
    var table = document.createElement("table");
    table.className = "jenkins-table jenkins-table--small";
    var head = table.createTHead().insertRow();
    ["Slot", "Service", "Status", "Image tag", "Revision", "Running / desired", "Healthy targets", "Traffic",
      "URL"].forEach(
      function (h) { cell(head, h, "th"); });
    var body = table.createTBody();
    data.slots.forEach(function (s) {
      var row = body.insertRow();
      cell(row, s.slot + (s.live ? " (" + box.dataset.serving + ")" : ""));
      cell(row, s.service);
      cell(row, s.status || "-");
      cell(row, s.imageTag);
      cell(row, String(s.revision));
      cell(row, s.running + " / " + s.desired);
      cell(row, s.healthy + " / " + s.targets);
      cell(row, s.percent + "%");
      cell(row, s.url || "-");
    });
    box.appendChild(table);
    var refusal = document.getElementById("ecs-deploy-rollback-refusal");
    if (refusal && data.rollbackRefusal) {
      refusal.textContent = data.rollbackRefusal;
    }
  }
  fetch(box.dataset.url, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (json) { show(json.status === "ok" ? json.data : { error: json.message }); })
    .catch(function (e) { show({ error: String(e) }); });
});
