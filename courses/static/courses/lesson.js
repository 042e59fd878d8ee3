/* Lesson page: lazy H5P frames, the trusted bridge for their messages, and quizzes without
 * page reloads. The player frames are sandboxed (no allow-same-origin): they cannot read our
 * cookies or call our APIs as the learner. Their only way out is postMessage to this script,
 * which checks the sending frame and the message's shape before forwarding anything.
 *
 * The frame's first document is sandboxed by its own response (CSP "sandbox allow-scripts",
 * courses.player.frame_csp), not by the iframe's attribute: browsers give a frame sandboxed by
 * its attribute no service worker, and a downloaded activity must open offline the first time.
 * Once it has loaded, the attribute is added (every later navigation of the frame is sandboxed
 * by it too), and only then does this page hand the frame any player or package file; a frame
 * that is not an opaque origin gets no answer at all (event.origin must be "null"). */
(function () {
  "use strict";

  var MAX_MESSAGE_CHARS = 65536;
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.getAttribute("content") : "";
  var frames = []; // {iframe, slot, iri, block}

  function post(url, body, extraHeaders) {
    var headers = { "Content-Type": "application/json", "X-CSRFToken": csrfToken };
    Object.keys(extraHeaders || {}).forEach(function (k) { headers[k] = extraHeaders[k]; });
    return fetch(url, {
      method: "POST", credentials: "same-origin", headers: headers, body: JSON.stringify(body)
    });
  }

  function uuid4() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  /* Statements and resume states go to the phone's outbox first (offline/queue.js, through
   * window.cdhtOffline), which delivers them in order with their ids until the server has them
   * (a statement sent twice is stored once), after a drop, a reload or the phone being closed.
   * Meanwhile the learner is told the answer is kept on the phone, and then that it is saved.
   * Without an outbox (no IndexedDB) a statement is sent straight away, once. */
  var pending = {}; // statement id → entry, while not delivered

  function outbox() { return window.cdhtOffline || null; }

  function pendingFor(entry) {
    return Object.keys(pending).some(function (id) { return pending[id] === entry; });
  }

  function saveStatus(entry, state) {
    var box = entry.status;
    if (!box) return;
    if (state === "saved" && !box.getAttribute("data-state")) return; // nothing was said yet
    box.setAttribute("data-state", state);
    box.className = "h5p-save-status message " +
      (state === "saved" ? "message-success" : state === "refused" ? "message-error" : "message-warning");
    box.textContent = box.getAttribute("data-text-" + state) || "";
    box.hidden = false;
  }

  function settle(entry, statement, status) {
    delete pending[statement.id];
    saveStatus(entry, status < 300 ? (pendingFor(entry) ? "pending" : "saved") : "refused");
    entry.slot.dispatchEvent(new CustomEvent("cdht:statement", {
      bubbles: true, detail: { status: status, verb: statement.verb && statement.verb.id }
    }));
  }

  function statementSend(entry, statement) {
    if (!statement.timestamp) statement.timestamp = new Date().toISOString(); // when, not when sent
    pending[statement.id] = entry;
    var box = outbox();
    var direct = function () {
      post(entry.statementsUrl, statement, { "X-Experience-API-Version": "1.0.3" })
        .then(function (response) { settle(entry, statement, response.status); })
        .catch(function () { saveStatus(entry, "pending"); });
    };
    if (!box) { direct(); return; }
    box.enqueue({ kind: "statement", url: entry.statementsUrl, body: statement, ref: statement.id })
      .then(function () { return box.flush(); })
      .then(function () {
        // Not delivered by this round (offline, server busy): say it is kept on the phone.
        if (pending[statement.id]) saveStatus(entry, "pending");
      }, function () { if (pending[statement.id]) direct(); });
  }

  function stateSend(entry, state) {
    var body = { activity: entry.iri, state: state, at: new Date().toISOString() };
    var box = outbox();
    if (box) box.enqueue({ kind: "state", url: entry.stateUrl, body: body }).catch(function () {});
    else post(entry.stateUrl, body).catch(function () {});
  }

  function onDelivered(message) {
    var record = message.record;
    if (record.kind === "statement") {
      var entry = pending[record.body.id];
      if (entry) settle(entry, record.body, message.status);
    } else if (record.kind === "quiz") {
      var form = document.querySelector('form[data-quiz][action="' + record.url + '"]');
      if (form) quizDelivered(form, message);
    }
  }

  window.addEventListener("beforeunload", function (event) {
    // Records in the outbox are safe on the phone; only a statement without one could be lost.
    if (!outbox() && Object.keys(pending).length) { event.preventDefault(); event.returnValue = ""; }
  });

  function frameFor(source) {
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].iframe.contentWindow === source) return frames[i];
    }
    return null;
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function belongsTo(statement, entry) {
    // A frame may only speak about its own activity (or its sub-questions).
    if (!isPlainObject(statement) || !isPlainObject(statement.object)) return false;
    var id = statement.object.id;
    if (typeof id !== "string") return false;
    return id === entry.iri || id.indexOf(entry.iri + "?") === 0;
  }

  /* The frame's player files, fetched here: Chromium never caches what an opaque-origin frame
   * fetches itself, this page's fetches go through the ordinary cache. Only the player's own
   * addresses (the slot's data-player-files prefixes, same origin) and without cookies, so
   * the frame gets nothing it could not fetch itself. */
  function playerFileFetch(entry, data) {
    if (!entry.ready) { entry.waiting.push(data); return; } // not before the sandbox attribute
    function answer(ok, body) {
      entry.iframe.contentWindow.postMessage(
        { type: "cdht:fetched", id: data.id, ok: ok, body: ok ? body : "" }, "*");
    }
    var url;
    try { url = new URL(data.url, window.location.href); } catch (e) { answer(false); return; }
    var allowed = url.origin === window.location.origin && entry.playerFiles.some(function (prefix) {
      return prefix && url.pathname.indexOf(prefix) === 0;
    });
    if (!allowed || url.pathname.indexOf("/../") >= 0) { answer(false); return; }
    fetch(url.href, { credentials: "omit", redirect: "error" }).then(function (response) {
      if (!response.ok) { answer(false); return; }
      var body = data.as === "buffer" ? response.arrayBuffer() : response.text();
      return body.then(function (value) { answer(true, value); });
    }).catch(function () { answer(false); });
  }

  function onMessage(event) {
    var entry = frameFor(event.source);
    if (!entry || event.origin !== "null") return; // only our sandboxed frames
    var data = event.data;
    if (!isPlainObject(data) || typeof data.type !== "string") return;
    var size;
    try { size = JSON.stringify(data).length; } catch (e) { return; }
    if (size > MAX_MESSAGE_CHARS) return;
    if (data.type === "cdht:xapi" && belongsTo(data.statement, entry)) {
      var statement = data.statement;
      delete statement.actor; // the server sets the learner; never trust the player's actor
      if (typeof statement.id !== "string") statement.id = uuid4(); // retries stay idempotent
      if (!entry.statementsUrl) return;
      statementSend(entry, statement);
    } else if (data.type === "cdht:state" && typeof data.state === "string") {
      stateSend(entry, data.state);
    } else if (data.type === "cdht:fetch" && typeof data.url === "string" && typeof data.id === "number") {
      playerFileFetch(entry, data);
    } else if (data.type === "cdht:height" && typeof data.height === "number") {
      entry.iframe.style.height = Math.max(200, Math.min(data.height, 4000)) + "px";
    } else if ((data.type === "cdht:error" || data.type === "cdht:csp") && window.console) {
      // The frame contained an error of ours, or its policy blocked something: say so here,
      // where a developer looks (the frame's own console is easy to miss).
      console.warn(data.type + " " + JSON.stringify({
        iri: entry.iri, where: String(data.where || ""), message: String(data.message || ""),
        directive: String(data.directive || ""), blocked: String(data.blocked || "")
      }));
    }
  }

  /* Whether the activity's frame can be had now: offline, only if its course was downloaded
   * (the service worker answers from the learner's copy, or the fetch fails). */
  function frameAvailable(src) {
    if (navigator.onLine) return Promise.resolve(true);
    return fetch(src, { credentials: "same-origin", redirect: "error" })
      .then(function (response) { return response.ok; }, function () { return false; });
  }

  function mount(slot) {
    if (slot.getAttribute("data-mounted")) return;
    slot.setAttribute("data-mounted", "1");
    var src = slot.getAttribute("data-h5p-frame");
    frameAvailable(src).then(function (available) {
      if (available) { frameOpen(slot, src); return; }
      // Offline and not downloaded: say so, and open it when the connection returns.
      slot.removeAttribute("data-mounted");
      var notice = slot.querySelector(".h5p-loading");
      if (notice) notice.textContent = slot.getAttribute("data-text-offline") || notice.textContent;
      window.addEventListener("online", function () { mount(slot); }, { once: true });
    });
  }

  function frameOpen(slot, src) {
    var iframe = document.createElement("iframe");
    iframe.setAttribute("title", slot.getAttribute("data-title") || "H5P");
    iframe.setAttribute("referrerpolicy", "no-referrer");
    iframe.className = "h5p-frame";
    var entry = {
      iframe: iframe,
      slot: slot,
      ready: false,
      waiting: [], // the frame's file requests, answered once it is sandboxed by the attribute
      status: slot.parentNode.querySelector(".h5p-save-status"),
      iri: slot.getAttribute("data-iri"),
      playerFiles: (slot.getAttribute("data-player-files") || "").split(" "),
      statementsUrl: slot.getAttribute("data-statements-url"),
      stateUrl: slot.getAttribute("data-state-url")
    };
    var loading = slot.querySelector(".h5p-loading");
    iframe.addEventListener("load", function () {
      iframe.setAttribute("sandbox", "allow-scripts");
      if (loading) loading.remove();
      if (entry.ready) return;
      entry.ready = true;
      entry.waiting.splice(0).forEach(function (data) { playerFileFetch(entry, data); });
    });
    iframe.src = src;
    slot.appendChild(iframe);
    frames.push(entry);
  }

  function setUpFrames() {
    var slots = document.querySelectorAll("[data-h5p-frame]");
    if (!slots.length) return;
    window.addEventListener("message", onMessage);
    if (!("IntersectionObserver" in window)) {
      slots.forEach(mount);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { observer.unobserve(e.target); mount(e.target); }
      });
    }, { rootMargin: "200px 0px" });
    slots.forEach(function (slot) { observer.observe(slot); });
  }

  function renderQuizResult(form, data) {
    form.setAttribute("data-checked-" + form.getAttribute("data-submission"), "1");
    form.querySelectorAll("[data-question]").forEach(function (fieldset) {
      var index = Number(fieldset.getAttribute("data-question"));
      var box = fieldset.querySelector(".question-feedback");
      var q = data.questions[index];
      box.textContent = "";
      if (!q) return;
      var verdict = document.createElement("p");
      verdict.className = q.correct ? "ok" : "bad";
      verdict.textContent = q.correct ? form.getAttribute("data-text-correct") : form.getAttribute("data-text-wrong");
      box.appendChild(verdict);
      q.feedback.forEach(function (line) {
        var p = document.createElement("p"); p.textContent = line; box.appendChild(p);
      });
    });
    var summary = form.querySelector(".quiz-result");
    summary.textContent = "";
    var p = document.createElement("p");
    p.className = "message " + (data.passed ? "message-success" : "message-warning");
    p.textContent = (data.passed ? form.getAttribute("data-text-passed") : form.getAttribute("data-text-failed"))
      .replace("{score}", data.score).replace("{max}", data.max).replace("{mark}", data.pass_mark);
    summary.appendChild(p);
  }

  function quizMessage(form, className, message) {
    var summary = form.querySelector(".quiz-result");
    summary.textContent = "";
    var p = document.createElement("p");
    p.className = className;
    p.setAttribute("role", "alert");
    p.textContent = message;
    summary.appendChild(p);
  }

  function submissionOf(record) {
    var pair = record.form.filter(function (p) { return p[0] === "submission_id"; })[0];
    return pair ? pair[1] : "";
  }

  function quizDelivered(form, message) {
    var shown = form.getAttribute("data-submission");
    // An earlier submission of this quiz, answered again since on this page: not its result.
    if (shown && shown !== submissionOf(message.record)) return;
    form.setAttribute("data-submission", submissionOf(message.record));
    if (message.status === 200 && message.data) renderQuizResult(form, message.data);
    else quizMessage(form, "form-errors", (message.data && message.data.error) || form.getAttribute("data-text-error"));
  }

  function queued(form, submission) {
    // Kept on the phone, not checked yet (offline, or the server could not be reached).
    if (form.getAttribute("data-submission") !== submission) return;
    if (form.getAttribute("data-checked-" + submission)) return;
    quizMessage(form, "message message-warning quiz-queued", form.getAttribute("data-text-queued"));
  }

  /* A quiz answer is checked on the server only (the key never reaches the phone). It goes to
   * the outbox like a statement: offline, the learner reads that it is kept and will be sent;
   * the result appears when the server has checked it. */
  function setUpQuizzes() {
    document.querySelectorAll("form[data-quiz]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        var box = outbox();
        if (!box) return; // a plain form post, checked and answered by the server
        event.preventDefault();
        var button = form.querySelector("button[type=submit]");
        if (button.disabled) return; // a double tap sends one submission
        button.disabled = true;
        var submission = uuid4();
        var pairs = [];
        new FormData(form).forEach(function (value, name) {
          if (name !== "csrfmiddlewaretoken") pairs.push([name, String(value)]);
        });
        pairs.push(["submission_id", submission], ["answered_at", new Date().toISOString()]);
        form.setAttribute("data-submission", submission);
        box.enqueue({ kind: "quiz", url: form.getAttribute("action"), form: pairs, ref: submission })
          .then(function () {
            if (!navigator.onLine) queued(form, submission);
            return box.flush().then(function () { queued(form, submission); });
          }, function () { form.submit(); })
          .finally(function () { button.disabled = false; });
      });
    });
  }

  /* Answers still waiting from an earlier visit (the page was reloaded or closed offline). */
  function showWaitingQuizzes() {
    window.cdhtOffline.records().then(function (records) {
      records.forEach(function (record) {
        if (record.kind !== "quiz") return;
        var form = document.querySelector('form[data-quiz][action="' + record.url + '"]');
        if (!form) return;
        form.setAttribute("data-submission", submissionOf(record));
        quizMessage(form, "message message-warning quiz-queued", form.getAttribute("data-text-queued"));
      });
    }).catch(function () {});
  }

  if (window.cdhtOffline) {
    window.cdhtOffline.onDelivered(onDelivered);
    showWaitingQuizzes();
  }
  setUpFrames();
  setUpQuizzes();
})();
