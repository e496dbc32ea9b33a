// Loading the story graph (see loader.h). The graph is first gathered as a flat
// RawGraph (vertex arrays and one record per link), which is also what the
// cache stores, then turned into the CSR graph in one pass.
#include "graph/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <memory>
#include <unordered_map>

#include "common/facts.h"
#include "common/utf8.h"
#include "graph/cooccurrence.h"
#include "store/catalog.h"
#include "store/schema.h"

namespace chronicle::graph {

namespace {

constexpr uint32_t kMagic = 0x31474843;  // "CHG1"
constexpr uint32_t kFormat = 2;
constexpr const char* kCacheName = "story";

struct RawLink {
  Vertex a = 0, b = 0;  // a -> b is the way the fact reads
  uint32_t weight = 0;
  uint8_t kind = 0, detail = 0;
};

struct RawGraph {
  std::vector<int64_t> ids;
  std::vector<uint8_t> types;
  std::vector<std::string> names;  // entities only
  uint32_t entities = 0, events = 0, claims = 0;
  std::vector<RawLink> links;
};

// --- reading the database ---------------------------------------------------

std::optional<int64_t> generation(store::Db& db) {
  if (!store::has_table(db, "graph_cache")) return std::nullopt;
  store::Stmt& s = store::cached_named(db, "graph_generation");
  std::optional<int64_t> out;
  if (s.step() && !s.is_null(0)) out = s.int64(0);
  s.reset();
  return out;
}

uint8_t type_code(std::string_view kind, bool entity) {
  if (entity) return static_cast<uint8_t>(entity_kind_from(kind).value_or(EntityKind::other));
  return static_cast<uint8_t>(event_kind_from(kind).value_or(EventKind::other));
}

void read_vertices(store::Db& db, RawGraph& raw) {
  store::Stmt e = store::prepare_named(db, "graph_entities");
  while (e.step()) {
    raw.ids.push_back(e.int64(0));
    raw.types.push_back(type_code(e.text(1), true));
    raw.names.push_back(e.str(2));
  }
  raw.entities = static_cast<uint32_t>(raw.ids.size());
  store::Stmt v = store::prepare_named(db, "graph_events");
  while (v.step()) {
    raw.ids.push_back(v.int64(0));
    raw.types.push_back(type_code(v.text(1), false));
  }
  raw.events = static_cast<uint32_t>(raw.ids.size()) - raw.entities;
  store::Stmt c = store::prepare_named(db, "graph_claims");
  while (c.step()) {
    raw.ids.push_back(c.int64(0));
    raw.types.push_back(0);
  }
  raw.claims = static_cast<uint32_t>(raw.ids.size()) - raw.entities - raw.events;
}

// Maps database ids to vertices while the links are read.
class Index {
 public:
  explicit Index(const RawGraph& raw) : raw_(raw) {}
  std::optional<Vertex> entity(int64_t id) const { return find(id, 0, raw_.entities); }
  std::optional<Vertex> event(int64_t id) const { return find(id, raw_.entities, raw_.entities + raw_.events); }
  std::optional<Vertex> claim(int64_t id) const {
    return find(id, raw_.entities + raw_.events, static_cast<Vertex>(raw_.ids.size()));
  }

