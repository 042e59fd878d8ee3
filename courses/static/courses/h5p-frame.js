/* Inside the sandboxed player frame: start the H5P player, then report to the lesson page by
 * postMessage only (xAPI statements, saved state, height, our own errors).
 *
 * Loading (issue 12, mobile data): Chromium never caches what an opaque-origin frame fetches, so
 * the frame asks the lesson page to fetch the player's files for it ("cdht:fetch"; the page
 * fetches only the player's own addresses, without cookies, through its ordinary cache) and
 * runs them from blob: URLs: H5P core (h5p-standalone's frame bundle), then the package's
 * libraries as one bundle, with the content's JSON fetched alongside. The server prepared
 * H5PIntegration's facts (load order, library folders, strings), so no library.json is read.
 *
 * Nothing here may throw into H5P: our listeners run inside H5P's own calls (an xAPI event is
 * dispatched in the middle of a slide change, an answer check …), and an exception there would
 * cancel what the learner did. Every callback we hand to H5P or the browser goes through
 * guard(), which contains the error and reports it to the lesson page and the console. */

/* The answer of the H5P types whose statements carry a score but no answer (Find the Hotspot,
 * Find Multiple Hotspots, Arithmetic Quiz) or not the learner's own (Dictation), read from the
 * instance that sent the statement and added to its result under our extension, so that the
 * server can grade it (progress/checking/pointing.py and dictation.py describe each format).
 * The grading tests load this file too, and play the libraries in a browser. */
window.cdhtAnswers = (function () {
  "use strict";
  var ANSWER = "https://congdanhoctap.hcm.vn/xapi/extensions/h5p-answer";
  function point(feedback) {
    return feedback.percentagePosX + "," + feedback.percentagePosY;
  }
  var answerOf = {
    "H5P.ImageHotspotQuestion": function (instance) {
      var feedback = instance.hotspotFeedback;
      return feedback && feedback.hotspotChosen ? point(feedback) : undefined;
    },
    "H5P.ImageMultipleHotspotQuestion": function (instance) {
      return (instance.correctHotspotFeedback || []).map(point).join("[,]");
    },
    "H5P.ArithmeticQuiz": function (instance) {
      var page = instance.gamePage;
      if (!page || !page.quizzes || !page.$gamepage) return undefined;
      var slides = page.$gamepage.find(".question-page");
      return page.quizzes.map(function (quiz, index) {
        var chosen = slides.eq(index).find('[aria-checked="true"]').first().text();
        return quiz.x + "," + quiz.y + "," + chosen;
      }).join("[,]");
    },
    // What was typed in each sentence, in content.json order (sentence.index), as JSON: the
    // library's own response holds only the words it matched, with no sentence boundaries.
    "H5P.Dictation": function (instance) {
      if (!Array.isArray(instance.sentences)) return undefined;
      var typed = [];
      for (var i = 0; i < instance.sentences.length; i++) {
        var sentence = instance.sentences[i];
        if (typeof sentence.index !== "number" || typeof sentence.getUserInput !== "function") {
          return undefined;  // a version whose sentences we can't read
        }
        typed[sentence.index] = String(sentence.getUserInput());
      }
      for (var j = 0; j < typed.length; j++) {
        if (typeof typed[j] !== "string") return undefined;
      }
      return JSON.stringify(typed);
    }
  };

  function addAnswer(instance, statement) {
    var library = instance && instance.libraryInfo && instance.libraryInfo.machineName;
    var verb = statement.verb && statement.verb.id;
    if (!answerOf.hasOwnProperty(library) || !statement.result ||
        verb !== "http://adlnet.gov/expapi/verbs/answered") return;
    var answer = answerOf[library](instance);
    if (typeof answer !== "string") return;
    statement.result.extensions = statement.result.extensions || {};
    statement.result.extensions[ANSWER] = answer;
  }

  return { extension: ANSWER, add: addAnswer };
})();

