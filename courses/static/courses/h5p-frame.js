/* Inside the sandboxed player frame: start h5p-standalone, then report to the lesson page by
 * postMessage only (xAPI statements, saved state, height). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("h5p-config").textContent);
  var target = config.parentOrigin;

  function send(message) {
    message.block = config.block;
    window.parent.postMessage(message, target);
  }

  function saveState() {
    var instance = window.H5P && H5P.instances && H5P.instances[0];
    if (!instance || typeof instance.getCurrentState !== "function") return;
    var state = instance.getCurrentState();
    if (state) send({ type: "cdht:state", state: JSON.stringify(state) });
  }

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
  new H5PStandalone.H5P(document.getElementById("h5p"), options).then(function () {
    H5P.externalDispatcher.on("xAPI", function (event) {
      send({ type: "cdht:xapi", statement: event.data.statement });
      saveState();
    });
    setInterval(saveState, 30000);
    var report = function () { send({ type: "cdht:height", height: document.documentElement.scrollHeight }); };
    if ("ResizeObserver" in window) new ResizeObserver(report).observe(document.body);
    report();
  }).catch(function (error) {
    document.getElementById("h5p").textContent = config.failText;
    if (window.console) console.error(error);
  });
})();