 private:
  std::optional<Vertex> find(int64_t id, Vertex first, Vertex last) const {
    const auto begin = raw_.ids.begin() + first, end = raw_.ids.begin() + last;
    const auto it = std::lower_bound(begin, end, id);
    if (it == end || *it != id) return std::nullopt;
    return static_cast<Vertex>(it - raw_.ids.begin());
  }
  const RawGraph& raw_;
};

using Resolve = std::optional<Vertex> (Index::*)(int64_t) const;

// Reads links of one kind: columns a-id, b-id, [detail], weight.
void read_links(store::Db& db, const char* query, const Index& index, Resolve a_of, Resolve b_of, LinkKind kind,
                RawGraph& raw, bool has_detail, bool predicate = false) {
  store::Stmt s = store::prepare_named(db, query);
  while (s.step()) {
    const auto a = (index.*a_of)(s.int64(0)), b = (index.*b_of)(s.int64(1));
    if (!a || !b || *a == *b) continue;
    uint8_t detail = 0;
    if (has_detail)
      detail = predicate ? static_cast<uint8_t>(predicate_from(s.text(2)).value_or(Predicate::related_to))
                         : static_cast<uint8_t>(s.int64(2));
    raw.links.push_back({*a, *b, static_cast<uint32_t>(s.int64(has_detail ? 3 : 2)), static_cast<uint8_t>(kind), detail});
  }
}

// Co-occurrence pairs: from the table when the scan could be recorded, else
// computed in memory from every document.
void read_cooccurrence(store::Db& db, const Index& index, RawGraph& raw, bool recorded) {
  std::unordered_map<uint64_t, uint32_t> weights;
  auto add = [&](int64_t a_id, int64_t b_id, uint32_t w) {
    auto a = index.entity(a_id), b = index.entity(b_id);
    if (!a || !b || *a == *b) return;
    if (*a > *b) std::swap(a, b);
    weights[(uint64_t{*a} << 32) | *b] += w;
  };
  if (recorded) {
    store::Stmt s = store::prepare_named(db, "graph_cooccurrence");
    while (s.step()) add(s.int64(0), s.int64(1), static_cast<uint32_t>(s.int64(2)));
  } else {
    store::Stmt d = store::prepare_named(db, "cooccurrence_all_documents");
    while (d.step())
      sentence_pairs(d.text(1), cooccurrence_mentions(db, d.int64(0)),
                     [&](const SentencePair& p) { add(p.a->entity, p.b->entity, 1); });
  }
  std::vector<std::pair<uint64_t, uint32_t>> sorted(weights.begin(), weights.end());
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [key, w] : sorted)
    raw.links.push_back({static_cast<Vertex>(key >> 32), static_cast<Vertex>(key & 0xffffffffu), w,
                         static_cast<uint8_t>(LinkKind::cooccurrence), 0});
}

RawGraph read_database(store::Db& db, bool cooccurrence_recorded) {
  RawGraph raw;
  read_vertices(db, raw);
  const Index index(raw);
  read_links(db, "graph_participation", index, &Index::entity, &Index::event, LinkKind::participant, raw, true);
  read_links(db, "graph_places", index, &Index::entity, &Index::event, LinkKind::place, raw, false);
  read_links(db, "graph_relations", index, &Index::entity, &Index::entity, LinkKind::relation, raw, true, true);
  read_links(db, "graph_speakers", index, &Index::entity, &Index::claim, LinkKind::speaker, raw, false);
  read_links(db, "graph_about", index, &Index::claim, &Index::entity, LinkKind::about, raw, false);
  read_cooccurrence(db, index, raw, cooccurrence_recorded);
  return raw;
}

// --- the adjacency blob -------------------------------------------------------
//
// Layout (format 2), native byte order, every array packed:
//   u32 magic, format, entities, events, claims, edges (directed: two per link)
//   i64 ids[V]; u8 types[V]
//   u32 name_end[entities]; bytes names      canonical names of the entities
//   u32 fold_end[entities]; bytes folded     their folded forms
//   u32 by_name[entities]                    entity vertices sorted by folded name
//   u32 rowstart[V + 1]; u32 targets[edges]  the CSR adjacency, rows in vertex order
//   u32 weights[edges]; u8 kinds[edges]; u8 details[edges]
// kinds holds the LinkKind in bits 0-6 and the forward flag in bit 7. The same
// bytes are what a cold load builds from, so there is a single way in.

template <typename T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
void put_array(std::string& out, const std::vector<T>& v) {
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

void put_strings(std::string& out, const std::vector<std::string>& strings) {
  uint32_t end = 0;
  for (const std::string& s : strings) put(out, end += static_cast<uint32_t>(s.size()));
  for (const std::string& s : strings) out += s;
}

std::string encode(RawGraph&& raw) {
  const uint32_t n = static_cast<uint32_t>(raw.ids.size());
  const size_t edges = raw.links.size() * 2;
  std::vector<uint32_t> rowstart(n + 1, 0);
  for (const RawLink& l : raw.links) ++rowstart[l.a + 1], ++rowstart[l.b + 1];
  for (uint32_t v = 0; v < n; ++v) rowstart[v + 1] += rowstart[v];
  std::vector<uint32_t> targets(edges), weights(edges), fill(rowstart.begin(), rowstart.end() - 1);
  std::vector<uint8_t> kinds(edges), details(edges);
  for (const RawLink& l : raw.links)
    for (const bool forward : {true, false}) {
      const uint32_t at = fill[forward ? l.a : l.b]++;
      targets[at] = forward ? l.b : l.a;
      weights[at] = l.weight;
      kinds[at] = static_cast<uint8_t>(l.kind | (forward ? 0x80 : 0));
      details[at] = l.detail;
    }
  std::vector<std::string> folded;
  folded.reserve(raw.names.size());
  for (const std::string& name : raw.names) folded.push_back(utf8::fold(name));
  std::vector<uint32_t> order(raw.names.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return folded[a] < folded[b]; });

  std::string out;
  for (uint32_t v : {kMagic, kFormat, raw.entities, raw.events, raw.claims, static_cast<uint32_t>(edges)}) put(out, v);
  put_array(out, raw.ids);
  put_array(out, raw.types);
  put_strings(out, raw.names);
  put_strings(out, folded);
  put_array(out, order);
  put_array(out, rowstart);
  put_array(out, targets);
  put_array(out, weights);
  put_array(out, kinds);
  put_array(out, details);
  return out;
}

// A view of an encoded blob; check() says whether the sizes add up.
class Blob {
 public:
  explicit Blob(std::string_view data) : data_(data) {}

