// The demo page's script. It loads the widget from ./embed.js, in this page's own directory,
// and nothing else: an earlier version took the script's address from `?host=`, which let a
// link run any script on the dashboard's origin (`?host=data:text/javascript,…`) and read the
// signed-in admin's token. The assistant id must be a UUID, and the language tr or en.
(function () {
  "use strict";
  var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  var query = new URLSearchParams(location.search);
  var id = (query.get("assistant") || "").trim();
  var lang = query.get("lang");
  var status = document.getElementById("status");

  if (!UUID.test(id)) {
    status.className = "warn";
    status.textContent = id
      ? "?assistant= must be an assistant id (a UUID): the widget is not loaded."
      : "No ?assistant= given: the widget is not loaded.";
    return;
  }
  if (query.has("host")) {
    status.className = "warn";
    status.textContent = "?host= is not supported: this page only loads the widget that sits next to it.";
  }

  var script = document.createElement("script");
  // resolved against this script's own address, not anything the query says
  script.src = new URL("embed.js", document.currentScript.src).href;
  script.async = true;
  script.setAttribute("data-assistant-id", id);
  if (lang === "tr" || lang === "en") script.setAttribute("data-lang", lang);
  document.getElementById("snippet").textContent = script.outerHTML.replace("></script>", " async></script>");
  document.body.appendChild(script);
})();
