/* Runs first inside the sandboxed player frame. H5P core reads window.localStorage at start-up,
 * which throws in an opaque origin; give it an in-memory Storage instead. */
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
    catch (e) { Object.defineProperty(window, name, { value: new MemoryStorage(), configurable: true }); }
  });
})();
