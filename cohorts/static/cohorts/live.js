/* The class dashboard, live: one websocket (ws/lop-hoc/<id>/), no polling.
 *
 * The server sends small deltas, a batch per frame ({type: "events", events: [...]}): for a
 * learner, the class's event sequence, the row's summary (status, progress, lessons, last
 * activity, sessions attended, the line under the name) and the changed cells (activity, status,
 * symbol, checked score, the words they say). Where this page shows the learner, the summary
 * and cells are patched in place and highlighted for a moment, and the figures (in progress,
 * completed, needs help) follow. Events from two server processes may cross: a cell or a row is
 * only patched by an event newer than the last one that patched it. On reconnecting, the page
 * sends the last sequence it saw and gets what it missed; when that is no longer kept, it
 * reloads the table once. The connection state is shown in words.
 */
(function () {
  "use strict";
  var state = document.querySelector("[data-live-state]");
  if (!state || !window.WebSocket) return;
  var table = document.querySelector("table.matrix tbody");
  var lastSeq = parseInt(state.getAttribute("data-seq") || "0", 10) || 0;
  var retry = 0;
  var socket = null;

  function say(key, kind) {
    state.textContent = state.getAttribute("data-" + key);
    state.className = "live-state live-" + kind;
  }

  function figure(name) {
    return document.querySelector('[data-figure="' + name + '"]');
  }

  function bump(name, delta) {
    var cell = figure(name);
    if (!cell || !delta) return;
    cell.textContent = String((parseInt(cell.textContent, 10) || 0) + delta);
  }

  function rowState(row) {
    if (!row) return null;
    var status = (row.className.match(/row-(not_started|in_progress|completed)/) || [])[1];
    return { status: status, help: row.classList.contains("row-help") };
  }

  function counters(before, after) {
    if (!before || !after) return;
    if (before.status !== after.status) {
      bump("in_progress", (after.status === "in_progress") - (before.status === "in_progress"));
      bump("completed", (after.status === "completed") - (before.status === "completed"));
      var rate = figure("completion_rate"), done = figure("completed"), total = figure("learners");
      if (rate && done && total) {
        var n = parseInt(total.textContent, 10) || 0;
        rate.textContent = (n ? Math.round(100 * parseInt(done.textContent, 10) / n) : 0) + "%";
      }
    }
    bump("needs_help", after.help - before.help);
  }

  var patched = {}; // "learner" or "learner activity" → sequence of the event that patched it
  var floor = lastSeq; // events up to this one are in the table already (as rendered or reloaded)

  function newer(key, seq) {
    if ((patched[key] || 0) >= seq) return false;
    patched[key] = seq;
    return true;
  }

  function field(row, name) {
    return row.querySelector('[data-field="' + name + '"]');
  }

  function patchRow(row, data) {
    row.className = "row-" + data.status + (data.help ? " row-help" : "");
    var meta = row.querySelector(".learner-meta");
    if (meta) meta.textContent = data.meta;
    var percent = field(row, "percent"), value = Number(data.percent) || 0;
    if (percent) {
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = value;
      bar.setAttribute("aria-hidden", "true");
      percent.replaceChildren(bar, document.createTextNode(value + "%"));
    }
    var lessons = field(row, "lessons");
    if (lessons) lessons.textContent = data.lessons;
    var last = field(row, "last");
    if (last) {
      if (data.last_iso) {
        var time = document.createElement("time");
        time.setAttribute("datetime", data.last_iso);
        time.textContent = data.last;
        last.replaceChildren(time);
      } else {
        last.textContent = "—";
      }
    }
    var present = field(row, "present");
    if (present) present.textContent = String(data.present);
  }

  function span(className, text) {
    var element = document.createElement("span");
    if (className) element.className = className;
    element.textContent = text;
    return element;
  }

  function patchCell(cell, data) {
    var symbol = span("", data.symbol);
    symbol.setAttribute("aria-hidden", "true");
    var parts = [symbol];
    if (data.score !== null && data.score !== undefined) parts.push(span("score", String(data.score)));
    parts.push(span("visually-hidden", data.said));
    cell.replaceChildren.apply(cell, parts);
    cell.className = "cell cell-" + data.status + " live-flash";
    cell.title = data.title;
    setTimeout(function () { cell.classList.remove("live-flash"); }, 2500);
  }

  function apply(event) {
    lastSeq = Math.max(lastSeq, event.seq);
    if (!table || event.seq <= floor) return;
    var row = table.querySelector('tr[data-learner="' + event.learner + '"]');
    if (!row) return; // not on this page (another page, or filtered out)
    var changed = false;
    if (event.row && newer(String(event.learner), event.seq)) {
      var before = rowState(row);
      patchRow(row, event.row);
      counters(before, rowState(row));
      row.classList.add("live-flash");
      setTimeout(function () { row.classList.remove("live-flash"); }, 2500);
      changed = true;
    }
    (event.cells || []).forEach(function (data) {
      var cell = row.querySelector('td[data-activity="' + CSS.escape(data.activity) + '"]');
      if (cell && newer(event.learner + " " + data.activity, event.seq)) {
        patchCell(cell, data);
        changed = true;
      }
    });
    if (!changed) return;
    var count = state.getAttribute("data-updates-count");
    state.setAttribute("data-updates-count", String((parseInt(count, 10) || 0) + 1));
  }

  function reloadTable() {
    say("reloading", "busy");
    return fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, "text/html");
        var fresh = page.querySelector("table.matrix tbody");
        if (fresh && table) { table.innerHTML = fresh.innerHTML; patched = {}; }
        ["learners", "completion_rate", "completed", "in_progress", "needs_help"].forEach(function (name) {
          var from = page.querySelector('[data-figure="' + name + '"]'), to = figure(name);
          if (from && to) to.textContent = from.textContent;
        });
        var seq = page.querySelector("[data-live-state]");
        floor = parseInt(seq && seq.getAttribute("data-seq"), 10) || 0;
        lastSeq = Math.max(lastSeq, floor);
        say("on", "ok");
      })
      .catch(function () { say("offline", "bad"); });
  }

  function connect() {
    say(retry ? "offline" : "connecting", retry ? "bad" : "busy");
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + state.getAttribute("data-url"));
    socket.onopen = function () {
      socket.send(JSON.stringify({ type: "hello", seq: lastSeq }));
    };
    socket.onmessage = function (message) {
      var data;
      try { data = JSON.parse(message.data); } catch (error) { return; }
      if (data.type === "events") (data.events || []).forEach(apply);
      else if (data.type === "event") apply(data);
      else if (data.type === "reload") reloadTable();
      else if (data.type === "ready") {
        retry = 0;
        if (data.seq < lastSeq) { lastSeq = data.seq; reloadTable(); return; } // counter reset
        lastSeq = Math.max(lastSeq, data.seq);
        say("on", "ok");
      }
    };
    socket.onclose = function (close) {
      if (close.code === 4403) { say("refused", "bad"); return; }
      say("offline", "bad");
      var delay = Math.min(30000, 1000 * Math.pow(2, retry++)) * (0.75 + Math.random() / 2);
      setTimeout(connect, delay);
    };
  }

  window.addEventListener("online", function () {
    if (socket && socket.readyState === WebSocket.CLOSED) { retry = 0; connect(); }
  });
  connect();
})();
