// Mitra's own small script: no third-party code, nothing blocking.
// 1. Beside each time in the event's zone, the same instant in the
//    viewer's own zone (when it differs).
// 2. HS code suggestions as one types; a click adds the code to the line
//    of the offers or needs box last used.
(function () {
  "use strict";
  var yours = document.body.getAttribute("data-your-time") || "";
  var viewerZone = "";
  try { viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { viewerZone = ""; }
  var lang = document.documentElement.lang || "en";
  document.querySelectorAll("time[datetime]").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when.getTime())) { return; }
    var zone = el.getAttribute("data-zone");
    var fmt = { hour: "2-digit", minute: "2-digit", day: "numeric", month: "short" };
    if (!zone) {
      // A moment without an event zone (an expiry): show it locally.
      el.textContent = when.toLocaleString(lang, fmt);
      return;
    }
    if (!viewerZone || viewerZone === zone) { return; }
    var span = document.createElement("span");
    span.className = "yours";
    span.textContent = " (" + when.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" }) + " " + yours + " · " + viewerZone + ")";
    var label = el.nextElementSibling && el.nextElementSibling.classList.contains("zone") ? el.nextElementSibling : el;
    label.insertAdjacentElement("afterend", span);
  });

  var search = document.querySelector("[data-hs-suggest]");
  if (!search) { return; }
  var results = document.getElementById(search.getAttribute("data-hs-suggest"));
  var target = document.querySelector("textarea.items");
  document.querySelectorAll("textarea.items").forEach(function (box) {
    box.addEventListener("focus", function () { target = box; });
  });
  var timer = null;
  function addCode(code) {
    if (!target) { return; }
    var text = target.value;
    var end = target.selectionEnd || text.length;
    var lineEnd = text.indexOf("\n", end);
    if (lineEnd < 0) { lineEnd = text.length; }
    var lineStart = text.lastIndexOf("\n", lineEnd - 1) + 1;
    var line = text.slice(lineStart, lineEnd);
    var updated = line.indexOf("|") >= 0 ? line.replace(/\s*$/, "") + ", " + code : line.replace(/\s*$/, "") + " | " + code;
    target.value = text.slice(0, lineStart) + updated + text.slice(lineEnd);
    target.focus();
  }
  search.addEventListener("input", function () {
    clearTimeout(timer);
    var q = search.value.trim();
    if (q.length < 2) { results.innerHTML = ""; return; }
    timer = setTimeout(function () {
      fetch("/hs?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (list) {
          results.innerHTML = "";
          list.forEach(function (entry) {
            var li = document.createElement("li");
            var button = document.createElement("button");
            button.type = "button";
            button.className = "link hs-pick";
            button.setAttribute("data-code", entry.code);
            button.textContent = entry.code + " — " + entry.description;
            button.addEventListener("click", function () { addCode(entry.code); });
            li.appendChild(button);
            results.appendChild(li);
          });
        })
        .catch(function () { results.innerHTML = ""; });
    }, 200);
  });
})();

// 3. The check-in desk's camera: where the browser can read QR codes
//    (BarcodeDetector), a button opens the camera and sends the first code
//    it sees. Scanners that type into the field need none of this.
(function () {
  "use strict";
  var button = document.getElementById("camera");
  var video = document.getElementById("viewfinder");
  var field = document.getElementById("code");
  if (!button || !video || !field || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var look = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length > 0) {
            stream.getTracks().forEach(function (t) { t.stop(); });
            field.value = codes[0].rawValue;
            field.form.submit();
          } else {
            window.requestAnimationFrame(look);
          }
        }).catch(function () { window.requestAnimationFrame(look); });
      };
      look();
    }).catch(function () { button.hidden = true; });
  });
})();
