/* Runs first inside the sandboxed player frame, before H5P.
 * 1. H5P core reads window.localStorage at start-up, which throws in an opaque origin; give it
 *    an in-memory Storage instead.
 * 2. Report the frame's content security policy violations to the lesson page (which logs
 *    them), so a blocked video host or a wrong directive is seen, never silent. */
(function () {
  "use strict";
  function MemoryStorage() {
    var data = Object.create(null);
    return {
      getItem: function (k) { return k in data ? data[k] : null; },
      setItem: function (k, v) { data[k] = String(v); },
      removeItem: function (k) { delete data[k]; },
      clear: function () { data = Object.create(null); },
      key: function (i) { return Object.keys(data)[i] || null; },
      get length() { return Object.keys(data).length; }
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try { window[name].getItem("probe"); }
    catch (e) {
      try { Object.defineProperty(window, name, { value: new MemoryStorage(), configurable: true }); }
      catch (ignored) { /* H5P copes without storage */ }
    }
  });

  try {
    var config = JSON.parse(document.getElementById("h5p-config").textContent);
    document.addEventListener("securitypolicyviolation", function (event) {
      try {
        window.parent.postMessage({
          type: "cdht:csp",
          block: config.block,
          directive: String(event.effectiveDirective || event.violatedDirective || ""),
          blocked: String(event.blockedURI || "").slice(0, 300)
        }, config.parentOrigin);
      } catch (ignored) { /* never disturb the page over a report */ }
    });
  } catch (ignored) { /* no config: nothing to report to */ }
})();
