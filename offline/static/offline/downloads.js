/* "Tải về để học khi không có mạng": a course's files (listed by the server's per-course
 * manifest, with sizes and a version) go into this learner's cache for that course; the size is
 * shown first and progress while downloading. A downloaded course whose version changed (a page
 * was published) is downloaded again when its page is opened. The downloads page lists the
 * courses on this phone and frees their space. */
(function () {
  "use strict";

  var queue = window.cdhtQueue;
  var userMeta = document.querySelector('meta[name="cdht-user"]');
  var user = userMeta ? userMeta.getAttribute("content") : "";
  if (!queue || !user || !("caches" in window)) return;

  function fill(t, values) {
    Object.keys(values).forEach(function (k) { t = t.split("{" + k + "}").join(values[k]); });
    return t;
  }

  function size(bytes) {
    if (bytes >= 1024 * 1024) return (bytes / 1024 / 1024).toFixed(1).replace(".", ",") + " MB";
    return Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function when(iso) {
    var d = new Date(iso);
    return d.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" }) + " " +
      d.toLocaleDateString("vi-VN");
  }

  async function manifestOf(url) {
    var response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) throw new Error("manifest " + response.status);
    return response.json();
  }

  /* Download every file of the manifest into a fresh cache, then swap it in: a download cut
   * halfway leaves the previous copy (if any) whole. */
  async function download(manifest, onProgress) {
    var name = queue.courseCache(user, manifest.course);
    var temporary = name + "-new";
    await caches.delete(temporary);
    var cache = await caches.open(temporary);
    var done = 0;
    var bytes = 0;
    var files = manifest.files;
    var next = 0;
    async function worker() {
      while (next < files.length) {
        var file = files[next++];
        var response = await fetch(file.url, { credentials: "same-origin" });
        if (!response.ok || response.redirected) throw new Error(file.url + " " + response.status);
        var blob = await response.clone().blob();
        await cache.put(file.url, response);
        bytes += blob.size;
        done += 1;
        onProgress(done, files.length, bytes);
      }
    }
    await Promise.all([worker(), worker(), worker()]);
    await caches.delete(name);
    var final = await caches.open(name);
    var requests = await cache.keys();
    for (var i = 0; i < requests.length; i++) {
      await final.put(requests[i], await cache.match(requests[i]));
    }
    await caches.delete(temporary);
    var entry = {
      course: manifest.course, title: manifest.title, url: manifest.url,
      version: manifest.version, bytes: bytes, files: files.length, at: new Date().toISOString()
    };
    await queue.courseSave(user, entry);
    return entry;
  }

  function setUpCourse(section) {
    var button = section.querySelector("[data-offline-download]");
    var status = section.querySelector(".offline-download-status");
    var bar = section.querySelector("progress");
    var courseId = Number(section.getAttribute("data-course-id"));
    var url = section.getAttribute("data-offline-course");
    var t = function (name) { return section.getAttribute("data-text-" + name) || ""; };

    function show(entry) {
      status.textContent = fill(t("done"), { time: when(entry.at), size: size(entry.bytes) });
      section.setAttribute("data-state", "downloaded");
    }

    async function run(manifest) {
      button.disabled = true;
      bar.hidden = false;
      bar.max = manifest.files.length;
      bar.value = 0;
      section.setAttribute("data-state", "downloading");
      try {
        var entry = await download(manifest, function (done, total, bytes) {
          bar.value = done;
          status.textContent = fill(t("size"), { size: size(manifest.bytes) }) + " " +
            fill(t("progress"), { done: done, total: total, size: size(bytes) });
        });
        show(entry);
      } catch (error) {
        status.textContent = t("failed");
        section.setAttribute("data-state", "failed");
      } finally {
        button.disabled = false;
        bar.hidden = true;
      }
    }

    button.addEventListener("click", async function () {
      if (!navigator.onLine) { status.textContent = t("offline"); return; }
      try {
        var manifest = await manifestOf(url);
        status.textContent = fill(t("size"), { size: size(manifest.bytes) });
        await run(manifest);
      } catch (error) {
        status.textContent = t("failed");
      }
    });

    queue.courses(user).then(async function (list) {
      var entry = list.filter(function (e) { return e.course === courseId; })[0];
      if (!entry) return;
      show(entry);
      if (!navigator.onLine) return;
      try {
        var manifest = await manifestOf(url);
        if (manifest.version !== entry.version) {
          status.textContent = t("updating");
          await run(manifest);
        }
      } catch (error) { /* keep the copy on the phone */ }
    });
  }

  function setUpList(container) {
    var t = function (name) { return container.getAttribute("data-text-" + name) || ""; };
    function draw() {
      queue.courses(user).then(function (list) {
        container.textContent = "";
        if (!list.length) {
          var empty = document.createElement("p");
          empty.className = "help";
          empty.textContent = t("empty");
          container.appendChild(empty);
          return;
        }
        var ul = document.createElement("ul");
        ul.className = "downloads";
        list.forEach(function (entry) {
          var li = document.createElement("li");
          li.className = "card";
          var a = document.createElement("a");
          a.href = entry.url;
          a.textContent = entry.title;
          var p = document.createElement("p");
          p.className = "help";
          p.textContent = fill(t("line"), { time: when(entry.at), size: size(entry.bytes) });
          var button = document.createElement("button");
          button.type = "button";
          button.className = "button button-secondary";
          button.textContent = t("remove");
          button.addEventListener("click", function () {
            queue.courseDelete(user, entry.course).then(draw);
          });
          li.appendChild(a); li.appendChild(p); li.appendChild(button);
          ul.appendChild(li);
        });
        container.appendChild(ul);
      });
    }
    draw();
  }

  document.querySelectorAll("[data-offline-course]").forEach(setUpCourse);
  var list = document.getElementById("cdht-downloads");
  if (list) setUpList(list);
})();
