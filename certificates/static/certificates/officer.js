// Officers' lists: "select all" ticks every row checkbox of its table. Without JavaScript the
// rows are ticked one by one, or "apply to every application the filters match" is used.
(function () {
  "use strict";
  document.querySelectorAll("[data-cdht-all]").forEach(function (all) {
    var table = all.closest("table");
    if (!table) return;
    all.addEventListener("change", function () {
      table.querySelectorAll("tbody input[type=checkbox]").forEach(function (box) {
        box.checked = all.checked;
      });
    });
  });
})();
