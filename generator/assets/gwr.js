/* The anchor in the address, decoded; "" when there is none, or none worth
   reading. Anchors are ASCII and short: the longest of a report is about 31
   characters (sec_3__item_10__para_6__sent_14), a range adds a few more
   (-15), and docs/anchors.md's grammar allows nothing else. 200 leaves room
   for any report's numbers, yet a longer address (one of 360 000 characters
   froze the page for half a minute) is ignored here, before it is decoded or
   parsed by gwr.js or cite.js. The browser still scrolls to an element of
   that id if there is one. */
var GWR_LONGEST_HASH = 200;
function gwrHash() {
  var raw = location.hash.slice(1);
  if (raw.length > GWR_LONGEST_HASH) return "";
  try { return decodeURIComponent(raw); } catch (e) { return ""; }
}

/* The anchor of the block the reader is at, on a report's Chinese page or
   its English edition's: the anchor in the address while what it names is
   on screen, else the first row (or part heading) below the sticky chrome
   (the 简繁/中英 bar where there is one, else the header). One half hidden
   under the chrome is where the reader was, not where they are. */
function gwrAnchorHere() {
  var hash = gwrHash();
  var target = hash && document.getElementById(hash);
  var shown = target && (target.closest(".gwr-row") || target);
  if (shown && shown.getClientRects().length) {
    var r = shown.getBoundingClientRect();
    if (r.bottom > 0 && r.top < window.innerHeight) return hash;
  }
  var chrome = document.querySelector(".gwr-controls") || document.querySelector(".md-header");
  var line = chrome ? chrome.getBoundingClientRect().bottom : 0;
  var rows = document.querySelectorAll(".gwr-row[id], .gwr-row h2[id]");
  for (var i = 0; i < rows.length; i++) {
    if (!rows[i].getClientRects().length) continue;
    var box = rows[i].getBoundingClientRect();
    if (box.top >= line - 1 || box.top + box.height / 2 > line) return rows[i].id;
  }
  return hash;
}

/* A sentence and its English light together. Each unit of English names the
   Chinese sentences it answers (data-s, one or a run of several): hovering
   either lights both (gwr-lit), and the sentences the address names, one or
   a range (cite.js), light their counterparts (gwr-counterpart) as :target
   lights them. On the English edition's page the Chinese is not there: its
   units carry the sentences' anchors themselves. */
function gwrCounterparts(el) {
  if (!el || !el.classList) return [];
  if (el.classList.contains("gwr-s-en")) {
    var found = [];
    (el.getAttribute("data-s") || "").split(" ").forEach(function (id) {
      var zh = id && document.getElementById(id);
      if (zh && zh !== el && !zh.closest(".gwr-s-en")) found.push(zh);
    });
    return found;
  }
  if (!el.id) return [];
  return Array.prototype.slice.call(document.querySelectorAll('.gwr-s-en[data-s~="' + el.id + '"]'))
    .filter(function (en) { return en !== el; });
}

/* Mark the counterparts of the elements of ``ids`` (none: clear the marks). */
function gwrLightCounterparts(ids) {
  document.querySelectorAll(".gwr-counterpart").forEach(function (el) { el.classList.remove("gwr-counterpart"); });
  (ids || []).forEach(function (id) {
    gwrCounterparts(document.getElementById(id)).forEach(function (el) { el.classList.add("gwr-counterpart"); });
  });
}

(function () {
  var lit = [];
  function unlight() {
    lit.forEach(function (el) { el.classList.remove("gwr-lit"); });
    lit = [];
  }
  document.addEventListener("mouseover", function (event) {
    var s = event.target.closest && event.target.closest(".gwr-s[id], .gwr-s-en");
    if (s && lit[0] === s) return;
    unlight();
    if (!s || !s.closest(".gwr-report, .gwr-english")) return;
    var others = gwrCounterparts(s);
    if (!others.length) return;
    lit = [s].concat(others);
    lit.forEach(function (el) { el.classList.add("gwr-lit"); });
  });
  function target() {
    var id = gwrHash();
    if (/__sent_\d+-\d+$/.test(id)) return;  // a range: cite.js lights it, once it has read it
    gwrLightCounterparts(id && /__sent_\d+$/.test(id) ? [id] : []);
  }
  window.addEventListener("hashchange", target);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", target);
  else target();
})();