  bool check() {
    uint32_t magic = 0, format = 0;
    if (!get(magic) || !get(format) || magic != kMagic || format != kFormat) return false;
    if (!get(entities) || !get(events) || !get(claims) || !get(edges)) return false;
    n = entities + events + claims;
    const size_t e = edges;
    return n >= entities && take(ids, size_t{n} * 8) && take(types, n) && strings(name_end, names) && strings(fold_end, folded) &&
           take(by_name, size_t{entities} * 4) && take(rowstart, (size_t{n} + 1) * 4) && take(targets, e * 4) &&
           take(weights, e * 4) && take(kinds, e) && take(details, e) && at_ == data_.size() && valid();
  }

  template <typename T>
  T at(const char* base, size_t i) const {
    T v;
    std::memcpy(&v, base + i * sizeof(T), sizeof(T));
    return v;
  }

  uint32_t entities = 0, events = 0, claims = 0, edges = 0, n = 0;
  const char *ids = nullptr, *types = nullptr, *name_end = nullptr, *names = nullptr, *fold_end = nullptr, *folded = nullptr;
  const char *by_name = nullptr, *rowstart = nullptr, *targets = nullptr, *weights = nullptr, *kinds = nullptr, *details = nullptr;

 private:
  template <typename T>
  bool get(T& v) {
    if (data_.size() - at_ < sizeof v) return false;
    std::memcpy(&v, data_.data() + at_, sizeof v);
    at_ += sizeof v;
    return true;
  }
  bool take(const char*& p, size_t bytes) {
    if (data_.size() - at_ < bytes) return false;
    p = data_.data() + at_;
    at_ += bytes;
    return true;
  }
  bool strings(const char*& ends, const char*& bytes) {
    if (!take(ends, size_t{entities} * 4)) return false;
    return take(bytes, entities ? at<uint32_t>(ends, entities - 1) : 0);
  }
  // Rows ascend and stay inside the edge arrays; targets are vertices.
  bool valid() const {
    if (at<uint32_t>(rowstart, 0) != 0 || at<uint32_t>(rowstart, n) != edges) return false;
    for (uint32_t v = 0; v < n; ++v)
      if (at<uint32_t>(rowstart, v) > at<uint32_t>(rowstart, v + 1)) return false;
    for (uint32_t i = 0; i < entities; ++i)
      if ((i > 0 && at<uint32_t>(name_end, i - 1) > at<uint32_t>(name_end, i)) ||
          (i > 0 && at<uint32_t>(fold_end, i - 1) > at<uint32_t>(fold_end, i)) || at<uint32_t>(by_name, i) >= entities)
        return false;
    for (uint32_t e = 0; e < edges; ++e)
      if (at<uint32_t>(targets, e) >= n) return false;
    return true;
  }

