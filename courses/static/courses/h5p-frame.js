/* Inside the sandboxed player frame: start h5p-standalone, then report to the lesson page by
 * postMessage only (xAPI statements, saved state, height, our own errors).
 *
 * Nothing here may throw into H5P: our listeners run inside H5P's own calls (an xAPI event is
 * dispatched in the middle of a slide change, an answer check …), and an exception there would
 * cancel what the learner did. Every callback we hand to H5P or the browser goes through
 * guard(), which contains the error and reports it to the lesson page and the console. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("h5p-config").textContent);
  var target = config.parentOrigin;

  function send(message) {
    message.block = config.block;
    window.parent.postMessage(message, target);
  }

  function report(where, error) {
    var text = String((error && (error.stack || error.message)) || error).slice(0, 2000);
    try { if (window.console) console.error("cdht " + where + ": " + text); } catch (ignored) {}
    try { send({ type: "cdht:error", where: where, message: text }); } catch (ignored) {}
  }

  function guard(where, fn) {
    return function () {
      try { return fn.apply(this, arguments); }
      catch (error) { report(where, error); return undefined; }
    };
  }

  var saveState = guard("state", function () {
    var instance = window.H5P && H5P.instances && H5P.instances[0];
    if (!instance || typeof instance.getCurrentState !== "function") return;
    var state = instance.getCurrentState();
    if (state) send({ type: "cdht:state", state: JSON.stringify(state) });
  });

  var forward = guard("xapi", function (event) {
    // A plain copy: a statement holding something the structured clone refuses (a function,
    // a DOM node) must not make postMessage throw.
    send({ type: "cdht:xapi", statement: JSON.parse(JSON.stringify(event.data.statement)) });
  });

  var options = {
    h5pJsonPath: config.base,
    contentJsonPath: config.base + "/content",
    librariesPath: config.base + "/libraries",
    frameJs: config.frameJs,
    frameCss: config.frameCss,
    embedType: "div",
    frame: false,
    icon: false,
    copyright: false,
    export: false,
    fullScreen: false,
    xAPIObjectIRI: config.iri,
    saveFreq: false
  };
  if (config.state) {
    options.contentUserData = [{ dataType: "state", previousState: config.state, subContentId: "*" }];
  }
  new H5PStandalone.H5P(document.getElementById("h5p"), options).then(guard("start", function () {
    H5P.externalDispatcher.on("xAPI", function (event) {
      forward(event);
      saveState();
    });
    setInterval(saveState, 30000);
    var report = guard("height", function () {
      send({ type: "cdht:height", height: document.documentElement.scrollHeight });
    });
    if ("ResizeObserver" in window) new ResizeObserver(report).observe(document.body);
    report();
  })).catch(function (error) {
    document.getElementById("h5p").textContent = config.failText;
    report("load", error);
  });
})();