/* Follow ``link`` (the same report in another script or language) at the
   block the reader is at. Material treats <link rel=alternate> pages as
   other-language sites and re-routes clicks on links to them, dropping the
   anchor: this click is kept to ourselves. */
function gwrFollowHere(event, link) {
  event.preventDefault();
  event.stopPropagation();
  var anchor = gwrAnchorHere();
  location.href = link.href.split("#")[0] + (anchor ? "#" + anchor : "");
}

/* What to scroll to so the reader sees an anchored element: the element, or
   in a view that hides it what stands for it there. Set by the view controls
   below; cite.js uses it too. */
var gwrReveal = function (el) { return el; };

/* Retired anchors: an old link (#old) finds an empty alias element placed in
   its successor; replace the address with the successor's id so the reader
   sees the live anchor highlighted and shares the current link. Without
   JavaScript the alias still scrolls to the right place. */
(function () {
  function follow() {
    document.querySelectorAll(".gwr-target-alias").forEach(function (el) {
      el.classList.remove("gwr-target-alias");
    });
    var id = gwrHash();
    if (!id) return;
    var el = document.getElementById(id);
    if (!el || !el.classList.contains("gwr-alias")) return;
    var successor = el.getAttribute("data-successor");
    history.replaceState(null, "", "#" + successor);
    var target = document.getElementById(successor);
    if (target) {
      // :target does not update on replaceState; mark the element ourselves, and its English.
      target.classList.add("gwr-target-alias");
      gwrLightCounterparts(/__sent_\d+$/.test(successor) ? [successor] : []);
      gwrReveal(target).scrollIntoView();
    }
  }
  window.addEventListener("hashchange", follow);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else {
    follow();
  }
})();

/* Glossary terms on touch screens: the first tap shows the tooltip (Material
   shows it on focus), a second tap on the same term follows the link. Esc
   dismisses a tooltip shown by hover or focus (WCAG 1.4.13) until the pointer
   moves or another element takes the focus. */
(function () {
  var root = document.documentElement;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") root.classList.add("gwr-tooltips-dismissed");
  });
  ["pointermove", "focusin"].forEach(function (type) {
    document.addEventListener(type, function () { root.classList.remove("gwr-tooltips-dismissed"); }, true);
  });
  document.addEventListener("touchend", function (event) {
    var term = event.target.closest && event.target.closest("a.gwr-term");
    if (!term || document.activeElement === term) return;
    event.preventDefault();
    term.focus();
  }, { passive: false });
})();

/* Material always opens a title tooltip below its term; near the bottom of
   the window it would run off screen. When the room below is too small for
   it and there is more above (below the header and the sticky 简繁/中英 bar,
   which would cover it), the tooltip opens above: gwr.css moves it. Decided
   when Material shows the tooltip (it sets --active in an animation frame,
   and this observer runs before that frame is painted) and again when the
   page scrolls under it. */
(function () {
  function place(tip) {
    var host = document.querySelector('[aria-describedby="' + tip.id + '"]');
    if (!host) return;
    var box = host.getBoundingClientRect();
    var top = 0;
    document.querySelectorAll(".md-header, .gwr-controls").forEach(function (bar) {
      top = Math.max(top, bar.getBoundingClientRect().bottom);
    });
    var below = window.innerHeight - box.bottom, above = box.top - top;
    tip.classList.toggle("gwr-tooltip-above", below < tip.offsetHeight + 16 && above > below);
  }
  function placeActive() {
    document.querySelectorAll(".md-tooltip2--active[role=tooltip]").forEach(place);
  }
  var shown = new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.target.classList.contains("md-tooltip2--active")) place(change.target);
    });
  });
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1 || !node.matches(".md-tooltip2[role=tooltip]")) return;
        place(node);
        shown.observe(node, { attributes: true, attributeFilter: ["class"] });
      });
    });
  }).observe(document.body, { childList: true });
  window.addEventListener("scroll", placeActive, { passive: true });
  window.addEventListener("resize", placeActive);
})();

