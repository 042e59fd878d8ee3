/* Service worker of Công dân học tập (built with Workbox; served at the site root by
 * offline.views.service_worker). It serves:
 * - the app shell (our CSS and scripts) from a precache, updated when a file changes;
 * - a downloaded course's pages, images and documents from that learner's cache, and pages
 *   not downloaded from the network, with the offline page when there is none;
 * - never officers' pages, the admin, accounts, exports, or the endpoints records go to.
 * Caches holding a learner's pages are named after that learner's key, so a shared phone
 * never shows one account's pages to another. Background Sync delivers the outbox. */
importScripts("{{ workbox_sw|escapejs }}");
workbox.setConfig({ modulePathPrefix: "{{ workbox_prefix|escapejs }}", debug: false });
{% for module in modules %}workbox.loadModule("{{ module }}");
{% endfor %}importScripts("{{ idb|escapejs }}", "{{ queue|escapejs }}");

var CONFIG = {{ config|safe }};
var USER_PREFIX = "cdht-user-";
cdhtQueue.tokenUrl = CONFIG.tokenUrl;

workbox.core.setCacheNameDetails({ prefix: "cdht", suffix: CONFIG.revision });
workbox.precaching.cleanupOutdatedCaches();
workbox.precaching.precacheAndRoute(
  CONFIG.shell.concat([CONFIG.offlineUrl]).map(function (url) {
    return { url: url, revision: CONFIG.revision };
  }),
  { ignoreURLParametersMatching: [/.*/] }
);

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function never(url) {
  return url.origin !== self.location.origin || CONFIG.neverCache.some(function (prefix) {
    return url.pathname.indexOf(prefix) === 0;
  });
}

/* A response meant for one person only: never kept outside a downloaded course. */
function personal(response) {
  var control = (response && response.headers.get("Cache-Control")) || "";
  return /private|no-store/i.test(control);
}

async function currentUser() {
  try { return (await cdhtQueue.meta("user")) || ""; } catch (e) { return ""; }
}

/* A response from this learner's downloaded courses, or undefined. */
async function fromDownloads(request) {
  var user = await currentUser();
  if (!user) return undefined;
  var names = (await caches.keys()).filter(function (name) {
    return name.indexOf(USER_PREFIX + user + "-") === 0;
  });
  for (var i = 0; i < names.length; i++) {
    var cache = await caches.open(names[i]);
    var hit = await cache.match(request, { ignoreVary: true });
    if (hit) return hit;
  }
  return undefined;
}

/* Whether a response sandboxes its document without giving it our origin: the H5P player
 * frame's own policy says "sandbox allow-scripts" (courses.player.frame_csp). */
function sandboxed(response) {
  var policy = (response && response.headers.get("Content-Security-Policy")) || "";
  return policy.split(";").some(function (directive) {
    var words = directive.trim().toLowerCase().split(/\s+/);
    return words[0] === "sandbox" && words.indexOf("allow-same-origin") < 0;
  });
}

function withTimeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
    promise.then(function (v) { clearTimeout(timer); resolve(v); },
      function (e) { clearTimeout(timer); reject(e); });
  });
}

/* The H5P player frame (embedded by the lesson page without a sandbox attribute so that it
 * reaches this worker; the page adds the attribute once it has loaded): from the network while
 * there is one (the learner's latest resume state), else the downloaded copy, so an activity
 * never opened before opens offline. Only ever a response that sandboxes itself: anything
 * else (an old copy, an error page, the offline page) is never shown in the frame. */
async function playerFrame(request) {
  var response;
  try {
    response = await withTimeout(fetch(request), CONFIG.frameTimeoutMs);
    if (!sandboxed(response)) response = undefined;
  } catch (error) {
    response = undefined;
  }
  if (!response) {
    var cached = await fromDownloads(request);
    if (sandboxed(cached)) response = cached;
  }
  return response || new Response(CONFIG.frameOfflineText, {
    status: 503,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; sandbox"
    }
  });
}

/* Pages: a downloaded page from the learner's cache (0 bytes over the network; a course
 * update re-downloads it), others from the network, the offline page without one. */
workbox.routing.registerRoute(
  function (o) { return o.request.mode === "navigate" && !never(o.url); },
  async function (o) {
    if (o.url.pathname.indexOf(CONFIG.framePrefix) === 0) return playerFrame(o.request);
    var cached = await fromDownloads(o.request);
    if (cached) return cached;
    try {
      return await fetch(o.request);
    } catch (error) {
      return (await workbox.precaching.matchPrecache(CONFIG.offlineUrl)) || Response.error();
    }
  }
);

/* Images, documents and other files of a downloaded course; our other static files from the
 * network, kept for offline use when they are public. */
workbox.routing.registerRoute(
  function (o) {
    return o.request.method === "GET" && o.request.mode !== "navigate" && !never(o.url) &&
      o.url.pathname.indexOf(CONFIG.staticPrefix) !== 0;
  },
  async function (o) {
    var cached = await fromDownloads(o.request);
    return cached || fetch(o.request);
  }
);

/* Our static files: kept as they are fetched; offline and not kept (the shell was updated
 * since), a downloaded course's copy (the H5P player and its fonts are in its download). */
var staticFiles = new workbox.strategies.StaleWhileRevalidate({
  cacheName: "cdht-static-" + CONFIG.revision,
  plugins: [
    new workbox.cacheableResponse.CacheableResponsePlugin({ statuses: [200] }),
    { cacheWillUpdate: async function (o) { return personal(o.response) ? null : o.response; } }
  ]
});
workbox.routing.registerRoute(
  function (o) { return o.request.method === "GET" && o.url.pathname.indexOf(CONFIG.staticPrefix) === 0; },
  async function (o) {
    try {
      return await staticFiles.handle({ event: o.event, request: o.request });
    } catch (error) {
      var cached = await fromDownloads(o.request);
      if (cached) return cached;
      throw error;
    }
  }
);

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("cdht-static-") === 0 && name !== "cdht-static-" + CONFIG.revision;
    }).map(function (name) { return caches.delete(name); }));
  }));
});

/* Background Sync: deliver the outbox when the connection returns, even with no page open. */
self.addEventListener("sync", function (event) {
  if (event.tag !== "cdht-outbox") return;
  event.waitUntil(currentUser().then(function (user) {
    return cdhtQueue.flush(user).then(function (result) {
      if (result.state === "retry") throw new Error("not delivered yet; the browser retries");
    });
  }));
});
