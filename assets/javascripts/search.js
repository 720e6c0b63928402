// Search page: Pagefind's static index, with filters (and their counts), sorting and result cards.
// Everything from the index is put in the page as text, never as HTML.
const siteRoot = new URL("../../", import.meta.url);
const SORTS = { moi: { ngay: "desc" }, loi_ich: { loi_ich: "desc" } };
// Pagefind sorts within each bundle; across bundles the page merges by these values (also stored as meta).
const SORT_KEYS = { ngay: (d) => d.meta.ngay || "", loi_ich: (d) => Number(d.meta.loi_ich_vnd || 0) };
const PAGE = 20;

const $ = (id) => document.getElementById(id);
const form = $("ms-search-form"), input = $("ms-search-q"), sortSelect = $("ms-search-sort");
const filtersBox = $("ms-search-filters"), statusBox = $("ms-search-status");
const list = $("ms-search-results"), more = $("ms-search-more");
// Busy until the results of the latest search are in the list: screen readers wait, and so do the tests.
const busy = (on) => list.setAttribute("aria-busy", String(on));
busy(true);

// Filters stand open beside the results on wide screens, folded above them on a phone.
$("ms-search-filters-box").open = matchMedia("(min-width: 60em)").matches;

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
sortSelect.value = SORTS[params.get("sap_xep")] ? params.get("sap_xep") : "";

// The index is cut into bundles: one per province, one shared (stories). A search loads the shared one and
// only the provinces it needs: a search within a province downloads that province's index alone.
let info, pagefind;
try {
  info = await (await fetch(new URL(form.dataset.info, location.href))).json();
  if (!info.bundles.length) throw new Error("empty");
  pagefind = await import(new URL(`pagefind/${info.bundles[0].id}/pagefind.js`, siteRoot).href);
} catch {
  // The live preview (showcase serve) builds no search index; a built site always has one.
  statusBox.textContent = "Chưa có chỉ mục tìm kiếm: trang xem trước không lập chỉ mục, hãy dùng showcase build.";
  busy(false);
  throw new Error("no search index");
}
// Folded matches ("kiem" for "kiểm", "kiệm") are found, but a query typed with its marks ranks exact matches first.
const indexOptions = { baseUrl: siteRoot.pathname, ranking: { diacriticSimilarity: 10 } };
await pagefind.options(indexOptions);
await pagefind.init();
const allFilters = info.filters;  // counts over the whole site, for the page before any search
// Filter names, their labels and the kinds of page come from the build (pages/search.py), not from a copy here.
const { filters: FILTERS, kinds: KIND } = info.contract;
const selected = {};
for (const key of Object.keys(FILTERS)) selected[key] = new Set(params.getAll(key));
const merged = new Set([info.bundles[0].id]);
const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase()
  .replace(/\s+/g, " ").trim();
const provinces = info.bundles.filter((b) => b.tinh).map((b) => ({ ...b, folded: fold(b.tinh) }))
  .sort((a, b) => b.folded.length - a.folded.length);

async function load(bundles) {
  for (const b of bundles) {
    if (merged.has(b.id)) continue;
    merged.add(b.id);
    await pagefind.mergeIndex(new URL(`pagefind/${b.id}/`, siteRoot).pathname, indexOptions);
  }
}

function bundlesFor(filters) {
  // Stories sit in the shared bundle, which is always loaded; initiatives in their province's.
  const kinds = filters.loai?.any;
  if (kinds && !kinds.includes(KIND.initiative)) return [];
  const wanted = filters.tinh?.any;
  return provinces.filter((b) => !wanted || wanted.includes(b.tinh));
}

function provinceFromQuery() {
  // A province named in the query ("tiết kiệm điện Đà Nẵng") becomes the province filter: the search then
  // needs that province's index only, and finds its records whether or not their text repeats the name.
  let words = ` ${fold(input.value)} `;
  const original = input.value.trim().split(/\s+/);
  const moved = [];
  for (const p of provinces) {
    const at = words.indexOf(` ${p.folded} `);
    if (at < 0) continue;
    const start = words.slice(0, at).trim() ? words.slice(0, at).trim().split(" ").length : 0;
    const length = p.folded.split(" ").length;
    original.splice(start, length);
    words = ` ${original.map(fold).join(" ")} `;
    selected.tinh.add(p.tinh);
    moved.push(p.tinh);
  }
  if (moved.length) input.value = original.join(" ");
  return moved;
}

