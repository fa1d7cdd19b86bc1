/* Retired anchors: an old link (#old) finds an empty alias element placed in
   its successor; replace the address with the successor's id so the reader
   sees the live anchor highlighted and shares the current link. Without
   JavaScript the alias still scrolls to the right place. */
(function () {
  function follow() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el || !el.classList.contains("gwr-alias")) return;
    var successor = el.getAttribute("data-successor");
    history.replaceState(null, "", "#" + successor);
    var target = document.getElementById(successor);
    if (target) {
      // :target does not update on replaceState; mark the element ourselves.
      target.classList.add("gwr-target-alias");
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", follow);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else {
    follow();
  }
})();
