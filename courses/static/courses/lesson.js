/* Lesson page: lazy H5P frames, the trusted bridge for their messages, and quizzes without
 * page reloads. The player frames are sandboxed (no allow-same-origin): they cannot read our
 * cookies or call our APIs as the learner. Their only way out is postMessage to this script,
 * which checks the sending frame and the message's shape before forwarding anything. */
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

  /* Statements are sent until the server has them. A failure (offline, a timeout, a 5xx, 429)
   * does not prove the statement was not stored, so it is sent again with the same id (the
   * server stores each id once), after 1, 2, 4 … 30 s or the server's Retry-After. Meanwhile the
   * learner is told the answer is not saved yet, and then that it is. */
  var RETRY_MAX_SECONDS = 30;
  var pending = {}; // statement id → entry, while not stored

  function retryable(status) {
    return status === 0 || status === 408 || status === 425 || status === 429 || status >= 500;
  }

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

  function retryDelay(attempt, response) {
    var after = response ? Number(response.headers.get("Retry-After")) : NaN;
    var seconds = after > 0 ? after : Math.pow(2, attempt);
    seconds = Math.min(seconds, RETRY_MAX_SECONDS) * (0.8 + Math.random() * 0.4);
    return Math.max(500, seconds * 1000);
  }

  function statementSend(entry, statement, attempt) {
    pending[statement.id] = entry;
    function settle(status) {
      delete pending[statement.id];
      saveStatus(entry, status < 300 ? (pendingFor(entry) ? "pending" : "saved") : "refused");
      entry.slot.dispatchEvent(new CustomEvent("cdht:statement", {
        bubbles: true, detail: { status: status, verb: statement.verb && statement.verb.id }
      }));
    }
    function again(response) {
      saveStatus(entry, "pending");
      var timer = setTimeout(function () {
        window.removeEventListener("online", now);
        statementSend(entry, statement, attempt + 1);
      }, retryDelay(attempt, response));
      function now() { clearTimeout(timer); statementSend(entry, statement, attempt + 1); }
      window.addEventListener("online", now, { once: true });
    }
    post(entry.statementsUrl, statement, { "X-Experience-API-Version": "1.0.3" })
      .then(function (response) {
        if (retryable(response.status)) again(response);
        else settle(response.status);
      })
      .catch(function () { again(null); });
  }

  window.addEventListener("beforeunload", function (event) {
    if (Object.keys(pending).length) { event.preventDefault(); event.returnValue = ""; }
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
      statementSend(entry, statement, 0);
    } else if (data.type === "cdht:state" && typeof data.state === "string") {
      post(entry.stateUrl, { activity: entry.iri, state: data.state }).catch(function () {});
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

  function mount(slot) {
    if (slot.getAttribute("data-mounted")) return;
    slot.setAttribute("data-mounted", "1");
    var iframe = document.createElement("iframe");
    iframe.setAttribute("sandbox", "allow-scripts");
    iframe.setAttribute("title", slot.getAttribute("data-title") || "H5P");
    iframe.setAttribute("referrerpolicy", "no-referrer");
    iframe.className = "h5p-frame";
    iframe.src = slot.getAttribute("data-h5p-frame");
    var loading = slot.querySelector(".h5p-loading");
    iframe.addEventListener("load", function () { if (loading) loading.remove(); });
    slot.appendChild(iframe);
    frames.push({
      iframe: iframe,
      slot: slot,
      status: slot.parentNode.querySelector(".h5p-save-status"),
      iri: slot.getAttribute("data-iri"),
      statementsUrl: slot.getAttribute("data-statements-url"),
      stateUrl: slot.getAttribute("data-state-url")
    });
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

  function setUpQuizzes() {
    document.querySelectorAll("form[data-quiz]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = form.querySelector("button[type=submit]");
        if (button.disabled) return; // a double tap sends one submission
        button.disabled = true;
        fetch(form.action, {
          method: "POST", credentials: "same-origin", body: new FormData(form),
          headers: { "Accept": "application/json", "X-CSRFToken": csrfToken }
        }).then(function (response) {
          return response.json().then(function (data) { return { status: response.status, data: data }; });
        }).then(function (r) {
          if (r.status === 200) { renderQuizResult(form, r.data); }
          else {
            var summary = form.querySelector(".quiz-result");
            summary.textContent = "";
            var p = document.createElement("p"); p.className = "form-errors"; p.setAttribute("role", "alert");
            p.textContent = r.data.error || form.getAttribute("data-text-error");
            summary.appendChild(p);
          }
        }).catch(function () { form.submit(); })
          .finally(function () { button.disabled = false; });
      });
    });
  }

  setUpFrames();
  setUpQuizzes();
})();
