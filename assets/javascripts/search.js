// Search page: the site's own index (search-index.js), with filters and their counts, sorting, result cards,
// a place named in the query offered as a filter, and a correction for a word found nowhere.
// Everything from the index is put in the page as text, never as HTML.
import { Index, words } from "./search-index.js";

const siteRoot = new URL("../../", import.meta.url);
const SORTS = new Set(["moi", "loi_ich"]);
const PAGE = 20;

const $ = (id) => document.getElementById(id);
const form = $("ms-search-form"), input = $("ms-search-q"), sortSelect = $("ms-search-sort");
const filtersBox = $("ms-search-filters"), statusBox = $("ms-search-status");
const hints = $("ms-search-hints"), list = $("ms-search-results"), more = $("ms-search-more");
// Busy until the results of the latest search are in the list: screen readers wait, and so do the tests.
const busy = (on) => list.setAttribute("aria-busy", String(on));
busy(true);

// Filters stand open beside the results on wide screens, folded above them on a phone.
$("ms-search-filters-box").open = matchMedia("(min-width: 60em)").matches;

let index;
try {
  index = await Index.open(new URL(form.dataset.index, location.href));
} catch {
  statusBox.textContent = "Không tải được chỉ mục tìm kiếm. Hãy tải lại trang.";
  busy(false);
  throw new Error("no search index");
}
const FILTERS = index.c.filters;
const selected = {};
let found = { total: 0, take: async () => [] }, shown = 0, runId = 0, queryTokens = new Set();

function readUrl() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  sortSelect.value = SORTS.has(params.get("sap_xep")) ? params.get("sap_xep") : "";
  for (const key of Object.keys(FILTERS)) selected[key] = new Set(params.getAll(key));
}

function writeUrl() {
  const next = new URLSearchParams();
  if (input.value.trim()) next.set("q", input.value.trim());
  if (sortSelect.value) next.set("sap_xep", sortSelect.value);
  for (const [key, values] of Object.entries(selected)) for (const v of values) next.append(key, v);
  history.replaceState(null, "", next.toString() ? `?${next}` : location.pathname);
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderFilters(counts) {
  filtersBox.replaceChildren();
  for (const [key, { label, values }] of Object.entries(FILTERS)) {
    if (!values.length) continue;
    const group = el("fieldset", "ms-filter");
    group.append(el("legend", "", label));
    values.forEach((name, v) => {
      const id = `f-${key}-${name}`.replace(/[^\w-]/g, "_");
      const box = el("input");
      Object.assign(box, { type: "checkbox", id, checked: selected[key].has(name) });
      box.addEventListener("change", () => {
        box.checked ? selected[key].add(name) : selected[key].delete(name);
        run();
      });
      const lab = el("label", "", `${name} `);
      lab.htmlFor = id;
      lab.append(el("span", "ms-chips__count", counts[key][v].toLocaleString("vi-VN")));
      const row = el("div", "ms-filter__row");
      row.append(box, lab);
      group.append(row);
    });
    filtersBox.append(group);
  }
}

// A place named in the query is offered as a filter, never applied by itself: the words stay searched.
// Typed with marks, the marks must agree ("Huệ" is not "Huế"); a former province offers the one it joined.
function placesNamed(typed) {
  const out = [];
  for (const p of index.c.provinces) {
    if (selected.tinh.has(p.value)) continue;
    const hit = p.names.some((name) => {
      const want = words(name);
      return typed.some((_, at) => want.every(([t, s], k) => {
        const got = typed[at + k];
        return got && got[0] === t && (got[1] === got[0] || got[1] === s);
      }));
    });
    if (hit) out.push(p.value);
  }
  return out;
}

function offerPlaces(places) {
  for (const place of places) {
    const chip = el("button", "md-button ms-search__chip", `Chỉ xem ${place}?`);
    chip.type = "button";
    chip.addEventListener("click", () => {
      selected.tinh.add(place);
      run();
    });
    hints.append(chip);
  }
}

async function offerCorrection(query, missing) {
  const found = await Promise.all(missing.map((t) => index.correction(t)));
  if (!found.some(Boolean)) return;
  const fixed = query.split(/\s+/).map((part) => {
    const own = words(part);
    const k = own.length === 1 ? missing.indexOf(own[0][0]) : -1;
    return k >= 0 && found[k] ? found[k] : part;
  }).join(" ");
  const p = el("p", "ms-search__suggest", "Có phải bạn muốn tìm: ");
  const link = el("a", "", fixed);
  const params = new URLSearchParams(location.search);
  params.set("q", fixed);
  link.href = `?${params}`;
  link.addEventListener("click", (e) => {
    e.preventDefault();
    input.value = fixed;
    run();
  });
  p.append(link, "?");
  hints.append(p);
}

// Real text of the record, with the words searched for marked, built as text nodes.
function excerpt(text) {
  const out = el("p", "ms-result__excerpt");
  let at = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    if (!words(m[0]).some(([t]) => queryTokens.has(t))) continue;
    out.append(text.slice(at, m.index), el("mark", "", m[0]));
    at = m.index + m[0].length;
  }
  out.append(text.slice(at));
  return out;
}