/* Script (简/繁) and view (中/英/中英) controls. The view is a data attribute on
   the report; both choices persist in localStorage. Switching script keeps the
   reader at the same anchor: the one in the address, or else the first block
   on screen. Without JavaScript both languages show and the script links are
   plain links. */
(function () {
  var report = document.querySelector(".gwr-report");
  if (!report) return;
  var store = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) {} }
  };

  /* The English view is an English page: its title, the header, the table
     of contents (its title and its sections' names here, its entries in
     gwr.css) and the names of its parts and tasks for screen readers. The
     other views keep the page's own, remembered here as found. */
  var pageTitle = document.title;
  var englishTitle = report.querySelector(".gwr-title [lang=en]").textContent;
  var named = [];  // {node, attribute (null: its text), page: the page's own value, en}
  var topic = document.querySelector('[data-md-component="header-topic"] .md-ellipsis');
  if (topic) named.push({ node: topic, page: topic.lastChild.textContent, en: englishTitle });
  document.querySelectorAll("nav.md-nav--secondary").forEach(function (nav) {
    named.push({ node: nav, attribute: "aria-label", page: nav.getAttribute("aria-label"), en: "Contents" });
    var title = nav.querySelector(":scope > .md-nav__title");
    if (title) named.push({ node: title, page: title.lastChild.textContent, en: "Contents" });
  });
  // A TOC entry with children heads a nav named by the entry's both labels.
  document.querySelectorAll(".md-nav--secondary .md-nav__link").forEach(function (link) {
    var en = link.querySelector(".gwr-toc-en"), zh = link.querySelector(".gwr-toc-zh");
    var nav = link.nextElementSibling;
    if (en && zh && nav) named.push({ node: nav, attribute: "aria-label", page: zh.textContent, en: en.textContent });
  });
  // Parts and tasks are named by their Chinese heading (aria-labelledby), hidden in the English view.
  var sections = [].map.call(report.querySelectorAll("section[data-label-en]"), function (section) {
    return [section, section.getAttribute("aria-labelledby")];
  });
  // The English twin of each heading: a heading in the English view only.
  // Side by side (and so in the page as written) it is text, role="none",
  // and the outline holds each part and task once, by its Chinese heading.
  var twins = report.querySelectorAll("h2.gwr-en-heading, h3.gwr-en-title");

  function setView(view) {
    report.setAttribute("data-view", view);
    document.documentElement.setAttribute("data-gwr-view", view);  // the contents' names (gwr.css)
    report.querySelectorAll(".gwr-views button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view));
    });
    var en = view === "en";
    document.title = en ? report.getAttribute("data-title-en") : pageTitle;
    named.forEach(function (n) {
      var value = en ? n.en : n.page;
      if (n.attribute) {
        n.node.setAttribute(n.attribute, value);
        return;
      }
      // The last child is the words (the TOC title starts with an icon).
      n.node.lastChild.textContent = value;
      if (en) n.node.setAttribute("lang", "en"); else n.node.removeAttribute("lang");
    });
    twins.forEach(function (h) {
      if (en) h.removeAttribute("role"); else h.setAttribute("role", "none");
    });
    sections.forEach(function (pair) {
      if (en) {
        pair[0].removeAttribute("aria-labelledby");
        pair[0].setAttribute("aria-label", pair[0].getAttribute("data-label-en"));
      } else {
        pair[0].removeAttribute("aria-label");
        pair[0].setAttribute("aria-labelledby", pair[1]);
      }
    });
  }

  /* In the English view the Chinese is hidden. A part's or task's heading and
     a paragraph have their English in the same row: the row is shown. A
     sentence shows as its English; one that has none yet (pending) switches
     the page to 中英 (for this visit; the reader's choice stays remembered)
     and it shows highlighted. */
  gwrReveal = function (el) {
    if (!el || el.getClientRects().length || !report.contains(el)) return el;
    // A sentence's English, where the view shows it.
    var english = gwrCounterparts(el).filter(function (en) { return en.getClientRects().length; });
    if (english.length) return english[0];
    if (el.closest(".gwr-s")) {
      setView("both");
      return el;
    }
    return el.closest(".gwr-row") || el;
  };

  /* An address naming an element this view hides: the browser scrolled
     nowhere. (A retired anchor's alias is followed above.) */
  function reveal() {
    var id = gwrHash();
    var el = id && document.getElementById(id);
    if (!el || el.classList.contains("gwr-alias") || el.getClientRects().length) return;
    gwrReveal(el).scrollIntoView();
  }

  var views = report.querySelector(".gwr-views");
  views.hidden = false;

  /* Where the bar ends (it takes two lines on a phone): gwr.css stops a
     jumped-to anchor, and places the back-to-top button, below it. */
  var bar = report.querySelector(".gwr-controls");
  var root = document.documentElement;
  function measureBar() {
    var bottom = (parseFloat(getComputedStyle(bar).top) || 0) + bar.offsetHeight;
    if (bottom > 0 && root.style.getPropertyValue("--gwr-bar-bottom") !== bottom + "px") {
      root.style.setProperty("--gwr-bar-bottom", bottom + "px");
    }
  }
  measureBar();
  if (window.ResizeObserver) new ResizeObserver(measureBar).observe(bar);

  /* The skip link (Material's, to the first entry of the contents) lands on
     the title, just before these controls: the keyboard reaches them from
     it, not after every entry of the contents. */
  var skip = document.querySelector("a.md-skip");
  var title = report.querySelector(".gwr-title[id]");
  if (skip && title) skip.setAttribute("href", "#" + title.id);
  var saved = store.get("gwr-view") || "both";
  // A search hit in the English (?view=en) lands where the English shows:
  // the reader's own view if it has the English, else both languages. For
  // this visit only; the address keeps just the anchor, the citable part.
  var asked = new URLSearchParams(location.search).get("view");
  if (asked === "en") {
    setView(saved === "zh" ? "both" : saved);
    var clean = new URL(location.href);
    clean.searchParams.delete("view");
    history.replaceState(history.state, "", clean.href);
  } else {
    setView(saved);
  }
  views.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-view]");
    if (!button) return;
    var anchor = gwrAnchorHere();
    setView(button.getAttribute("data-view"));
    store.set("gwr-view", button.getAttribute("data-view"));
    var el = anchor && document.getElementById(anchor);
    if (el) (el.offsetParent !== null ? el : el.closest(".gwr-row") || el).scrollIntoView();
  });

  var script = report.getAttribute("data-script");
  report.querySelectorAll("a.gwr-script").forEach(function (link) {
    link.addEventListener("click", function (event) {
      store.set("gwr-script", link.getAttribute("data-script"));
      gwrFollowHere(event, link);
    });
  });
  // "Report a problem" links carry the report and the anchor; the block's own
  // words are added when the link is followed (in every link they would make
  // the page half as large again). Click also fires for Enter on a link.
  report.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.gwr-problem");
    if (!link || link.getAttribute("data-quoted")) return;
    var block = link.closest(".gwr-zh");
    if (!block) return;
    var words = "";
    block.querySelectorAll(".gwr-s").forEach(function (s) { words += s.textContent; });
    if (!words) words = block.textContent.replace(/[¶⚑]/g, "").trim();
    var url = new URL(link.href);
    url.searchParams.set("body", url.searchParams.get("body") + "\n原文 · Text:\n\n> " + words + "\n");
    link.href = url.toString();
    link.setAttribute("data-quoted", "1");
  });
  // The remembered script applies when moving around the site; a link that
  // arrives from elsewhere shows the script it names.
  var preferred = store.get("gwr-script");
  var internal = document.referrer && new URL(document.referrer).origin === location.origin;
  if (preferred && preferred !== script && internal) {
    var other = report.querySelector('a.gwr-script[data-script="' + preferred + '"]');
    if (other) {
      report.setAttribute("data-script-choice", "redirected");
      location.replace(other.href.split("#")[0] + location.hash);
      return;
    }
  }
  // The page says what it decided, so a test (or another script) need not guess by waiting.
  report.setAttribute("data-script-choice", "kept");
  window.addEventListener("hashchange", reveal);
  reveal();
})();

