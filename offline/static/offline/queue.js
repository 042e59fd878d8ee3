/* The outbox: every learning record (xAPI statement, resume state, quiz answer) is written to
 * IndexedDB first, then delivered to the server in order, one at a time, by flush(). Used by
 * the pages (offline/app.js) and by the service worker (Background Sync), so it runs in a
 * window or a worker. Records are kept per account (user key), so a shared phone never sends
 * one account's records with another's session.
 *
 * A delivery's outcome: "ok" (2xx: stored; a record sent again answers 2xx too, as the server
 * keeps each id once), "refused" (another 4xx: the server will never take it; dropped and
 * reported), "auth" (401/403 or a redirect to the login page: the session expired; nothing is
 * dropped and delivery waits for a login), "retry" (no network, 408/425/429/5xx: tried again
 * later with the same id). */
(function (scope) {
  "use strict";

  var DB_NAME = "cdht-offline";
  var dbPromise = null;
  var channel = "BroadcastChannel" in scope ? new BroadcastChannel("cdht-outbox") : null;
  var listeners = [];

  function db() {
    if (!dbPromise) {
      dbPromise = scope.idb.openDB(DB_NAME, 1, {
        upgrade: function (d) {
          var outbox = d.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
          outbox.createIndex("user", "user");
          d.createObjectStore("meta", { keyPath: "key" });
          var courses = d.createObjectStore("courses", { keyPath: "key" });
          courses.createIndex("user", "user");
        }
      });
    }
    return dbPromise;
  }

  function emit(message) {
    listeners.forEach(function (fn) { try { fn(message); } catch (e) { /* a listener's own */ } });
    if (channel) channel.postMessage(message);
  }

  async function meta(key) {
    var row = await (await db()).get("meta", key);
    return row ? row.value : undefined;
  }

  async function setMeta(key, value) {
    return (await db()).put("meta", { key: key, value: value });
  }

  async function records(user) {
    return (await db()).getAllFromIndex("outbox", "user", user);
  }

  async function count(user) {
    return (await db()).countFromIndex("outbox", "user", user);
  }

  /* Add a record; a newer resume state of the same activity replaces an older one not yet
   * sent (the server keeps the latest anyway). Resolves to the record's sequence number. */
  async function add(user, record) {
    var d = await db();
    var tx = d.transaction("outbox", "readwrite");
    record.user = user;
    record.created = record.created || new Date().toISOString();
    if (record.kind === "state") {
      var cursor = await tx.store.index("user").openCursor(user);
      while (cursor) {
        var old = cursor.value;
        if (old.kind === "state" && old.body && old.body.activity === record.body.activity) {
          await cursor.delete();
        }
        cursor = await cursor.continue();
      }
    }
    var seq = await tx.store.add(record);
    await tx.done;
    emit({ type: "changed", user: user });
    return seq;
  }

  function retryable(status) {
    return status === 0 || status === 408 || status === 425 || status === 429 || status >= 500;
  }

  function request(record, csrf) {
    var headers = { "X-CSRFToken": csrf || "", "Accept": "application/json" };
    var body;
    if (record.kind === "quiz") {
      body = new FormData();
      record.form.forEach(function (pair) { body.append(pair[0], pair[1]); });
    } else {
      headers["Content-Type"] = "application/json";
      if (record.kind === "statement") headers["X-Experience-API-Version"] = "1.0.3";
      body = JSON.stringify(record.body);
    }
    return fetch(record.url, {
      method: "POST", credentials: "same-origin", redirect: "manual", headers: headers, body: body
    });
  }

  async function deliver(record, csrf) {
    var response;
    try { response = await request(record, csrf); }
    catch (e) { return { outcome: "retry", status: 0 }; }
    var status = response.status;
    if (response.type === "opaqueredirect" || status === 401 || status === 403) {
      return { outcome: "auth", status: status };
    }
    if (retryable(status)) {
      return { outcome: "retry", status: status, retryAfter: Number(response.headers.get("Retry-After")) };
    }
    var data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { outcome: status < 300 ? "ok" : "refused", status: status, data: data };
  }

  /* After a 401/403: is this account still signed in? Then the token was old (a downloaded
   * page keeps the token of its download day): take a fresh one and say to try again. */
  async function tokenRefresh(user) {
    if (!scope.cdhtQueue.tokenUrl) return false;
    try {
      var response = await fetch(scope.cdhtQueue.tokenUrl, {
        credentials: "same-origin", cache: "no-store", redirect: "manual"
      });
      if (!response.ok) return false;
      var data = await response.json();
      if (data.user !== user || !data.csrf) return false;
      await setMeta("csrf:" + user, data.csrf);
      return true;
    } catch (e) { return false; }
  }

  /* Deliver the account's records in order until one cannot be delivered now. One flush at a
   * time per account across tabs and the service worker (Web Locks where the browser has
   * them). Resolves to {state: "empty" | "retry" | "auth", delivered, waiting}. */
  async function flush(user) {
    if (!user) return { state: "empty", delivered: 0, waiting: 0 };
    async function run() {
      var d = await db();
      var delivered = 0;
      for (;;) {
        var pending = await records(user);
        if (!pending.length) {
          if (delivered) await setMeta("delivered:" + user, new Date().toISOString());
          emit({ type: "flushed", user: user, state: "empty", delivered: delivered, waiting: 0 });
          return { state: "empty", delivered: delivered, waiting: 0 };
        }
        var record = pending[0];
        var result = await deliver(record, await meta("csrf:" + user));
        if (result.outcome === "auth" && await tokenRefresh(user)) {
          result = await deliver(record, await meta("csrf:" + user));
        }
        if (result.outcome === "ok" || result.outcome === "refused") {
          await d.delete("outbox", record.seq);
          delivered += 1;
          emit({ type: "delivered", user: user, record: record, outcome: result.outcome,
                 status: result.status, data: result.data });
          continue;
        }
        emit({ type: "flushed", user: user, state: result.outcome, delivered: delivered,
               waiting: pending.length, retryAfter: result.retryAfter });
        if (delivered) await setMeta("delivered:" + user, new Date().toISOString());
        return { state: result.outcome, delivered: delivered, waiting: pending.length,
                 retryAfter: result.retryAfter };
      }
    }
    var locks = scope.navigator && scope.navigator.locks;
    return locks ? locks.request("cdht-outbox:" + user, run) : run();
  }

  /* Forget everything this phone holds for the account: records, downloaded courses (their
   * caches and list), its delivery time and token. */
  async function forget(user) {
    var d = await db();
    var tx = d.transaction(["outbox", "courses", "meta"], "readwrite");
    var stores = ["outbox", "courses"];
    for (var i = 0; i < stores.length; i++) {
      var keys = await tx.objectStore(stores[i]).index("user").getAllKeys(user);
      for (var j = 0; j < keys.length; j++) await tx.objectStore(stores[i]).delete(keys[j]);
    }
    await tx.objectStore("meta").delete("delivered:" + user);
    await tx.objectStore("meta").delete("csrf:" + user);
    await tx.done;
    if (scope.caches) {
      var names = await scope.caches.keys();
      await Promise.all(names.filter(function (name) {
        return name.indexOf("cdht-user-" + user + "-") === 0;
      }).map(function (name) { return scope.caches.delete(name); }));
    }
    emit({ type: "changed", user: user });
  }

  async function courses(user) {
    return (await db()).getAllFromIndex("courses", "user", user);
  }

  async function courseSave(user, entry) {
    entry.user = user;
    entry.key = user + ":" + entry.course;
    return (await db()).put("courses", entry);
  }

  async function courseDelete(user, courseId) {
    await (await db()).delete("courses", user + ":" + courseId);
    if (scope.caches) await scope.caches.delete(courseCache(user, courseId));
  }

  function courseCache(user, courseId) {
    return "cdht-user-" + user + "-course-" + courseId;
  }

  scope.cdhtQueue = {
    add: add, flush: flush, count: count, records: records, meta: meta, setMeta: setMeta,
    forget: forget, courses: courses, courseSave: courseSave, courseDelete: courseDelete,
    courseCache: courseCache,
    on: function (fn) { listeners.push(fn); },
    channel: channel
  };
})(self);
