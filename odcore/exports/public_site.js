"use strict";
// The public static site: every value from the data is set with textContent or as a DOM
// property, never as HTML; links only for http(s) URLs, pictures only for https URLs.
(function () {
  const data = JSON.parse(document.getElementById("odcore-data").textContent);
  const PRODUCTS_PER_PAGE = 24;
  const DATASETS_PER_PAGE = 50;
  const ON_TIME = {
    on_time: "Оновлюється вчасно",
    overdue: "Не оновлено вчасно",
    not_evaluable: "Частоту оновлення не визначено",
  };

  function key(text) {
    return String(text || "").normalize("NFC").replace(/['’ʼ`‘´ʹ]/g, "")
      .replace(/\s+/g, " ").trim().toLowerCase();
  }
  function idKey(text) {
    return String(text || "").normalize("NFC").replace(/['’ʼ`‘´ʹ]/g, "'")
      .replace(/\s+/g, " ").trim().toLowerCase();
  }
  function safeUrl(text, httpsOnly) {
    try {
      const url = new URL(text);
      const ok = httpsOnly ? url.protocol === "https:"
        : url.protocol === "https:" || url.protocol === "http:";
      return ok ? url.href : null;
    } catch (e) {
      return null;
    }
  }
  function dateUk(iso) {
    if (!iso) return "—";
    const parts = String(iso).split("-");
    return parts.length === 3 ? parts[2] + "." + parts[1] + "." + parts[0] : String(iso);
  }
  // Direction controls (U+202E and its kin) typed into a cell: dir="auto" isolates the
  // element, so they reorder only its own text, never the words after it on the line.
  const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
      if (BIDI_CONTROLS.test(node.textContent)) node.dir = "auto";
    }
    if (className) node.className = className;
    return node;
  }
  function link(text, url) {
    const href = safeUrl(url, false);
    if (!href) return el("span", text);
    const a = el("a", text);
    a.href = href;
    a.rel = "noopener noreferrer nofollow";
    a.referrerPolicy = "no-referrer";
    return a;
  }
  function option(select, value, text) {
    const node = el("option", text);
    node.value = value;
    select.appendChild(node);
  }
  function byId(id) { return document.getElementById(id); }
  function byText(a, b) { return a.localeCompare(b, "uk"); }

  const datasets = data.datasets.map(function (d, i) {
    return Object.assign({ anchor: "dataset-" + i, search: key([d.id, d.title, d.description,
      d.department].concat(d.formats, d.keywords).join(" ")) }, d);
  });
  const datasetByKey = new Map(datasets.map(function (d) { return [idKey(d.id), d]; }));
  const products = data.products.map(function (p, i) {
    const titles = p.dataset_ids.map(function (id) {
      const d = datasetByKey.get(idKey(id));
      return d ? d.title : "";
    });
    return Object.assign({ anchor: "product-" + i, search: key([p.name, p.kind, p.description,
      p.author].concat(p.dataset_ids, titles).join(" ")) }, p);
  });
  function productsUsing(dataset) {
    const wanted = idKey(dataset.id);
    return products.filter(function (p) {
      return p.dataset_ids.some(function (id) { return idKey(id) === wanted; });
    });
  }

  byId("council").textContent = data.council;
  byId("as-of").textContent = "Дані станом на " + dateUk(data.as_of) + ".";
  const generated = String(data.generated_at);
  byId("generated-at").textContent = "Сформовано " + dateUk(generated.slice(0, 10)) + " о "
    + generated.slice(11, 16) + ".";
  document.querySelectorAll(".contact").forEach(function (node) {
    node.textContent = data.public_contact;
  });
  // No contact configured (not the demo's workbook): no invitation to write to nobody.
  document.querySelectorAll(".contact-line").forEach(function (node) {
    node.hidden = !data.public_contact;
  });
  document.title = "Відкриті дані: " + data.council;

  // The programme in figures, as on the dashboard's «Про панель».
  // Shares come as text ("70 %", rounded in Python as on the dashboard) or null.
  function shown(value) { return value === null || value === undefined ? "немає даних" : value; }
  const figures = byId("figures");
  [["Оприлюднено наборів", String(data.figures.datasets)],
   ["Оновлюються вчасно", data.figures.on_time_share],
   ["Відповідають стандарту", data.figures.compliant_share],
   ["Продуктів на даних", String(data.figures.products)],
   ["Виконання плану", data.figures.plan_progress]].forEach(function (pair) {
    const item = el("li", null, "figure");
    item.appendChild(el("strong", shown(pair[1])));
    item.appendChild(el("span", pair[0]));
    figures.appendChild(item);
  });

  // --- Products ---------------------------------------------------------------------------
  const productQuery = byId("product-query");
  const productKind = byId("product-kind");
  const productDataset = byId("product-dataset");
  let productLimit = PRODUCTS_PER_PAGE;

  const kinds = [];
  products.forEach(function (p) { if (kinds.indexOf(p.kind) < 0) kinds.push(p.kind); });
  kinds.sort(byText);
  option(productKind, "", "Усі типи");
  kinds.forEach(function (kind) { option(productKind, kind, kind); });
  const usedIds = [];
  products.forEach(function (p) {
    p.dataset_ids.forEach(function (id) { if (usedIds.indexOf(id) < 0) usedIds.push(id); });
  });
  function datasetLabel(id) {
    const d = datasetByKey.get(idKey(id));
    return d ? id + " · " + d.title : id;
  }
  usedIds.sort(function (a, b) { return byText(datasetLabel(a), datasetLabel(b)); });
  option(productDataset, "", "Усі набори даних");
  usedIds.forEach(function (id) { option(productDataset, id, datasetLabel(id)); });

  const counts = byId("product-counts");
  kinds.forEach(function (kind) {
    const n = products.filter(function (p) { return p.kind === kind; }).length;
    counts.appendChild(el("li", kind + ": " + n, "badge"));
  });

  function productCard(p) {
    const card = el("article", null, "card");
    card.id = p.anchor;
    const image = safeUrl(p.image_url, true);
    if (image) {
      const img = document.createElement("img");
      img.src = image;
      img.alt = "";
      img.loading = "lazy";
      img.decoding = "async";
      img.referrerPolicy = "no-referrer";
      img.addEventListener("error", function () { img.remove(); });
      card.appendChild(img);
    }
    card.appendChild(el("span", p.kind, "badge"));
    card.appendChild(el("h3", p.name));
    if (p.description) card.appendChild(el("p", p.description));
    if (p.author) card.appendChild(el("p", "Автор: " + p.author, "muted"));
    if (safeUrl(p.url, false)) {
      const line = el("p");
      line.appendChild(link("Відкрити продукт", p.url));
      card.appendChild(line);
    }
    if (p.dataset_ids.length) {
      const line = el("p", "Набори даних: ");
      p.dataset_ids.forEach(function (id, i) {
        if (i) line.appendChild(document.createTextNode(", "));
        const d = datasetByKey.get(idKey(id));
        if (d) {
          const a = el("a", datasetLabel(id));
          a.href = "#" + d.anchor;
          line.appendChild(a);
        } else {
          line.appendChild(el("span", id));
        }
      });
      card.appendChild(line);
    }
    if (p.added_on) card.appendChild(el("p", "Додано " + dateUk(p.added_on), "muted"));
    return card;
  }

  function renderProducts() {
    const query = key(productQuery.value);
    const kind = productKind.value;
    const datasetKey = idKey(productDataset.value);
    const found = products.filter(function (p) {
      return (!kind || p.kind === kind)
        && (!datasetKey || p.dataset_ids.some(function (id) { return idKey(id) === datasetKey; }))
        && (!query || p.search.indexOf(query) >= 0);
    });
    const list = byId("products");
    list.replaceChildren();
    found.slice(0, productLimit).forEach(function (p) { list.appendChild(productCard(p)); });
    byId("product-total").textContent = "Знайдено продуктів: " + found.length + ".";
    byId("product-none").hidden = products.length > 0;
    byId("product-empty").hidden = found.length > 0 || products.length === 0;
    byId("product-more").hidden = found.length <= productLimit;
  }

  // --- Datasets ---------------------------------------------------------------------------
  const datasetQuery = byId("dataset-query");
  const datasetDepartment = byId("dataset-department");
  const datasetOnTime = byId("dataset-on-time");
  let datasetLimit = DATASETS_PER_PAGE;

  const departments = [];
  datasets.forEach(function (d) {
    if (departments.indexOf(d.department) < 0) departments.push(d.department);
  });
  departments.sort(byText);
  option(datasetDepartment, "", "Усі розпорядники");
  departments.forEach(function (name) { option(datasetDepartment, name, name); });
  option(datasetOnTime, "", "Будь-яка");
  Object.keys(ON_TIME).forEach(function (state) { option(datasetOnTime, state, ON_TIME[state]); });

  function field(list, label, value) {
    if (value === null || value === undefined || value === "") return;
    const item = el("li");
    item.appendChild(el("span", label + ": ", "muted"));
    item.appendChild(typeof value === "string" ? el("span", value) : value);
    list.appendChild(item);
  }

  function datasetCard(d) {
    const card = el("li", null, "card");
    card.id = d.anchor;
    card.appendChild(el("span", ON_TIME[d.on_time] || d.on_time, "badge " + d.on_time));
    card.appendChild(el("h3", d.title));
    // Collapsed: the title and the verdict are the card; the passport opens on demand (the
    // expanded list was 25,800 px long on a phone).
    const more = el("details");
    more.appendChild(el("summary", "Докладно"));
    if (d.description) more.appendChild(el("p", d.description));
    const facts = el("ul", null, "list");
    field(facts, "Ідентифікатор", d.id);
    field(facts, "Розпорядник", d.department);
    field(facts, "Формати", d.formats.join(", "));
    const stars = el("span", "★".repeat(d.stars) + "☆".repeat(5 - d.stars) + " (" + d.stars
      + " з 5)", "stars");
    field(facts, "Зірки відкритості", stars);
    field(facts, "Частота оновлення", d.update_frequency);
    field(facts, "Останнє оновлення", d.last_updated ? dateUk(d.last_updated) : null);
    field(facts, "Наступне оновлення до", d.next_due ? dateUk(d.next_due) : null);
    field(facts, "Перше оприлюднення", d.first_published ? dateUk(d.first_published) : null);
    field(facts, "Ліцензія", d.license);
    field(facts, "Ключові слова", d.keywords.join(", "));
    if (safeUrl(d.portal_url, false)) field(facts, "На порталі", link("відкрити", d.portal_url));
    const using = productsUsing(d);
    if (using.length) {
      const line = el("span");
      using.forEach(function (p, i) {
        if (i) line.appendChild(document.createTextNode(", "));
        const a = el("a", p.name);
        a.href = "#" + p.anchor;
        line.appendChild(a);
      });
      field(facts, "Продукти на цих даних", line);
    }
    more.appendChild(facts);
    card.appendChild(more);
    return card;
  }

  function renderDatasets() {
    const query = key(datasetQuery.value);
    const department = datasetDepartment.value;
    const onTime = datasetOnTime.value;
    const found = datasets.filter(function (d) {
      return (!department || d.department === department)
        && (!onTime || d.on_time === onTime)
        && (!query || d.search.indexOf(query) >= 0);
    });
    const list = byId("datasets");
    list.replaceChildren();
    found.slice(0, datasetLimit).forEach(function (d) { list.appendChild(datasetCard(d)); });
    byId("dataset-total").textContent = "Знайдено наборів даних: " + found.length + ".";
    byId("dataset-empty").hidden = found.length > 0;
    byId("dataset-more").hidden = found.length <= datasetLimit;
  }

  // The card a link points at, opened and in view; false when it is not shown.
  function openCard(anchor) {
    const target = byId(anchor);
    if (!target) return false;
    const more = target.querySelector("details");
    if (more) more.open = true;
    target.scrollIntoView();
    return true;
  }

  // A link to a card hidden by a filter or beyond the shown page clears the filters first.
  function reveal() {
    const anchor = decodeURIComponent(location.hash.slice(1));
    if (!anchor || openCard(anchor)) return;
    if (anchor.indexOf("product-") === 0) {
      productQuery.value = ""; productKind.value = ""; productDataset.value = "";
      productLimit = products.length;
      renderProducts();
    } else if (anchor.indexOf("dataset-") === 0) {
      datasetQuery.value = ""; datasetDepartment.value = ""; datasetOnTime.value = "";
      datasetLimit = datasets.length;
      renderDatasets();
    }
    openCard(anchor);
  }

  [productQuery, productKind, productDataset].forEach(function (input) {
    input.addEventListener("input", function () { productLimit = PRODUCTS_PER_PAGE; renderProducts(); });
  });
  [datasetQuery, datasetDepartment, datasetOnTime].forEach(function (input) {
    input.addEventListener("input", function () { datasetLimit = DATASETS_PER_PAGE; renderDatasets(); });
  });
  byId("product-more").addEventListener("click", function () {
    productLimit += PRODUCTS_PER_PAGE; renderProducts();
  });
  byId("dataset-more").addEventListener("click", function () {
    datasetLimit += DATASETS_PER_PAGE; renderDatasets();
  });
  window.addEventListener("hashchange", reveal);
  renderProducts();
  renderDatasets();
  reveal();
})();
