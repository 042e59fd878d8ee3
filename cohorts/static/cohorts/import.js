// The import page: send the upload or the confirmation in the background and show a progress
// bar meanwhile — the file's upload from the browser, then how far the server got (read from
// the status endpoint twice a second: a progress bar of one's own request, not the live
// dashboard, which never polls). The answer is the page the form would have shown. Without
// JavaScript the forms post as usual; a second click sends nothing.
(function () {
  "use strict";

  function number(value) {
    return Number(value).toLocaleString("vi-VN");
  }

  function start(form, event) {
    var box = form.querySelector("[data-import-progress]");
    if (!box || !window.XMLHttpRequest || !window.FormData) return;
    event.preventDefault();
    if (form.dataset.sending) return; // a double click: the first request is on its way
    if (form.checkValidity && !form.noValidate && !form.checkValidity()) {
      form.reportValidity();
      return;
    }
    form.dataset.sending = "1";
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = true;
    });
    var bar = box.querySelector("progress");
    var label = box.querySelector(".cohort-import-progress__label");
    var count = box.querySelector(".cohort-import-progress__count");
    var job = (form.querySelector("input[name=job]") || {}).value || "";
    var statusUrl = form.dataset.statusUrl + "?job=" + encodeURIComponent(job);
    var finished = false;
    var serverPhase = false;
    box.hidden = false;

    function show(phase, done, total) {
      label.textContent = box.dataset["phase" + phase.charAt(0).toUpperCase() + phase.slice(1)] || label.textContent;
      if (total > 0) {
        bar.value = Math.round((100 * done) / total);
        count.textContent = phase === "send" ? bar.value + "%" : number(done) + " / " + number(total);
      } else {
        bar.removeAttribute("value"); // indeterminate: working, amount unknown
        count.textContent = "";
      }
    }

    function poll() {
      if (finished) return;
      fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (status) {
          if (!finished && status && status.phase) {
            serverPhase = true;
            show(status.phase, status.done, status.total);
          }
        })
        .catch(function () {})
        .then(function () {
          if (!finished) window.setTimeout(poll, 500);
        });
    }

    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("action") || window.location.href);
    request.upload.onprogress = function (progress) {
      if (!serverPhase && progress.lengthComputable) show("send", progress.loaded, progress.total);
    };
    request.upload.onload = function () {
      if (!serverPhase) show("read", 0, 0);
    };
    request.onload = function () {
      finished = true;
      show("wait", 0, 0);
      document.open();
      document.write(request.responseText);
      document.close();
    };
    request.onerror = request.ontimeout = function () {
      finished = true;
      label.textContent = box.dataset.failed;
      count.textContent = "";
      bar.value = 0;
    };
    request.send(new FormData(form));
    window.setTimeout(poll, 300);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest && event.target.closest("[data-import-form]");
    if (form) start(form, event);
  });
})();
