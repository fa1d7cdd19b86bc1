/* Citing a clause: anchor ranges, anchors that are not on the page, and the
   cite tool. The formats and label pieces come from the page (written by
   generator/text/reference_formats.py), so the tool and the tests give the same text. Without
   JavaScript every ¶ is still a plain link to its anchor. */
(function () {
  // A report's Chinese page, or its page in the English edition.
  var report = document.querySelector(".gwr-report, .gwr-english");
  var holder = document.getElementById("gwr-cite-data");
  if (!report || !holder) return;
  var data = JSON.parse(holder.textContent);
  // The English edition's page speaks English only; the Chinese pages both languages.
  var english = /^en\b/i.test(document.documentElement.getAttribute("lang") || "");
  function say(both, en) { return english ? en : both; }

  /* --- anchors and labels ------------------------------------------------ */

  // sec_3__item_1__para_2__sent_3-5 (sentences 3 to 5) or sec_3__item_1__para_2-4 (paragraphs 2 to 4).
  var RANGE = /^(.+__(para|sent)_)(\d+)-(\d+)$/;
  var PARA = /^(.*)__para_(\d+)$/;

  // The address's anchor as gwr.js reads it: none when absurdly long.
  function hash() {
    return gwrHash();
  }

  function piece(name, values) {
    return data.pieces[name].map(function (text) {
      return text.replace(/\{(\w)\}/g, function (_, key) { return values[key]; });
    });
  }

  function join(label, more) {
    return [label[0] + more[0], label[1] ? label[1] + ", " + more[1] : more[1]];
  }

  /* A target: {anchor, ids (the elements it covers), label [zh, en]}; null if not on this page. */
  function target(anchor) {
    var range = RANGE.exec(anchor), ids = [], first, last, kind;
    if (range) {
      first = +range[3]; last = +range[4]; kind = range[2];
      if (last <= first) return null;
      // Walked over the sentences (paragraphs) that exist, never over the
      // numbers: an end past the paragraph's last sentence (the container's
      // last paragraph) is clamped to it, so #…__sent_1-300000000 costs what
      // #…__sent_1-9 does.
      for (var n = first; n <= last && document.getElementById(range[1] + n); n++) ids.push(range[1] + n);
      if (!ids.length) return null;
      if (ids.length === 1) return target(ids[0]);  // clamped to its start: that one clause
      if (first + ids.length - 1 < last) {
        last = first + ids.length - 1;
        anchor = range[1] + first + "-" + last;
      }
    } else {
      if (!document.getElementById(anchor)) return null;
      ids.push(anchor);
    }
    var paragraph = kind === "sent" || /__sent_\d+$/.test(anchor) ? anchor.split("__sent_")[0] : anchor;
    var match = PARA.exec(range && kind === "para" ? range[1] + first : paragraph);
    var label = null;
    if (match && data.containers[match[1]]) {
      var container = data.containers[match[1]];
      if (range && kind === "para") {
        label = join(container, piece("paras", { a: first, b: last }));
      } else {
        label = join(container, piece("para", { n: match[2] }));
        var sentence = /__sent_(\d+)$/.exec(anchor);
        if (range) label = join(label, piece("sents", { a: first, b: last }));
        else if (sentence) label = join(label, piece("sent", { n: sentence[1] }));
      }
    } else if (data.containers[anchor]) {
      label = data.containers[anchor];
    }
    return label && { anchor: anchor, ids: ids, label: label };
  }

  /* The nearest existing ancestor of an anchor that is not on the page. */
  function ancestor(anchor) {
    var parts = anchor.replace(/-\d+$/, "").split("__");
    while (parts.length) {
      parts.pop();
      var id = parts.join("__");
      if (id && document.getElementById(id)) return id;
    }
    return null;
  }

  /* --- ranges and missing anchors ---------------------------------------- */

  var notice = document.createElement("div");
  notice.className = "gwr-notice admonition warning";
  notice.setAttribute("role", "status");
  notice.hidden = true;
  report.insertBefore(notice, report.firstChild.nextSibling);

  function show() {
    document.querySelectorAll(".gwr-in-range").forEach(function (el) { el.classList.remove("gwr-in-range"); });
    notice.hidden = true;
    var anchor = hash();
    var moved = data.moved && Object.prototype.hasOwnProperty.call(data.moved, anchor) && data.moved[anchor];
    if (moved && document.getElementById(moved)) {
      // This anchor named other words when it was published; they are now at `moved`.
      history.replaceState(null, "", "#" + moved);
      var successor = document.getElementById(moved);
      successor.classList.add("gwr-target-alias");
      gwrReveal(successor).scrollIntoView();
      return;
    }
    if (!anchor || document.getElementById(anchor)) return;
    var found = RANGE.test(anchor) && target(anchor);
    if (found) {
      found.ids.forEach(function (id) { document.getElementById(id).classList.add("gwr-in-range"); });
      gwrLightCounterparts(found.ids);  // and their English (gwr.js)
      // In the English view a range of sentences switches the page to 中英 (gwr.js).
      gwrReveal(document.getElementById(found.ids[0])).scrollIntoView();
      return;
    }
    var near = ancestor(anchor);
    notice.textContent = "";
    var text = document.createElement("p");
    text.appendChild(document.createTextNode(say("本页没有锚点 · This page has no anchor ", "This page has no anchor ")));
    var code = document.createElement("code");
    code.textContent = "#" + anchor;
    text.appendChild(code);
    text.appendChild(document.createTextNode(near ? say("。最接近的是 · The nearest is ", ". The nearest is ") : say("。", ".")));
    if (near) {
      var link = document.createElement("a");
      link.href = "#" + near;
      link.textContent = "#" + near;
      text.appendChild(link);
    }
    notice.appendChild(text);
    notice.hidden = false;
    notice.scrollIntoView();
  }
  window.addEventListener("hashchange", show);
  show();

  /* --- the cite tool ------------------------------------------------------ */

  // This page's address; the report's Chinese page and its English
  // edition's page (one of them is this page): absolute, or as the site links them from here.
  function pageUrl() {
    return (data.url || location.href.split("#")[0]);
  }

  function chineseUrl() {
    return data.chinese ? new URL(data.chinese, location.href).href : pageUrl();
  }

  function englishUrl() {
    return data.english ? new URL(data.english, location.href).href : pageUrl();
  }

  /* The item is the report; the clause is the locator (the GB/T 7714 and
     Chicago strings, as citeproc renders them) or the note (the files):
     generator/text/reference_formats.py writes the templates. */
  function formats(found) {
    var today = new Date();
    var accessed = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" +
      String(today.getDate()).padStart(2, "0");
    var values = {
      label_zh: found.label[0], label_en: found.label[1], page: chineseUrl(), url: chineseUrl() + "#" + found.anchor,
      page_en: englishUrl(), url_en: englishUrl() + "#" + found.anchor, accessed: accessed
    };
    var out = {};
    Object.keys(data.templates).forEach(function (name) {
      out[name] = data.templates[name].replace(/⟪(\w+)⟫/g, function (_, slot) { return values[slot]; });
    });
    out.link = pageUrl() + "#" + found.anchor;  // the clause on this page
    return out;
  }

  var panel = document.createElement("div");
  panel.className = "gwr-cite";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "gwr-cite-title");
  panel.hidden = true;
  panel.innerHTML =
    '<p class="gwr-cite-head"><strong id="gwr-cite-title">' + say("引用 · Cite", "Cite") + '</strong> <span class="gwr-cite-label"></span>' +
    '<button type="button" class="gwr-cite-close" aria-label="' + say("关闭 · Close", "Close") + '">×</button></p>' +
    '<div class="gwr-cite-sentences" role="group" aria-label="' + say("引用一句 · Cite one sentence", "Cite one sentence") + '"></div>' +
    '<dl class="gwr-cite-formats"></dl>' +
    '<p class="gwr-cite-files">' + say("中文 · Chinese", "Chinese") + ': <a data-format="bibtex">BibTeX</a> · <a data-format="ris">RIS</a> · ' +
    '<a data-format="csl">CSL-JSON</a><br>' + say("英文（本版译文）· English (this edition’s translation)",
      "English (this edition’s translation)") + ': <a data-format="bibtex_en">BibTeX</a> · ' +
    '<a data-format="ris_en">RIS</a> · <a data-format="csl_en">CSL-JSON</a></p>' +
    '<p class="gwr-cite-status" role="status"></p>';
  document.body.appendChild(panel);
  var status = panel.querySelector(".gwr-cite-status");
  var opener = null;
  var ROWS = english
    ? [["link", "Link"], ["chicago", "Chicago note"], ["chicago_bibliography", "Chicago bibliography"],
       ["gbt7714", "The Chinese: GB/T 7714"]]
    : [["link", "链接 · Link"], ["gbt7714", "中文 · GB/T 7714"], ["chicago", "English · Chicago note"],
       ["chicago_bibliography", "English · Chicago bibliography"]];
  // A sentence's words, in both languages where the page has both.
  var QUOTATION = ["quotation", say("引文 · Quotation", "Quotation")];
  var FILES = {
    bibtex: ["application/x-bibtex", ".bib"], ris: ["application/x-research-info-systems", ".ris"],
    csl: ["application/vnd.citationstyles.csl+json", ".json"]
  };

  function copy(text) {
    var done = function () { status.textContent = say("已复制 · Copied", "Copied"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else {
      fallback(text);
      done();
    }
  }

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) {}
    area.remove();
  }

  /* The words of cited sentences: the Chinese where the page has it, then
     the English that answers them (each unit once, a run's once). */
  function quotation(found) {
    if (!/__sent_\d+(-\d+)?$/.test(found.anchor)) return "";
    var zh = [], en = [], units = [];
    found.ids.forEach(function (id) {
      var el = document.getElementById(id);
      if (!el) return;
      var unit = el.closest(".gwr-s-en");
      if (unit) {
        if (units.indexOf(unit) < 0) units.push(unit);
        return;
      }
      zh.push(el.textContent.trim());
      gwrCounterparts(el).forEach(function (u) { if (units.indexOf(u) < 0) units.push(u); });
    });
    units.forEach(function (u) { if (!u.classList.contains("gwr-pending")) en.push(u.textContent.trim()); });
    return [zh.join(""), en.join(" ")].filter(Boolean).join("\n");
  }

  function open(anchor, from) {
    var found = target(anchor);
    if (!found) return false;
    var text = formats(found);
    text.quotation = quotation(found);
    panel.querySelector(".gwr-cite-label").textContent = english ? found.label[1] : found.label[0] + " · " + found.label[1];
    var list = panel.querySelector(".gwr-cite-formats");
    list.textContent = "";
    (text.quotation ? [ROWS[0], QUOTATION].concat(ROWS.slice(1)) : ROWS).forEach(function (row) {
      var term = document.createElement("dt");
      term.textContent = row[1];
      var value = document.createElement("dd");
      var output = document.createElement("output");
      output.className = "gwr-cite-" + row[0];
      output.textContent = text[row[0]];
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = say("复制 · Copy", "Copy");
      button.setAttribute("aria-label", say("复制 · Copy: ", "Copy: ") + row[1]);
      button.addEventListener("click", function () { copy(text[row[0]]); });
      value.appendChild(output);
      value.appendChild(button);
      list.appendChild(term);
      list.appendChild(value);
    });
    panel.querySelectorAll("a[data-format]").forEach(function (link) {
      var format = link.getAttribute("data-format");
      var file = FILES[format.replace(/_en$/, "")];
      // The Chinese files are in this page's script (Simplified from the English edition's page).
      var language = /_en$/.test(format) ? "en" : english ? "zh-Hans" : document.documentElement.lang;
      link.href = "data:" + file[0] + ";charset=utf-8," + encodeURIComponent(text[format]);
      link.setAttribute("download", "gwr" + data.year + "-" + language + "-" + found.anchor + file[1]);
    });
    // From a paragraph, any one of its sentences can be cited instead.
    var sentences = panel.querySelector(".gwr-cite-sentences");
    sentences.textContent = "";
    var row = document.getElementById(found.ids[0]);
    var paragraph = row && row.classList.contains("gwr-row") && !RANGE.test(anchor) ? row : null;
    if (paragraph) {
      // Its sentences' anchors: on the Chinese sentences, or on the English
      // that answers them (a run's English holds the run's anchors).
      var seen = {};
      paragraph.querySelectorAll("[id]").forEach(function (s) {
        var n = /__sent_(\d+)$/.exec(s.id);
        if (!n || seen[s.id] || s.classList.contains("gwr-alias")) return;
        seen[s.id] = true;
        var b = document.createElement("button");
        b.type = "button";
        var names = piece("sent", { n: n[1] });
        b.textContent = english ? names[1] : names[0];
        b.setAttribute("aria-label", english ? names[1] : names.join(" · "));
        b.addEventListener("click", function () { open(s.id, from); });
        sentences.appendChild(b);
      });
    }
    sentences.hidden = !sentences.childElementCount;
    status.textContent = "";
    opener = from || opener;
    panel.hidden = false;
    panel.querySelector(".gwr-cite-formats button").focus();
    return true;
  }

  function close() {
    panel.hidden = true;
    if (opener) opener.focus();
    opener = null;
  }

  panel.querySelector(".gwr-cite-close").addEventListener("click", close);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) close();
  });

  // The ¶ of a paragraph still follows its link (the address shows the
  // anchor, which is highlighted), and opens the tool beside it.
  report.addEventListener("click", function (event) {
    var pilcrow = event.target.closest && event.target.closest("a.gwr-pilcrow");
    if (!pilcrow) return;
    var anchor = pilcrow.getAttribute("href").slice(1);
    if (!target(anchor)) return;
    // Navigate first, then open: the tool takes the focus after the jump.
    event.preventDefault();
    if (hash() !== anchor) location.hash = anchor;
    open(anchor, pilcrow);
  });

  /* A text selection inside a paragraph (or across the paragraphs of one
     task) offers a citation of the sentences or paragraphs it covers. */
  var offer = document.createElement("button");
  offer.type = "button";
  offer.className = "gwr-cite-offer";
  offer.textContent = say("引用所选 · Cite selection", "Cite selection");
  offer.hidden = true;
  document.body.appendChild(offer);
  var offered = null;

  function selected() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.parentElement, end = range.endContainer.parentElement;
    var a = start && start.closest(".gwr-s[id]"), b = end && end.closest(".gwr-s[id]");
    if (!a || !b) return null;
    var pa = a.id.split("__sent_"), pb = b.id.split("__sent_");
    if (pa[0] === pb[0]) return +pa[1] === +pb[1] ? a.id : pa[0] + "__sent_" + pa[1] + "-" + pb[1];
    var qa = PARA.exec(pa[0]), qb = PARA.exec(pb[0]);
    if (qa && qb && qa[1] === qb[1] && +qb[2] > +qa[2]) return pa[0] + "-" + qb[2];
    return null;
  }

  // Below the selection's last line, within the window's width: a phone
  // shows its own copy menu above a selection.
  function place() {
    var rects = window.getSelection().getRangeAt(0).getClientRects();
    var last = rects[rects.length - 1];
    if (!last) return;
    var width = offer.offsetWidth;
    var left = Math.min(Math.max(8, last.right - width), document.documentElement.clientWidth - width - 8);
    offer.style.left = (left + window.scrollX) + "px";
    offer.style.top = (last.bottom + window.scrollY + 8) + "px";
  }

  document.addEventListener("selectionchange", function () {
    offered = selected();
    offer.hidden = !offered;
    if (offered) place();
  });
  offer.addEventListener("click", function () {
    if (offered) open(offered, offer);
  });

  // The page tells tests (and other scripts) that the tool is ready.
  report.setAttribute("data-cite", "ready");
})();