/* The table of contents highlights (toc.follow) the part, task or
   paragraph being read: the last whose top has reached the line where a
   jumped-to anchor stops (its scroll-margin-top, below the header, the
   sticky bar and the back-to-top button: gwr.css). Material draws that line
   just below its header (72 px), above the bar, so after a jump, or with a
   heading just below the bar, it highlighted the entry before. Material sets
   its classes when its own reckoning changes; they are set again after it
   (a MutationObserver sees its changes) and on every scroll and resize.
   At the end of the page, where the last entries cannot reach the line,
   Material's choice stands: the last. The English edition's page
   (.gwr-english) stops its anchors lower than Material's line too. */
(function () {
  var report = document.querySelector(".gwr-report, .gwr-english");
  if (!report) return;
  var lists = [];
  document.querySelectorAll('[data-md-component="toc"]').forEach(function (list) {
    var entries = [];
    list.querySelectorAll("a.md-nav__link").forEach(function (link) {
      var id = link.hash && decodeURIComponent(link.hash.slice(1));
      var target = id && document.getElementById(id);
      if (target && report.contains(target)) entries.push({ link: link, target: target });
    });
    if (entries.length) lists.push(entries);
  });
  if (!lists.length) return;

  function top(el) {
    // Hidden in this view (a Chinese heading in the English view): its row stands for it.
    if (!el.getClientRects().length) el = el.closest(".gwr-row") || el;
    return el.getBoundingClientRect().top;
  }
  function set(link, name, on) {
    if (link.classList.contains(name) !== on) link.classList.toggle(name, on);
  }
  function follow(link) {
    // Material scrolls its own choice into the sidebar; this one may be the next.
    // Only when it changes: a reader may have scrolled the sidebar meanwhile.
    var wrap = link.closest(".md-sidebar__scrollwrap");
    if (!wrap || !link.offsetHeight) return;
    var box = link.getBoundingClientRect(), frame = wrap.getBoundingClientRect();
    if (box.top < frame.top || box.bottom > frame.bottom) {
      wrap.scrollTop += box.top - frame.top - (frame.height - box.height) / 2;
    }
  }
  function mark() {
    var line = parseFloat(getComputedStyle(lists[0][0].target).scrollMarginTop) || 0;
    var end = window.scrollY + window.innerHeight >= Math.floor(document.body.offsetHeight);
    lists.forEach(function (entries) {
      var tops = entries.map(function (e) { return top(e.target); });
      var active = -1;
      tops.forEach(function (t, i) {
        // A pixel's leeway: scrolling to an anchor may stop a fraction short.
        if (end || t <= line + 1) {
          if (active < 0 || t >= tops[active]) active = i;
        }
      });
      entries.forEach(function (e, i) {
        var passed = active >= 0 && (end || tops[i] <= line + 1);
        set(e.link, "md-nav__link--passed", passed);
        set(e.link, "md-nav__link--active", i === active);
      });
      var link = active >= 0 ? entries[active].link : null;
      if (link && link !== entries.followed && !end) follow(link);
      entries.followed = link;
    });
  }
  var observer = new MutationObserver(function () { mark(); });
  lists.forEach(function (entries) {
    entries.forEach(function (e) { observer.observe(e.link, { attributes: true, attributeFilter: ["class"] }); });
  });
  window.addEventListener("scroll", mark, { passive: true });
  window.addEventListener("resize", mark);
  window.addEventListener("hashchange", mark);
  window.addEventListener("load", mark);
  mark();
})();

