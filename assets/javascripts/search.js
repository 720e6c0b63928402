// Search page: Pagefind's static index, with filters (and their counts), sorting and result cards.
// Everything from the index is put in the page as text, never as HTML.
const siteRoot = new URL("../../", import.meta.url);
const FILTERS = { loai: "Loại", tinh: "Tỉnh, thành phố", linh_vuc: "Lĩnh vực", nam: "Năm công nhận", cap: "Cấp công nhận" };
const SORTS = { moi: { ngay: "desc" }, loi_ich: { loi_ich: "desc" } };
const PAGE = 20;

const $ = (id) => document.getElementById(id);
const form = $("ms-search-form"), input = $("ms-search-q"), sortSelect = $("ms-search-sort");
const filtersBox = $("ms-search-filters"), statusBox = $("ms-search-status");
const list = $("ms-search-results"), more = $("ms-search-more");

// Filters stand open beside the results on wide screens, folded above them on a phone.
$("ms-search-filters-box").open = matchMedia("(min-width: 60em)").matches;

const params = new URLSearchParams(location.search);
const selected = {};
for (const key of Object.keys(FILTERS)) selected[key] = new Set(params.getAll(key));
input.value = params.get("q") || "";
sortSelect.value = SORTS[params.get("sap_xep")] ? params.get("sap_xep") : "";

let pagefind;
try {
  pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
} catch {
  // The live preview (showcase serve) builds no search index; a built site always has one.
  statusBox.textContent = "Chưa có chỉ mục tìm kiếm: trang xem trước không lập chỉ mục, hãy dùng showcase build.";
  throw new Error("no search index");
}
// Folded matches ("kiem" for "kiểm", "kiệm") are found, but a query typed with its marks ranks exact matches first.
await pagefind.options({ baseUrl: siteRoot.pathname, ranking: { diacriticSimilarity: 10 } });
await pagefind.init();
// Loading every filter's chunk once makes each search report counts for all of them.
const allFilters = await pagefind.filters();

let results = [], shown = 0, runId = 0;

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

function renderFilters(counts) {
  filtersBox.replaceChildren();
  for (const [key, label] of Object.entries(FILTERS)) {
    const values = counts[key] || Object.fromEntries(Object.keys(allFilters[key] || {}).map((k) => [k, 0]));
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
      lab.append(el("span", "ms-chips__count", values[name].toLocaleString("vi-VN")));
      const row = el("div", "ms-filter__row");
      row.append(box, lab);
      group.append(row);
    }
    filtersBox.append(group);
  }
}

async function showMore() {
  const batch = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
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
  more.hidden = shown >= results.length;
}

async function run() {
  const id = ++runId;
  syncUrl();
  const term = input.value.trim() || null;
  const filters = activeFilters();
  const sort = SORTS[sortSelect.value];
  if (!term && !Object.keys(filters).length) {
    renderFilters(allFilters);
    list.replaceChildren();
    more.hidden = true;
    statusBox.textContent = "Gõ từ cần tìm (có dấu hoặc không dấu), hoặc chọn tỉnh, lĩnh vực, năm ở bên cạnh.";
    return;
  }
  statusBox.textContent = "Đang tìm…";
  const search = await pagefind.search(term, { filters, sort });
  // Pagefind leaves out the counts of filters it did not need; the selected ones always come back.
  if (id !== runId) return; // a newer query has started
  results = search.results;
  shown = 0;
  list.replaceChildren();
  renderFilters(search.filters);
  statusBox.textContent = results.length
    ? `${results.length.toLocaleString("vi-VN")} kết quả${term ? ` cho “${term}”` : ""}.`
    : `Không tìm thấy kết quả${term ? ` cho “${term}”` : ""}.`;
  await showMore();
}

let timer;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 250); });
form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
sortSelect.addEventListener("change", run);
more.addEventListener("click", showMore);
run();
