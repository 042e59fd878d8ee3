// Live campaign view: replace a commune's counts when the server pushes them.
(function () {
  "use strict";
  var status = document.getElementById("live-status");
  if (!status || !window.WebSocket) return;
  var year = Number(status.dataset.year);
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var retry = 1000;

  function total(state) {
    var sum = 0;
    document.querySelectorAll('td[data-state="' + state + '"]').forEach(function (cell) {
      sum += Number(cell.textContent) || 0;
    });
    var cell = document.querySelector('td[data-total="' + state + '"]');
    if (cell) cell.textContent = String(sum);
  }

  function connect() {
    var socket = new WebSocket(scheme + location.host + "/ws/bao-cao/truc-tiep/");
    socket.onopen = function () { status.textContent = status.dataset.online; retry = 1000; };
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.year !== year) return;
      var row = document.querySelector('tr[data-commune="' + data.commune + '"]');
      if (!row) return;
      Object.keys(data.states).forEach(function (state) {
        var cell = row.querySelector('td[data-state="' + state + '"]');
        if (cell && cell.textContent !== String(data.states[state])) {
          cell.textContent = String(data.states[state]);
          cell.classList.remove("changed"); void cell.offsetWidth; cell.classList.add("changed");
          total(state);
        }
      });
    };
    socket.onclose = function (event) {
      status.textContent = status.dataset.offline;
      if (event.code !== 4403) setTimeout(connect, Math.min(retry *= 2, 30000));
    };
  }
  connect();
})();
