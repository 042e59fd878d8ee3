// "Chia sẻ" on article and programme pages: the phone's own share sheet (Zalo, Messenger…)
// where the browser has one, and "copy the link" where the clipboard is available. Without
// JavaScript both buttons stay hidden and the Facebook link still works.
(function () {
  "use strict";
  var box = document.querySelector(".share[data-share-url]");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-share-url");
  var status = box.querySelector(".share-status");
  var native = box.querySelector(".share-native");
  var copy = box.querySelector(".share-copy");
  if (native && navigator.share) {
    native.hidden = false;
    native.addEventListener("click", function () {
      navigator.share({ title: native.getAttribute("data-share-title"), url: url }).catch(function () {
        // The person closed the share sheet: nothing to do.
      });
    });
  }
  if (copy && navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(url).then(function () {
        status.textContent = copy.getAttribute("data-done");
      });
    });
  }
})();
