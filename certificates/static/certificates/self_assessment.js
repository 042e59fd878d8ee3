// Self-assessment: update the running total and the rule hints as scores are chosen.
// Progressive enhancement only: the server computes and shows the same after every save.
(function () {
  "use strict";
  var form = document.querySelector("[data-cert-form]");
  var summary = document.querySelector("[data-cert-summary]");
  if (!form || !summary) return;
  var cards = Array.prototype.slice.call(form.querySelectorAll("[data-cert-indicator]"));
  var min = parseInt(summary.dataset.min, 10);
  var threshold = parseInt(summary.dataset.threshold, 10);
  var max = parseInt(summary.dataset.max, 10);

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  function update() {
    var total = 0, missing = [], below = [];
    cards.forEach(function (card, index) {
      var checked = card.querySelector("input[data-cert-score]:checked");
      var number = card.id.replace("chi-so-", "") || String(index + 1);
      if (!checked) { missing.push(number); card.classList.remove("cert-indicator-low"); return; }
      var value = parseInt(checked.value, 10);
      total += value;
      var low = value < min;
      if (low) below.push(number);
      card.classList.toggle("cert-indicator-low", low);
    });
    var values = { total: total, max: max, threshold: threshold, min: min,
                   gap: Math.max(0, threshold - total) };
    var lines = [];
    if (missing.length) lines.push(fill(summary.dataset.textMissing, { count: missing.length, numbers: missing.join(", ") }));
    if (below.length) lines.push(fill(summary.dataset.textBelow, { numbers: below.join(", "), min: min }));
    if (total < threshold) lines.push(fill(summary.dataset.textTotal, values));
    var passes = lines.length === 0;
    if (passes) lines.push(fill(summary.dataset.textPass, values));
    document.querySelectorAll("[data-cert-total]").forEach(function (node) {
      node.textContent = String(total);
    });
    var list = summary.querySelector("[data-cert-rule]");
    list.textContent = "";
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    summary.classList.toggle("cert-summary-ok", passes);
  }

  form.addEventListener("change", function (event) {
    if (event.target.matches("input[data-cert-score]")) update();
  });
  update();
})();