let next = async () => [], total = 0, shown = 0, runId = 0;

function inOrder(results) {
  let at = 0;
  return async (n) => Promise.all(results.slice(at, (at += n)).map((r) => r.data()));
}

async function sortedAcrossBundles(term, filters, sort) {
  // One sorted list per bundle (a province's initiatives; the stories), merged here by the sort value.
  const [key] = Object.keys(sort);
  const value = SORT_KEYS[key];
  const kinds = filters.loai?.any;
  const queries = [];
  if (!kinds || kinds.includes(KIND.story)) queries.push({ ...filters, loai: { any: [KIND.story] } });
  if (!kinds || kinds.includes(KIND.initiative)) {
    for (const b of bundlesFor(filters)) queries.push({ ...filters, loai: { any: [KIND.initiative] }, tinh: { any: [b.tinh] } });
  }
  const lists = [];
  for (const f of queries) {
    const { results } = await pagefind.search(term, { filters: f, sort });
    if (results.length) lists.push({ results, at: 0, head: null });
  }
  const headOf = async (l) => (l.head ??= l.at < l.results.length ? await l.results[l.at].data() : null);
  return async (n) => {
    const out = [];
    while (out.length < n) {
      const heads = await Promise.all(lists.map(headOf));
      let best = -1;
      heads.forEach((h, k) => {
        if (h && (best < 0 || value(h) > value(heads[best]))) best = k;
      });
      if (best < 0) break;
      out.push(heads[best]);
      lists[best].at += 1;
      lists[best].head = null;
    }
    return out;
  };
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function excerpt(html) {
  // Pagefind marks matches with <mark>; rebuild them from an inert parse, keeping only text and marks.
  const out = el("p", "ms-result__excerpt");
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const node of doc.body.childNodes) {
    out.append(node.nodeName === "MARK" ? el("mark", "", node.textContent) : document.createTextNode(node.textContent));
  }
  return out;
}

function activeFilters() {
  const filters = {};
  for (const [key, values] of Object.entries(selected)) if (values.size) filters[key] = { any: [...values] };
  return filters;
}

function syncUrl() {
  const next = new URLSearchParams();
  if (input.value.trim()) next.set("q", input.value.trim());
  if (sortSelect.value) next.set("sap_xep", sortSelect.value);
  for (const [key, values] of Object.entries(selected)) for (const v of values) next.append(key, v);
  history.replaceState(null, "", next.toString() ? `?${next}` : location.pathname);
}

function renderFilters(counts, whole) {
  // Before a search every count is known (from the build); after one, only for the provinces loaded.
  const bundleOf = Object.fromEntries(provinces.map((b) => [b.tinh, b.id]));
  const known = (key, name) => whole || key !== "tinh" || !bundleOf[name] || merged.has(bundleOf[name]);
  filtersBox.replaceChildren();
  for (const [key, label] of Object.entries(FILTERS)) {
    const values = { ...Object.fromEntries(Object.keys(allFilters[key] || {}).map((k) => [k, 0])), ...(counts[key] || {}) };
    const names = Object.keys(values).sort((a, b) => key === "nam" ? b.localeCompare(a) : a.localeCompare(b, "vi"));
    if (!names.length) continue;
    const group = el("fieldset", "ms-filter");
    group.append(el("legend", "", label));
    for (const name of names) {
      const id = `f-${key}-${name}`.replace(/[^\w-]/g, "_");
      const box = el("input");
      Object.assign(box, { type: "checkbox", id, checked: selected[key].has(name) });
      box.addEventListener("change", () => {
        box.checked ? selected[key].add(name) : selected[key].delete(name);
        run();
      });
      const lab = el("label", "", `${name} `);
      lab.htmlFor = id;
      if (known(key, name)) lab.append(el("span", "ms-chips__count", values[name].toLocaleString("vi-VN")));
      const row = el("div", "ms-filter__row");
      row.append(box, lab);
      group.append(row);
    }
    filtersBox.append(group);
  }
}