/* A link to the same report in another language (a[data-keep-anchor]: the
   English edition's link on a Chinese page, the Chinese pages' on an English
   one) is followed at the block the reader is at. Both pages have every anchor. */
document.querySelectorAll("a[data-keep-anchor]").forEach(function (link) {
  link.addEventListener("click", function (event) { gwrFollowHere(event, link); });
});

/* The compare page's next and previous change: after (before) the row the
   reader is at (the last one stepped to, while it is on screen), else the
   nearest edited, new, removed, split or merged row below (above) the header, of those
   shown (Changes only hides the rest); brought to the top and marked. The
   address names it, so it can be cited, without a history entry per step;
   the status says which it is ("第 3 处，共 114 处"), for every reader, and
   the buttons are off at the first and the last. They need this script,
   so it is what shows them. */
(function () {
  var steps = document.querySelector(".gwr-cmp-steps");
  if (!steps) return;
  var status = steps.querySelector(".gwr-cmp-status");
  var buttons = steps.querySelectorAll(".gwr-cmp-step");
  function shown() {
    return Array.prototype.filter.call(
      document.querySelectorAll(".gwr-cmp-edited, .gwr-cmp-new, .gwr-cmp-removed, .gwr-cmp-split, .gwr-cmp-merged"),
      function (row) { return row.offsetParent !== null; });
  }
  function onScreen(row) {
    var box = row.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }
  function go(step) {
    var rows = shown();
    var current = document.querySelector(".gwr-cmp-current");
    var at = current && onScreen(current) ? rows.indexOf(current) : -1;
    var found = null;
    if (at >= 0) {
      found = rows[at + step] || null;
    } else {
      var header = document.querySelector(".md-header");
      var top = (header ? header.getBoundingClientRect().bottom : 0) + 2;
      rows.forEach(function (row) {
        var y = row.getBoundingClientRect().top;
        if (step > 0 && !found && y > top) found = row;
        if (step < 0 && y < top) found = row;
      });
    }
    if (!found) return;
    if (current) current.classList.remove("gwr-cmp-current");
    found.classList.add("gwr-cmp-current");
    // The address names the row (and :target marks it) with no history entry;
    // the browser scrolls it below the tools (its scroll margin). Focus stays
    // on the button: press again for the one after.
    location.replace("#" + found.id);
    var k = rows.indexOf(found);
    status.textContent = "第 " + (k + 1) + " 处，共 " + rows.length + " 处 · change " + (k + 1) + " of " + rows.length;
    buttons[0].disabled = k === 0;
    buttons[1].disabled = k === rows.length - 1;
  }
  buttons.forEach(function (button) {
    button.addEventListener("click", function () { go(Number(button.dataset.step)); });
  });
  // What a link lands below: the header and the tools as drawn (CSS guesses
  // them; they wrap on a narrow screen). Measured once shown, and again on a
  // resize; a row the address named is brought below them again.
  var page = document.querySelector(".gwr-compare");
  var tools = document.querySelector(".gwr-cmp-tools");
  function measure() {
    var header = document.querySelector(".md-header");
    var below = (header ? header.offsetHeight : 0) + tools.offsetHeight + 8;
    page.style.setProperty("--gwr-cmp-offset", below + "px");
    document.documentElement.style.setProperty("--gwr-cmp-top", below + "px");
  }
  window.addEventListener("resize", measure);
  // A row the reader arrived at, or followed a link to on the page, is where the steps start from.
  function arrive() {
    var row = document.getElementById(gwrHash());
    if (!row || !row.classList.contains("gwr-cmp-row")) return null;
    var current = document.querySelector(".gwr-cmp-current");
    if (current && current !== row) current.classList.remove("gwr-cmp-current");
    row.classList.add("gwr-cmp-current");
    return row;
  }
  window.addEventListener("hashchange", arrive);
  var arrived = arrive();
  document.getElementById("gwr-cmp-changes").addEventListener("change", function () {
    buttons.forEach(function (button) { button.disabled = false; });
    status.textContent = "";
  });
  steps.hidden = false;
  measure();
  if (arrived && !arrived.closest("details:not([open])")) arrived.scrollIntoView();
})();

/* The compare page's 中 / 中英, remembered as the report pages' view
   (compare.html applies it before the rows are drawn). */
(function () {
  document.querySelectorAll('input[name="gwr-cmp-view"]').forEach(function (input) {
    input.addEventListener("change", function () {
      if (!input.checked) return;
      try { localStorage.setItem("gwr-view", input.value); } catch (e) {}
    });
  });
})();

/* A row cited inside a folded group (a paragraph beyond the other year's
   excerpt, on a compare page) is unfolded when the address names it. */
function gwrUnfoldTarget() {
  var id = gwrHash();
  var target = id && document.getElementById(id);
  var folded = target && target.closest("details:not([open])");
  if (folded) { folded.open = true; target.scrollIntoView(); }
}
window.addEventListener("hashchange", gwrUnfoldTarget);
gwrUnfoldTarget();
