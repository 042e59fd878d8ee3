/* Attendance marking: save each tap at once, retry with backoff on a flaky connection.
 *
 * Every tap gets a sequence (milliseconds, strictly increasing on this page, and above what the
 * server holds for the row); the server keeps the tap with the highest sequence, so a retried
 * or late request never undoes a newer tap, and the same tap twice changes nothing. Without
 * this script the buttons submit a plain form.
 */
(function () {
  "use strict";
  var list = document.querySelector("[data-attendance]");
  if (!list || !window.fetch) return;
  var url = list.getAttribute("data-url");
  var words = {
    saved: list.getAttribute("data-saved"),
    saving: list.getAttribute("data-saving"),
    retrying: list.getAttribute("data-retrying"),
    refused: list.getAttribute("data-refused")
  };
  var lastSeq = 0;

  function nextSeq(row) {
    var stored = parseInt(row.getAttribute("data-seq") || "0", 10) || 0;
    lastSeq = Math.max(Date.now(), lastSeq + 1, stored + 1);
    return lastSeq;
  }

  function csrf(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function show(row, status) {
    row.setAttribute("data-status", status || "");
    row.querySelectorAll("button[name=status]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.value === status ? "true" : "false");
    });
    counts();
  }

  function state(row, kind, text) {
    row.classList.remove("is-pending", "is-retrying", "is-refused");
    if (kind) row.classList.add("is-" + kind);
    row.querySelector("[data-state]").textContent = text;
  }

  function counts() {
    var totals = { present: 0, absent: 0, excused: 0, unmarked: 0 };
    list.querySelectorAll(".attendance-row").forEach(function (row) {
      totals[row.getAttribute("data-status") || "unmarked"] += 1;
    });
    Object.keys(totals).forEach(function (key) {
      var cell = document.querySelector('[data-count="' + key + '"]');
      if (cell) cell.textContent = totals[key];
    });
  }

  function send(row, form, status, seq, attempt) {
    if (row._wanted !== seq) return; // a newer tap has taken over this row
    var body = new URLSearchParams();
    body.set("learner", row.getAttribute("data-learner"));
    body.set("status", status);
    body.set("seq", String(seq));
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf(form) },
      body: body
    }).then(function (response) {
      if (response.status === 400 || response.status === 403) {
        return response.json().then(function (data) {
          if (row._wanted !== seq) return;
          row._wanted = null;
          state(row, "refused", words.refused + ": " + (data.error || response.status));
        });
      }
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json().then(function (data) {
        if (row._wanted !== seq) return; // a newer tap has taken over this row
        // The server holds an older tap than this one: it was not stored, so send it again.
        if (data.seq < seq) throw new Error("tap " + seq + " not stored");
        row._wanted = null;
        row.setAttribute("data-seq", String(data.seq));
        show(row, data.status); // newer taps from another phone win too
        state(row, null, words.saved);
      });
    }).catch(function () {
      if (row._wanted !== seq) return;
      state(row, "retrying", words.retrying);
      var delay = Math.min(30000, 1000 * Math.pow(2, attempt)) * (0.75 + Math.random() / 2);
      setTimeout(function () { send(row, form, status, seq, attempt + 1); }, delay);
    });
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=status]");
    if (!button) return;
    event.preventDefault();
    var row = button.closest(".attendance-row");
    var form = button.form;
    var seq = nextSeq(row);
    row._wanted = seq;
    show(row, button.value);
    state(row, "pending", words.saving);
    send(row, form, button.value, seq, 0);
  });

  window.addEventListener("online", function () {
    list.querySelectorAll(".attendance-row.is-retrying").forEach(function (row) {
      var pressed = row.querySelector('button[aria-pressed="true"]');
      if (pressed && row._wanted) send(row, pressed.form, pressed.value, row._wanted, 0);
    });
  });
})();