function card(data) {
  const item = el("li", "ms-result");
  const meta = [data.kind, data.place, data.sector].filter(Boolean).join(" · ");
  item.append(el("p", "ms-card__meta", meta));
  const title = el("h2", "ms-card__title");
  const link = el("a", "", data.title);
  link.href = new URL(data.url, siteRoot).href;
  title.append(link);
  item.append(title);
  if (data.org) item.append(el("p", "ms-card__org", data.org));
  if (data.benefit) {
    const benefit = el("p", "ms-card__benefit", "Làm lợi ");
    benefit.append(el("strong", "", data.benefit), "/năm");
    item.append(benefit);
  }
  if (data.text) item.append(excerpt(data.text));
  return item;
}

async function showMore() {
  const batch = await index.cards(await found.take(shown, PAGE));
  list.append(...batch.map(card));
  shown += batch.length;
  more.hidden = shown >= found.total;
}

function describe(total, query) {
  const chosen = Object.values(selected).flatMap((values) => [...values]);
  const where = chosen.length ? ` Đang lọc: ${chosen.join(", ")}.` : "";
  const what = query ? ` cho “${query}”` : "";
  return (total ? `${total.toLocaleString("vi-VN")} kết quả${what}.` : `Không tìm thấy kết quả${what}.`) + where;
}

async function run() {
  const id = ++runId;
  busy(true);
  writeUrl();
  const query = input.value.trim();
  const anyFilter = Object.values(selected).some((values) => values.size);
  hints.replaceChildren();
  if (!query && !anyFilter) {
    renderFilters(Object.fromEntries(Object.entries(FILTERS).map(([k, f]) => [k, f.counts])));
    list.replaceChildren();
    more.hidden = true;
    statusBox.textContent = "Gõ từ cần tìm (có dấu hoặc không dấu), hoặc chọn tỉnh, lĩnh vực, năm ở bên cạnh.";
    busy(false);
    return;
  }
  statusBox.textContent = "Đang tìm…";
  const latest = await index.search(query, selected, sortSelect.value);
  const batch = await index.cards(await latest.take(0, PAGE));
  if (id !== runId) return; // a newer search has started
  found = latest;
  queryTokens = new Set(found.tokens);
  list.replaceChildren(...batch.map(card));
  shown = batch.length;
  more.hidden = shown >= found.total;
  renderFilters(found.counts);
  statusBox.textContent = describe(found.total, query);
  offerPlaces(placesNamed(words(query)));
  if (found.missing.length) await offerCorrection(query, found.missing);
  if (id === runId) busy(false);
}

let timer;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 300); });
form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); run(); });
sortSelect.addEventListener("change", () => run());
more.addEventListener("click", showMore);
readUrl();
run();
