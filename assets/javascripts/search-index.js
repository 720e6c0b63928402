// The search index built by generator/search/ (see index.py for its files), read in the browser.
// words() and fnv1a() must give exactly what generator/search/words.py and postings.py give (tests check).
const MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f";
const MARK = new RegExp(`[${MARKS}]`, "g");
const RUN = new RegExp(`(?:[a-z0-9đ][${MARKS}]*)+`, "g");
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/g;
let invisible = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/gu; // replaced by the build's list (setInvisible)

export function setInvisible(chars) {
  invisible = new RegExp(`[${chars}]`, "gu");
}

// [folded token, exact spelling (tone marks moved to the end, NFD)] for every token of a text.
export function words(text) {
  const prepared = text.normalize("NFKC").replace(invisible, "").toLowerCase().replace(/ß/g, "ss").normalize("NFD");
  return (prepared.match(RUN) || []).map((spelled) => [spelled.replace(MARK, "").replace(/đ/g, "d"), exact(spelled)]);
}

function exact(spelled) {
  return spelled.replace(TONE, "") + (spelled.match(TONE) || []).join("");
}

export function fnv1a(text) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h >>> 0;
}

// Sets of document ids as bitsets: a bit per document.
export class Bits {
  constructor(n, words) {
    this.n = n;
    this.w = words || new Uint32Array((n + 31) >>> 5);
  }
  static all(n) {
    const b = new Bits(n);
    b.w.fill(0xffffffff);
    if (n & 31) b.w[b.w.length - 1] = (1 << (n & 31)) - 1;
    return b;
  }
  has(i) { return (this.w[i >>> 5] >>> (i & 31)) & 1; }
  or(other) { for (let k = 0; k < this.w.length; k++) this.w[k] |= other.w[k]; return this; }
  and(other) { for (let k = 0; k < this.w.length; k++) this.w[k] &= other.w[k]; return this; }
  copy() { return new Bits(this.n, this.w.slice()); }
  *[Symbol.iterator]() {
    for (let k = 0; k < this.w.length; k++) {
      let word = this.w[k];
      while (word) {
        const low = word & -word;
        yield (k << 5) + 31 - Math.clz32(low);
        word ^= low;
      }
    }
  }
}

