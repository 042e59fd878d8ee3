/* On every page: installs the service worker (Workbox), says honestly whether the phone is
 * offline, how many learning records wait and when they were delivered; delivers the outbox
 * (offline/queue.js) on page open, when the connection returns, after a failure with growing
 * pauses, and by Background Sync; offers the install button where the browser allows it;
 * downloads courses for offline study; and on logout delivers or, with a warning, forgets the
 * account's records and downloaded pages. */
(function () {
  "use strict";

  var box = document.getElementById("cdht-net");
  if (!box) return;
  var userMeta = document.querySelector('meta[name="cdht-user"]');
  var csrfMeta = document.querySelector('meta[name="cdht-csrf"]');
  var user = userMeta ? userMeta.getAttribute("content") : "";
  var queue = window.cdhtQueue;
  var RETRY_MAX_SECONDS = 60;
  var attempt = 0;
  var timer = null;
  var needsLogin = false;
  var lastWaiting = 0;
  var listeners = [];
  var registration = null;

  function text(name, values) {
    var t = box.getAttribute("data-text-" + name) || "";
    Object.keys(values || {}).forEach(function (k) { t = t.split("{" + k + "}").join(values[k]); });
    return t;
  }

  function timeOf(iso) {
    var d = new Date(iso);
    return d.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" }) + " " +
      d.toLocaleDateString("vi-VN");
  }

  /* --- service worker ----------------------------------------------------------------- */
  function registerWorker() {
    if (!("serviceWorker" in navigator) || !window.workbox) return;
    var wb = new window.workbox.Workbox(box.getAttribute("data-sw"), { scope: "/" });
    wb.register().then(function (reg) { registration = reg || null; }).catch(function () {});
  }

  function askForSync() {
    if (registration && registration.sync) {
      registration.sync.register("cdht-outbox").catch(function () {});
    }
  }

  /* --- status ------------------------------------------------------------------------- */
  async function render() {
    if (!queue || !user) {
      box.hidden = navigator.onLine;
      box.className = "net-status net-offline";
      box.textContent = navigator.onLine ? "" : text("offline");
      return;
    }
    var waiting = await queue.count(user);
    var delivered = await queue.meta("delivered:" + user);
    lastWaiting = waiting;
    box.textContent = "";
    var lines = [];
    if (!navigator.onLine) lines.push(["offline", text("offline")]);
    if (needsLogin && waiting) lines.push(["login", text("login", { n: waiting })]);
    else if (waiting) lines.push(["waiting", text("waiting", { n: waiting })]);
    else if (delivered) lines.push(["delivered", text("delivered", { time: timeOf(delivered) })]);
    lines.forEach(function (line) {
      var p = document.createElement("p");
      p.className = "net-line net-" + line[0];
      p.textContent = line[1];
      if (line[0] === "login") {
        var a = document.createElement("a");
        a.href = box.getAttribute("data-login");
        a.textContent = text("login-link");
        p.appendChild(document.createTextNode(" "));
        p.appendChild(a);
      }
      box.appendChild(p);
    });
    box.setAttribute("data-waiting", String(waiting));
    box.className = "net-status" + (!navigator.onLine ? " net-offline" : "") +
      (waiting ? " net-has-waiting" : "");
    box.hidden = !lines.length;
  }

  /* --- delivery ------------------------------------------------------------------------ */
  function schedule(result) {
    clearTimeout(timer);
    if (result.state !== "retry") { attempt = 0; return; }
    // Background Sync is for when the connection returns, even with this page closed; while
    // the phone is online this page's own timer tries again.
    if (!navigator.onLine) askForSync();
    var seconds = result.retryAfter > 0 ? result.retryAfter : Math.pow(2, attempt);
    seconds = Math.min(seconds, RETRY_MAX_SECONDS) * (0.8 + Math.random() * 0.4);
    attempt += 1;
    timer = setTimeout(flush, Math.max(500, seconds * 1000));
  }

  var flushing = null;
  function flush() {
    if (!queue || !user) return Promise.resolve(null);
    if (flushing) return flushing;
    flushing = queue.flush(user).then(function (result) {
      needsLogin = result.state === "auth";
      schedule(result);
      return result;
    }).catch(function () {
      schedule({ state: "retry" });
      return { state: "retry" };
    }).then(function (result) {
      flushing = null;
      render();
      return result;
    });
    return flushing;
  }

  function onQueueMessage(message) {
    if (!message || message.user !== user) return;
    if (message.type === "delivered") {
      listeners.forEach(function (fn) { try { fn(message); } catch (e) { /* its own */ } });
    }
    render();
  }

  /* For the lesson page: put a record in the outbox and start delivering. Resolves to the
   * record's sequence number once it is safe on the phone. */
  function enqueue(record) {
    if (!queue || !user) return Promise.reject(new Error("no outbox"));
    return queue.add(user, record).then(function (seq) {
      render();
      clearTimeout(timer);
      attempt = 0;
      Promise.resolve(flushing).then(flush);
      return seq;
    });
  }

  window.cdhtOffline = {
    enqueue: enqueue,
    flush: flush,
    onDelivered: function (fn) { listeners.push(fn); },
    waiting: function () { return queue && user ? queue.count(user) : Promise.resolve(0); },
    records: function () { return queue && user ? queue.records(user) : Promise.resolve([]); }
  };

  /* --- install button ------------------------------------------------------------------ */
  function setUpInstall() {
    var button = document.getElementById("cdht-install");
    if (!button) return;
    var deferred = null;
    window.addEventListener("beforeinstallprompt", function (event) {
      event.preventDefault();
      deferred = event;
      button.parentNode.hidden = false;
    });
    button.addEventListener("click", function () {
      if (!deferred) return;
      deferred.prompt();
      deferred.userChoice.finally(function () { deferred = null; button.parentNode.hidden = true; });
    });
    window.addEventListener("appinstalled", function () { button.parentNode.hidden = true; });
  }

  /* --- logout: deliver first, or warn; then forget this account's data on the phone ---- */
  function setUpLogout() {
    var action = box.getAttribute("data-logout");
    document.querySelectorAll("form").forEach(function (form) {
      if (form.getAttribute("action") !== action) return;
      form.addEventListener("submit", function (event) {
        if (form.getAttribute("data-cleared") || !queue || !user) return;
        event.preventDefault();
        flush().then(function () { return queue.count(user); }).then(function (waiting) {
          if (waiting && !window.confirm(text("logout-warning", { n: waiting }))) return false;
          return queue.forget(user).then(function () { return queue.setMeta("user", ""); })
            .then(function () { return true; });
        }).catch(function () { return true; }).then(function (go) {
          if (!go) return;
          form.setAttribute("data-cleared", "1");
          form.submit();
        });
      });
    });
  }

  /* --- start ------------------------------------------------------------------------ */
  async function start() {
    registerWorker();
    setUpInstall();
    window.addEventListener("online", function () { attempt = 0; render(); flush(); });
    window.addEventListener("offline", function () {
      render();
      if (queue && user) queue.count(user).then(function (n) { if (n) askForSync(); });
    });
    if (queue) {
      queue.tokenUrl = box.getAttribute("data-token");
      try {
        await queue.setMeta("user", user);
        if (user && csrfMeta) await queue.setMeta("csrf:" + user, csrfMeta.getAttribute("content"));
        queue.on(onQueueMessage);
        if (queue.channel) queue.channel.addEventListener("message", function (e) { onQueueMessage(e.data); });
        setUpLogout();
      } catch (e) {
        queue = null; // no IndexedDB here (a private window on some browsers)
      }
    }
    render();
    flush();
    if (window.cdhtDownloads) window.cdhtDownloads.start({ user: user, queue: queue });
  }

  start();
})();