  std::string_view data_;
  size_t at_ = 0;
};

// Source and target of the i-th directed edge, in row order, for Boost's
// sorted-edges constructor.
class EdgeIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = std::pair<Vertex, Vertex>;
  using difference_type = std::ptrdiff_t;
  using pointer = const value_type*;
  using reference = const value_type&;

  EdgeIterator(const Blob& b, uint32_t edge) : b_(&b), edge_(edge) { settle(); }
  reference operator*() const { return pair_; }
  pointer operator->() const { return &pair_; }
  EdgeIterator& operator++() {
    ++edge_;
    settle();
    return *this;
  }
  bool operator==(const EdgeIterator& o) const { return edge_ == o.edge_; }
  bool operator!=(const EdgeIterator& o) const { return edge_ != o.edge_; }

 private:
  void settle() {
    if (edge_ >= b_->edges) return;
    while (b_->at<uint32_t>(b_->rowstart, source_ + 1) <= edge_) ++source_;
    pair_ = {source_, b_->at<uint32_t>(b_->targets, edge_)};
  }
  const Blob* b_;
  uint32_t edge_;
  Vertex source_ = 0;
  value_type pair_{};
};

class LinkIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = Link;
  using difference_type = std::ptrdiff_t;
  using pointer = const Link*;
  using reference = Link;

  LinkIterator(const Blob& b, uint32_t edge) : b_(&b), edge_(edge) {}
  Link operator*() const {
    const uint8_t k = b_->at<uint8_t>(b_->kinds, edge_);
    return Link{static_cast<LinkKind>(k & 0x7f), b_->at<uint8_t>(b_->details, edge_), (k & 0x80) != 0, b_->at<uint32_t>(b_->weights, edge_)};
  }
  LinkIterator& operator++() {
    ++edge_;
    return *this;
  }
  LinkIterator operator++(int) {
    LinkIterator old = *this;
    ++edge_;
    return old;
  }

 private:
  const Blob* b_;
  uint32_t edge_;
};

// The graph of an encoded blob; nullopt when the blob is damaged.
std::optional<Graph> build(std::string_view data) {
  Blob b(data);
  if (!b.check()) return std::nullopt;
  Graph out{Csr(boost::edges_are_sorted, EdgeIterator(b, 0), EdgeIterator(b, b.edges), LinkIterator(b, 0), b.n, b.edges),
            b.entities, b.events, b.claims, {}, {}, false};
  const uint32_t names_size = b.entities ? b.at<uint32_t>(b.name_end, b.entities - 1) : 0;
  const uint32_t folded_size = b.entities ? b.at<uint32_t>(b.fold_end, b.entities - 1) : 0;
  auto text = std::make_shared<std::string>();
  text->reserve(size_t{names_size} + folded_size);
  text->append(b.names, names_size).append(b.folded, folded_size);
  const std::string_view names(text->data(), names_size), folded(text->data() + names_size, folded_size);
  for (Vertex v = 0; v < b.n; ++v) {
    Node& node = out.g[v];
    node.kind = v < b.entities ? NodeKind::entity : v < b.entities + b.events ? NodeKind::event : NodeKind::claim;
    node.type = b.at<uint8_t>(b.types, v);
    node.id = b.at<int64_t>(b.ids, v);
    if (v < b.entities) {
      const uint32_t from = v ? b.at<uint32_t>(b.name_end, v - 1) : 0;
      node.label = names.substr(from, b.at<uint32_t>(b.name_end, v) - from);
    }
  }
  out.by_name.reserve(b.entities);
  for (uint32_t i = 0; i < b.entities; ++i) {
    const Vertex v = b.at<uint32_t>(b.by_name, i);
    const uint32_t from = v ? b.at<uint32_t>(b.fold_end, v - 1) : 0;
    out.by_name.emplace_back(folded.substr(from, b.at<uint32_t>(b.fold_end, v) - from), v);
  }
  out.text.push_back(std::move(text));
  return out;
}