(function () {
  "use strict";
  var configNode = document.getElementById("h5p-config");
  if (!configNode) return;  // loaded by the grading tests for cdhtAnswers alone
  var config = JSON.parse(configNode.textContent);
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

  // H5P calls the external dispatcher's listeners with the instance that sent the statement.
  var forward = guard("xapi", function (event) {
    // A plain copy: a statement holding something the structured clone refuses (a function,
    // a DOM node) must not make postMessage throw.
    var statement = JSON.parse(JSON.stringify(event.data.statement));
    try { window.cdhtAnswers.add(this, statement); } catch (error) { report("answer", error); }
    send({ type: "cdht:xapi", statement: statement });
  });

  function absolute(url) { return new URL(url, window.location.href).href; }

  /* Files through the lesson page (its cache); straight from the server when it does not
   * answer (the frame opened on its own) or refuses. */
  var asked = {};
  var nextId = 1;
  var viaPage = window.parent !== window;
  window.addEventListener("message", guard("fetched", function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || data.type !== "cdht:fetched") return;
    var waiting = asked[data.id];
    if (!waiting) return;
    delete asked[data.id];
    if (data.ok && (typeof data.body === "string" || data.body instanceof ArrayBuffer)) {
      waiting.resolve(data.body);
    }
    else waiting.direct();
  }));

  function fetchText(url, as) {
    url = absolute(url);
    function direct() {
      return fetch(url, { credentials: "omit" }).then(function (response) {
        if (!response.ok) throw new Error(url + " " + response.status);
        return as === "buffer" ? response.arrayBuffer() : response.text();
      });
    }
    if (!viaPage) return direct();
    return new Promise(function (resolve, reject) {
      var id = nextId++;
      var timer = setTimeout(function () { if (asked[id]) asked[id].direct(); }, 20000);
      asked[id] = {
        resolve: function (body) { clearTimeout(timer); resolve(body); },
        direct: function () { clearTimeout(timer); delete asked[id]; direct().then(resolve, reject); }
      };
      send({ type: "cdht:fetch", id: id, url: url, as: as === "buffer" ? "buffer" : "text" });
    });
  }

  /* Images and sounds of the package the frame loads itself (an <img> of the content …): its
   * own requests never reach the service worker, so offline they fail; such a file is then
   * asked of the lesson page (a downloaded course has it) and shown from a blob: URL. */
  var media = guard("media", function (event) {
    var element = event.target;
    if (!element || !/^(IMG|SOURCE|AUDIO|VIDEO)$/.test(element.tagName || "")) return;
    var src = element.getAttribute("src") || "";
    if (!src || /^(blob|data):/.test(src) || element.getAttribute("data-cdht-retried")) return;
    element.setAttribute("data-cdht-retried", "1");
    fetchText(absolute(src), "buffer").then(function (buffer) {
      element.setAttribute("src", URL.createObjectURL(new Blob([buffer])));
      if (element.tagName === "SOURCE" && element.parentNode && element.parentNode.load) {
        element.parentNode.load();
      }
    }).catch(function () { /* not on the phone either: the browser shows it missing */ });
  });
  document.addEventListener("error", media, true);

  /* Fonts: the frame's own font requests are never cached either, so each @font-face becomes a
   * placeholder face; once the page uses one (its status leaves "unloaded"), the real file is
   * fetched through the lesson page and added in its place. Unused fonts cost nothing. */
  var lazyFonts = [];

  function deferFonts(css, base) {
    if (!window.FontFace || !document.fonts) return css;
    return css.replace(/@font-face\s*\{([^}]*)\}/gi, function (all, body) {
      var descriptors = {}, family = "", url = "";
      body.split(";").forEach(function (part) {
        var at = part.indexOf(":");
        if (at < 0) return;
        var name = part.slice(0, at).trim().toLowerCase(), value = part.slice(at + 1).trim();
        var found = /url\(\s*(['"]?)([^'")]+)\1\s*\)/.exec(value);
        if (name === "font-family") family = value.replace(/^['"]|['"]$/g, "");
        else if (name === "src" && found && !url) url = found[2];
        else if (name === "font-weight") descriptors.weight = value;
        else if (name === "font-style") descriptors.style = value;
        else if (name === "font-stretch") descriptors.stretch = value;
        else if (name === "unicode-range") descriptors.unicodeRange = value;
      });
      if (!family || !url || /^data:/.test(url)) return all;
      try {
        var face = new FontFace(family, "local('cdht-placeholder-font')", descriptors);
        document.fonts.add(face);
        lazyFonts.push({ face: face, url: new URL(url, base).href, family: family, d: descriptors });
        return "";
      } catch (error) {
        return all;
      }
    });
  }

  var loadUsedFonts = guard("fonts", function () {
    lazyFonts = lazyFonts.filter(function (lazy) {
      if (lazy.face.status === "unloaded") return true;
      fetchText(lazy.url, "buffer").then(function (buffer) {
        var real = new FontFace(lazy.family, buffer, lazy.d);
        return real.load().then(function () {
          document.fonts.delete(lazy.face);
          document.fonts.add(real);
        });
      }).catch(function (error) { report("font", error); });
      return false;
    });
  });
  if (document.fonts && document.fonts.addEventListener) {
    document.fonts.addEventListener("loading", function () { setTimeout(loadUsedFonts, 0); });
  }

  function addStyle(css, base) {
    css = deferFonts(css, base);
    // Relative url() in a stylesheet name files next to it: make them absolute first.
    css = css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, function (all, quote, target) {
      if (/^(data:|#)/.test(target)) return all;
      return 'url("' + new URL(target, base).href + '")';
    });
    var style = document.createElement("style");
    style.textContent = css;
    document.head.appendChild(style);
  }

  function runScript(text) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
      var script = document.createElement("script");
      script.src = url;
      script.async = false;
      script.onload = function () { URL.revokeObjectURL(url); resolve(); };
      script.onerror = function () { reject(new Error("script failed")); };
      document.head.appendChild(script);
    });
  }

  function integration(contentJson) {
    // H5P core reads saved state as contentUserData[subContentId][dataType] (a JSON string).
    var contentUserData = config.state ? [{ state: config.state }] : undefined;
    return {
      baseUrl: window.location.origin,
      url: absolute(config.base),
      urlLibraries: absolute(config.urlLibraries),
      libraryDirectories: config.libraryDirectories,
      contents: {
        "cid-1": {
          library: config.library,
          title: "",
          url: config.iri,
          contentUrl: absolute(config.base + "/content"),
          jsonContent: contentJson,
          styles: [],
          scripts: [],
          fullScreen: false,
          embedCode: "",
          resizeCode: "",
          displayOptions: {
            frame: false, export: false, embed: false, copyright: false, icon: false, copy: false
          },
          contentUserData: contentUserData,
          metadata: { title: "", license: "U" }
        }
      },
      saveFreq: false,
      postUserStatistics: false,
      reportingIsEnabled: false,
      ajax: {},
      l10n: config.l10n,
      core: { scripts: [absolute(config.coreJs)], styles: [absolute(config.coreCss)] },
      loadedJs: [],
      loadedCss: []
    };
  }

  function start() {
    var files = [config.coreCss, config.bundleCss, config.coreJs, config.bundleJs, config.contentJson];
    return Promise.all(files.map(fetchText)).then(function (texts) {
      addStyle(texts[0], absolute(config.coreCss));
      addStyle(texts[1], absolute(config.bundleCss));
      window.H5PIntegration = integration(texts[4]);
      var holder = document.createElement("div");
      holder.className = "h5p-iframe";
      var content = document.createElement("div");
      content.className = "h5p-content";
      content.setAttribute("data-content-id", "1");
      holder.appendChild(content);
      document.getElementById("h5p").appendChild(holder);
      window.H5P = window.H5P || {};
      window.H5P.preventInit = true;
      return runScript(texts[2]).then(function () { return runScript(texts[3]); });
    }).then(function () {
      if (typeof window.H5P.init === "function") window.H5P.init();
      window.H5P.preventInit = false;
      [0, 300, 1000, 3000, 8000].forEach(function (ms) { setTimeout(loadUsedFonts, ms); });
    });
  }

  /* The frame's height for the lesson page: the content's own, which shrinks again (the
   * document's scrollHeight never goes below the frame's current height). */
  function contentHeight() {
    var box = document.getElementById("h5p").getBoundingClientRect();
    return Math.ceil(Math.max(box.bottom + window.scrollY, document.body.scrollHeight));
  }

  start().then(guard("start", function () {
    H5P.externalDispatcher.on("xAPI", function (event) {
      forward.call(this, event);
      saveState();
    });
    setInterval(saveState, 30000);
    var reportHeight = guard("height", function () {
      send({ type: "cdht:height", height: contentHeight() });
    });
    if ("ResizeObserver" in window) new ResizeObserver(reportHeight).observe(document.body);
    reportHeight();
  })).catch(function (error) {
    document.getElementById("h5p").textContent = config.failText;
    report("load", error);
  });
})();
