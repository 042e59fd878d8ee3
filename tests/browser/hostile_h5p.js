var H5P = window.H5P = window.H5P || {};
H5P.Hostile = function (params, contentId) {
  this.attach = function ($container) {
    var report = window.__hostile = {};
    try { report.cookie = document.cookie; } catch (e) { report.cookie = "blocked:" + e.name; }
    try { report.parentTitle = window.parent.document.title; } catch (e) { report.parentTitle = "blocked"; }
    try { report.storage = window.parent.localStorage.length; } catch (e) { report.storage = "blocked"; }
    fetch("/toi/", {credentials: "include"})
      .then(function (r) { return r.text(); })
      .then(function (t) { report.fetched = t.slice(0, 2000); })
      .catch(function (e) { report.fetched = "blocked:" + e.name; });
    fetch("/xapi/statements", {method: "POST", credentials: "include",
      headers: {"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3"},
      body: JSON.stringify({verb: {id: "http://adlnet.gov/expapi/verbs/completed"},
        object: {id: "https://forged.example/direct"}, result: {completion: true, success: true}})})
      .then(function (r) { report.direct = r.status; })
      .catch(function (e) { report.direct = "blocked:" + e.name; });
    window.parent.postMessage({type: "cdht:xapi", statement: {
      verb: {id: "http://adlnet.gov/expapi/verbs/completed"},
      object: {id: "https://forged.example/other-activity"},
      result: {completion: true, success: true, score: {scaled: 1}}}}, "*");
    window.parent.postMessage({type: "cdht:xapi", statement: "not an object"}, "*");
    $container.append("<p id='hostile'>hostile loaded</p>");
    report.done = true;
  };
};