// The cached graph if it was built at generation `gen` and reads back whole.
std::optional<Graph> read_cache(store::Db& db, int64_t gen) {
  store::Stmt& s = store::cached_named(db, "graph_cache_read");
  s.bind(":name", kCacheName).bind(":generation", gen);
  std::optional<Graph> out;
  if (s.step() && s.int64(0) == kFormat) out = build(s.blob(1));
  s.reset();
  return out;
}

// A second connection that may write, when the file allows it and is at the
// current schema; nullptr otherwise.
std::unique_ptr<store::Db> open_writable(const store::Db& db) {
  try {
    auto w = store::open_database(db.path(), store::OpenMode::read_write);
    w->exec("PRAGMA busy_timeout = 200", "pragma_busy_timeout");
    return w;
  } catch (const store::StoreError&) {
    return nullptr;
  }
}

}  // namespace

Graph load(store::Db& db, const LoadOptions& options, LoadReport* report) {
  LoadReport local;
  LoadReport& rep = report ? *report : local;
  const std::optional<int64_t> gen = generation(db);
  std::optional<Graph> graph;
  if (options.use_cache && gen) graph = read_cache(db, *gen);
  rep.from_cache = graph.has_value();
  if (!graph) {
    std::unique_ptr<store::Db> writable = gen ? open_writable(db) : nullptr;
    bool recorded = false;
    if (writable) {
      try {
        rep.documents_scanned = scan_cooccurrence(*writable);
        recorded = true;
      } catch (const store::StoreError&) {
        recorded = false;  // read-only file or busy: computed in memory below
      }
    }
    const std::string blob = encode(read_database(db, recorded));
    if (writable && recorded && options.use_cache) {
      try {
        store::Stmt& w = store::cached_named(*writable, "graph_cache_write");
        w.bind(":name", kCacheName).bind(":generation", *gen).bind(":format", static_cast<int64_t>(kFormat)).bind_blob(":data", blob);
        w.run();
        rep.cache_written = writable->changes() > 0;
      } catch (const store::StoreError&) {
        rep.cache_written = false;
      }
    }
    graph = build(blob);
    if (!graph) throw store::StoreError("graph: the adjacency just built does not read back (a bug)");
  }
  if (options.labels) load_labels(db, *graph);
  return std::move(*graph);
}

void load_labels(store::Db& db, Graph& graph) {
  auto text = std::make_shared<std::string>();
  std::vector<std::tuple<Vertex, size_t, size_t, size_t, size_t>> spans;  // vertex, label at/size, date at/size
  for (const auto& [query, kind] : {std::pair{"graph_event_labels", NodeKind::event}, std::pair{"graph_claim_labels", NodeKind::claim}}) {
    store::Stmt s = store::prepare_named(db, query);
    while (s.step())
      if (const auto v = graph.find(kind, s.int64(0))) {
        const size_t label = text->size();
        text->append(s.text(1));
        const size_t date = text->size();
        text->append(s.text(2));
        spans.emplace_back(*v, label, date - label, date, text->size() - date);
      }
  }
  const std::string_view all(*text);
  for (const auto& [v, label, label_size, date, date_size] : spans) {
    graph.g[v].label = all.substr(label, label_size);
    graph.g[v].date = all.substr(date, date_size);
  }
  graph.text.push_back(std::move(text));
  graph.labels = true;
}

}  // namespace chronicle::graph