class Reader {
  constructor(bytes, at = 0) { this.b = bytes; this.at = at; }
  varint() {
    let value = 0, shift = 0, byte;
    do {
      byte = this.b[this.at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  }
  text() {
    const size = this.varint();
    return new TextDecoder().decode(this.b.subarray(this.at, (this.at += size)));
  }
  list(n) { // an id list (postings.py) into a new Bits
    const header = this.varint(), end = this.at + Math.floor(header / 2), out = new Bits(n);
    if (header & 1) {
      new Uint8Array(out.w.buffer).set(this.b.subarray(this.at, end));
    } else {
      let id = -1;
      while (this.at < end) {
        id += this.varint();
        out.w[id >>> 5] |= 1 << (id & 31);
      }
    }
    this.at = end;
    return out;
  }
  skipList() {
    const size = Math.floor(this.varint() / 2); // read before this.at is: the header moves it
    this.at += size;
  }
}

export class Index {
  constructor(base, contents) {
    this.base = base;
    this.c = contents;
    this.n = contents.n;
    this.cache = new Map();
    this.own = new Set(contents.own);
    setInvisible(contents.invisible);
  }

  static async open(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${response.status}`);
    return new Index(new URL("./", response.url), await response.json());
  }

  // Each file once, whatever asks for it; `?v=` changes with every index, so no stale copy is read.
  file(path, as) {
    if (!this.cache.has(path)) {
      const url = new URL(`${path}?v=${this.c.version}`, this.base);
      this.cache.set(path, fetch(url).then(async (r) => {
        if (r.status === 404) return null;
        if (!r.ok) throw new Error(`${r.status} ${path}`);
        if (as === "json") return r.json();
        // Binary files are stored gzipped, whatever the host does (index.py).
        return new Uint8Array(await new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
      }));
    }
    return this.cache.get(path);
  }

  async shard(number) {
    const key = `shard:${number}`;
    if (!this.cache.has(key)) {
      this.cache.set(key, this.file(`s/${number.toString(16)}.bin`).then((bytes) => {
        const where = new Map();
        const r = new Reader(bytes || new Uint8Array());
        while (r.at < r.b.length) {
          const token = r.text(), own = r.varint();
          where.set(token, own ? null : r.at);
          if (!own) {
            const spellings = r.varint();
            for (let s = 0; s < spellings; s++) { r.text(); r.skipList(); r.skipList(); }
          }
        }
        return { bytes, where };
      }));
    }
    return this.cache.get(key);
  }

  // A token's (or bigram's) postings: [{spelled, t, b}] (title, elsewhere), or null when no document has it.
  // A large one has a file of its own, named in the table of contents: one request, not two in a row.
  async entry(token) {
    let r;
    if (this.own.has(token)) {
      r = new Reader(await this.file(`w/${token}.bin`));
    } else {
      const { bytes, where } = await this.shard(fnv1a(token) & (this.c.shards - 1));
      if (!where.has(token)) return null;
      r = new Reader(bytes, where.get(token));
    }
    const out = [];
    for (let s = r.varint(); s > 0; s--) out.push({ spelled: r.text(), t: r.list(this.n), b: r.list(this.n) });
    return out;
  }

  async titled(key) {
    const h = fnv1a(key);
    const table = await this.file(`ten/${(h & (this.c.titleShards - 1)).toString(16)}.json`, "json");
    return new Set((table && table[h]) || []);
  }

  async columns() {
    const bytes = await this.file("cot.bin");
    const out = {};
    Object.keys(this.c.filters).forEach((key, k) => { out[key] = bytes.subarray(k * this.n, (k + 1) * this.n); });
    return out;
  }

  // The results by yearly benefit, largest first, then those without a figure newest first. The benefit order
  // comes in files of 2048 ids: only as many are loaded as the results asked for need.
  byBenefit(results) {
    const wanted = new Bits(this.n), order = [];
    for (const id of results) wanted.w[id >>> 5] |= 1 << (id & 31);
    let next = 0, rest = false;
    return async (upTo) => {
      while (order.length < upTo && next < this.c.benefitChunks) {
        const r = new Reader(await this.file(`loi-ich/${next++}.bin`));
        while (r.at < r.b.length) {
          const id = r.varint();
          if (wanted.has(id)) { order.push(id); wanted.w[id >>> 5] &= ~(1 << (id & 31)); }
        }
      }
      if (order.length < upTo && !rest) { rest = true; order.push(...wanted); } // no figure: newest first
      return order.slice(0, upTo);
    };
  }

  async cards(ids) {
    const size = this.c.chunk;
    const chunks = await Promise.all(ids.map((id) => this.file(`the/${Math.floor(id / size)}.json`, "json")));
    return ids.map((id, k) => ({ id, ...chunks[k][id % size] }));
  }

  // The most frequent known word one edit away from `token` (a letter changed, added, removed or swapped).
  async correction(token) {
    const known = (await this.file(`tu/${token[0]}.json`, "json")) || [];
    const found = known.find(([word]) => word !== token && oneEdit(token, word));
    return found ? found[0] : null;
  }

  // Every document that holds every word of `query` (folded, in any field), with the filters applied and each
  // filter value's count; ranked, or sorted by `sort` ("moi": newest, "loi_ich": yearly benefit).
  // `selected`: filter key -> Set of values. A filter's own counts ignore its own selection (any of its values
  // may be added), and follow every other filter's: the number beside a value is what choosing it would add.
  async search(query, selected, sort) {
    const typed = words(query);
    const tokens = [...new Set(typed.map(([t]) => t))];
    const pairs = [];
    // Word pairs rank phrases; a long query (a whole title) keeps its first few, the title table finds the rest.
    for (let k = 1; k < Math.min(typed.length, 5); k++) pairs.push(`${typed[k - 1][0]}_${typed[k][0]}`);
    const [entries, grams, titled, columns] = await Promise.all([
      Promise.all(tokens.map((t) => this.entry(t))),
      Promise.all([...new Set(pairs)].map((g) => this.entry(g))),
      typed.length ? this.titled(typed.map(([t]) => t).join(" ")) : new Set(),
      this.columns(),
    ]);
    const missing = tokens.filter((_, k) => !entries[k]);
    let matching = Bits.all(this.n);
    const perToken = entries.map((spellings, k) => {
      if (!spellings) return null;
      const any = new Bits(this.n), title = new Bits(this.n), exactly = new Bits(this.n);
      const wanted = typed.filter(([t, s]) => t === tokens[k] && s !== t).map(([, s]) => s);
      for (const { spelled, t, b } of spellings) {
        any.or(t).or(b);
        title.or(t);
        if (wanted.includes(spelled)) exactly.or(t).or(b);
      }
      matching.and(any);
      return { title, exactly, marked: wanted.length > 0 };
    });
    if (missing.length || (!typed.length && query.trim())) matching = new Bits(this.n); // "!!!" holds no word
    const { results, counts } = this.facets(matching, columns, selected);
    let order;
    if (sort === "loi_ich") {
      const ranked = this.byBenefit(results);
      return { total: results.length, take: async (from, count) => (await ranked(from + count)).slice(from),
        counts, missing, tokens };
    } else if (sort === "moi" || !tokens.length) {
      order = results; // ids are newest first
    } else {
      const gramSets = grams.filter(Boolean).map((spellings) => spellings[0]);
      const key = new Float64Array(results.length);
      results.forEach((id, k) => {
        let exactCount = 0, score = 0;
        for (const token of perToken) {
          if (token.marked && token.exactly.has(id)) exactCount++;
          score += token.title.has(id) ? 2 : 1;
        }
        // Words side by side weigh more than apart, even apart in the title: "Hà Nam" before "Hà Nội … miền Nam".
        for (const gram of gramSets) score += gram.t.has(id) ? 6 : gram.b.has(id) ? 4 : 0;
        key[k] = (titled.has(id) ? 1e9 : 0) + exactCount * 1e5 + score;
      });
      const at = new Map(results.map((id, k) => [id, k]));
      order = results.sort((a, b) => key[at.get(b)] - key[at.get(a)] || a - b);
    }
    return { total: order.length, take: async (from, count) => order.slice(from, from + count), counts, missing, tokens };
  }

  facets(matching, columns, selected) {
    const keys = Object.keys(this.c.filters);
    const wanted = keys.map((key) => {
      const values = this.c.filters[key].values;
      const codes = new Uint8Array(256);
      for (const v of selected[key] || []) if (values.includes(v)) codes[values.indexOf(v) + 1] = 1;
      return codes.some(Boolean) ? codes : null;
    });
    const cols = keys.map((key) => columns[key]);
    const tallies = keys.map(() => new Uint32Array(256));
    const results = [];
    for (const id of matching) {
      let failed = -1, fails = 0;
      for (let k = 0; k < keys.length; k++) {
        if (wanted[k] && !wanted[k][cols[k][id]]) { failed = k; fails++; }
      }
      if (fails === 0) {
        results.push(id);
        for (let k = 0; k < keys.length; k++) tallies[k][cols[k][id]]++;
      } else if (fails === 1) {
        tallies[failed][cols[failed][id]]++;
      }
    }
    const counts = {};
    keys.forEach((key, k) => { counts[key] = this.c.filters[key].values.map((_, v) => tallies[k][v + 1]); });
    return { results, counts };
  }
}

function oneEdit(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one letter changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