async function showMore() {
  const batch = await next(PAGE);
  for (const data of batch) {
    const item = el("li", "ms-result");
    const meta = [data.filters?.loai?.[0], data.meta.tinh].filter(Boolean).join(" · ");
    if (meta) item.append(el("p", "ms-card__meta", meta));
    const title = el("h2", "ms-card__title");
    const link = el("a", "", data.meta.title || data.url);
    link.href = data.url;
    title.append(link);
    item.append(title);
    if (data.meta.don_vi) item.append(el("p", "ms-card__org", data.meta.don_vi));
    if (data.meta.loi_ich) {
      const benefit = el("p", "ms-card__benefit", "Làm lợi ");
      benefit.append(el("strong", "", data.meta.loi_ich), "/năm");
      item.append(benefit);
    }
    item.append(excerpt(data.excerpt || ""));
    list.append(item);
  }
  shown += batch.length;
  more.hidden = shown >= total;
}

async function narrowed(term, filters, typing) {
  // Each bundle answers a word it does not hold with its longest known prefix ("mạo" -> "mã"). A quoted word is
  // matched whole (marks still folded): its filter counts say which provinces, and whether the stories, hold it,
  // and the search is kept to those. Null: some word is nowhere. The word being typed may be a prefix: unchecked.
  const words = term.split(/\s+/).map((w) => w.replace(/"/g, "")).filter(Boolean);
  let provinces = null, stories = true;
  // Pagefind counts only the filters a search names: name both, matching everything unless already narrowed.
  const counted = { loai: { any: [KIND.initiative, KIND.story] }, tinh: { any: Object.keys(allFilters.tinh || {}) },
    ...filters };
  for (const word of typing ? words.slice(0, -1) : words) {
    const { results, filters: counts } = await pagefind.search(`"${word}"`, { filters: counted });
    if (!results.length) return null;
    const here = Object.keys(counts.tinh || {}).filter((p) => counts.tinh[p] > 0);
    provinces = provinces ? provinces.filter((p) => here.includes(p)) : here;
    stories &&= (counts.loai?.[KIND.story] || 0) > 0;
  }
  if (!provinces) return filters;
  const out = { ...filters, tinh: { any: provinces } };
  if (!stories) out.loai = { any: (filters.loai?.any || [KIND.initiative]).filter((k) => k !== KIND.story) };
  return provinces.length && out.loai?.any.length !== 0 ? out : null;
}

async function run(typing = false) {
  const id = ++runId;
  busy(true);
  const moved = provinceFromQuery();
  syncUrl();
  const term = input.value.trim() || null;
  const filters = activeFilters();
  const sort = SORTS[sortSelect.value];
  if (!term && !Object.keys(filters).length) {
    renderFilters(allFilters, true);
    list.replaceChildren();
    more.hidden = true;
    statusBox.textContent = "Gõ từ cần tìm (có dấu hoặc không dấu), hoặc chọn tỉnh, lĩnh vực, năm ở bên cạnh.";
    busy(false);
    return;
  }
  statusBox.textContent = "Đang tìm…";
  await load(bundlesFor(filters));
  const where = term ? await narrowed(term, filters, typing) : filters;
  const search = where ? await pagefind.search(term, { filters: where, sort }) : { results: [], filters: {} };
  if (id !== runId) return; // a newer query has started
  total = search.results.length;
  next = sort && merged.size > 1 && where ? await sortedAcrossBundles(term, where, sort) : inOrder(search.results);
  if (id !== runId) return;
  shown = 0;
  list.replaceChildren();
  renderFilters(search.filters, false);
  const note = moved.length ? ` Đã lọc theo tỉnh, thành: ${moved.join(", ")}.` : "";
  statusBox.textContent = (total
    ? `${total.toLocaleString("vi-VN")} kết quả${term ? ` cho “${term}”` : ""}.`
    : `Không tìm thấy kết quả${term ? ` cho “${term}”` : ""}.`) + note;
  await showMore();
  if (id === runId) busy(false);
}

let timer;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => run(true), 250); });
form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
sortSelect.addEventListener("change", () => run());
more.addEventListener("click", showMore);
run();
