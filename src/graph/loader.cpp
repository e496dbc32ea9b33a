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
constexpr uint32_t kFormat = 5;
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

// Co-occurrence pairs: those recorded in the cooccurrence table, plus those of
// documents not scanned yet (the file is read-only, busy, or from before 1.1),
// computed in memory.
void read_cooccurrence(store::Db& db, const Index& index, RawGraph& raw) {
  std::unordered_map<uint64_t, uint32_t> weights;
  auto add = [&](int64_t a_id, int64_t b_id, uint32_t w) {
    auto a = index.entity(a_id), b = index.entity(b_id);
    if (!a || !b || *a == *b) return;
    if (*a > *b) std::swap(a, b);
    weights[(uint64_t{*a} << 32) | *b] += w;
  };
  const bool table = store::has_table(db, "cooccurrence");
  if (table) {
    store::Stmt s = store::prepare_named(db, "graph_cooccurrence");
    while (s.step()) add(s.int64(0), s.int64(1), static_cast<uint32_t>(s.int64(2)));
  }
  store::Stmt d = store::prepare_named(db, table ? "cooccurrence_pending" : "cooccurrence_all_documents");
  while (d.step())
    sentence_pairs(d.text(1), cooccurrence_mentions(db, d.int64(0)),
                   [&](const SentencePair& p) { add(p.a->entity, p.b->entity, 1); });
  std::vector<std::pair<uint64_t, uint32_t>> sorted(weights.begin(), weights.end());
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [key, w] : sorted)
    raw.links.push_back({static_cast<Vertex>(key >> 32), static_cast<Vertex>(key & 0xffffffffu), w,
                         static_cast<uint8_t>(LinkKind::cooccurrence), 0});
}

RawGraph read_database(store::Db& db) {
  RawGraph raw;
  read_vertices(db, raw);
  const Index index(raw);
  read_links(db, "graph_participation", index, &Index::entity, &Index::event, LinkKind::participant, raw, true);
  read_links(db, "graph_places", index, &Index::entity, &Index::event, LinkKind::place, raw, false);
  read_links(db, "graph_relations", index, &Index::entity, &Index::entity, LinkKind::relation, raw, true, true);
  read_links(db, "graph_speakers", index, &Index::entity, &Index::claim, LinkKind::speaker, raw, false);
  read_links(db, "graph_about", index, &Index::claim, &Index::entity, LinkKind::about, raw, false);
  read_cooccurrence(db, index, raw);
  return raw;
}

// --- the adjacency blob -------------------------------------------------------
//
// Layout (format 5), native byte order, every array packed:
//   u32 magic, format, sizeof(Link), entities, events, claims, edges (two per link)
//   i64 ids[V]; u8 types[V]
//   u32 name_end[entities]; bytes names      canonical names of the entities
//   u32 fold_end[entities]; bytes folded     their folded forms
//   u32 by_name[entities]                    entity vertices sorted by folded name
//   u32 rowstart[V + 1]; u32 targets[edges]; Link links[edges]
// The last three are the arrays of the CSR graph itself, so loading them is a
// copy. A cold load encodes first and builds from the bytes, so there is a
// single way in.

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
  std::vector<uint32_t> targets(edges), fill(rowstart.begin(), rowstart.end() - 1);
  std::vector<Link> links(edges);
  if (!links.empty()) std::memset(static_cast<void*>(links.data()), 0, links.size() * sizeof(Link));  // no stray padding bytes
  for (const RawLink& l : raw.links)
    for (const bool forward : {true, false}) {
      const uint32_t at = fill[forward ? l.a : l.b]++;
      targets[at] = forward ? l.b : l.a;
      Link& link = links[at];
      link.kind = static_cast<LinkKind>(l.kind);
      link.detail = l.detail & 0xf;
      link.forward = forward;
      link.weight = static_cast<uint16_t>(std::min<uint32_t>(l.weight, 0xffff));
    }
  std::vector<std::string> folded;
  folded.reserve(raw.names.size());
  for (const std::string& name : raw.names) folded.push_back(utf8::fold(name));
  std::vector<uint32_t> order(raw.names.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return folded[a] < folded[b]; });

  std::string out;
  for (uint32_t v : {kMagic, kFormat, static_cast<uint32_t>(sizeof(Link)), raw.entities, raw.events, raw.claims,
                     static_cast<uint32_t>(edges)})
    put(out, v);
  put_array(out, raw.ids);
  put_array(out, raw.types);
  put_strings(out, raw.names);
  put_strings(out, folded);
  put_array(out, order);
  put_array(out, rowstart);
  put_array(out, targets);
  put_array(out, links);
  return out;
}

// Where the encoded bytes come from: memory (a cold load) or the cached blob.
class Source {
 public:
  virtual ~Source() = default;
  virtual size_t size() const = 0;
  // Copies the next n bytes to dest; false when fewer are left.
  bool next(void* dest, size_t n) {
    if (size() - at_ < n) return false;
    if (n > 0) copy(dest, n, at_);  // an empty array has no storage to copy to
    at_ += n;
    return true;
  }
  template <typename T>
  bool next_array(std::vector<T>& v, size_t count) {
    if ((size() - at_) / sizeof(T) < count) return false;
    v.resize(count);
    return next(v.data(), count * sizeof(T));
  }
  bool done() const { return at_ == size(); }

 protected:
  virtual void copy(void* dest, size_t n, size_t offset) const = 0;

 private:
  size_t at_ = 0;
};

class MemorySource : public Source {
 public:
  explicit MemorySource(std::string_view data) : data_(data) {}
  size_t size() const override { return data_.size(); }

 private:
  void copy(void* dest, size_t n, size_t offset) const override { std::memcpy(dest, data_.data() + offset, n); }
  std::string_view data_;
};

class BlobSource : public Source {
 public:
  explicit BlobSource(const store::BlobReader& blob) : blob_(blob) {}
  size_t size() const override { return blob_.size(); }

 private:
  void copy(void* dest, size_t n, size_t offset) const override { blob_.read(dest, n, offset); }
  const store::BlobReader& blob_;
};

struct Header {
  uint32_t magic = 0, format = 0, link_size = 0, entities = 0, events = 0, claims = 0, edges = 0;
  uint32_t vertices() const { return entities + events + claims; }
};

// Names of the entities: the canonical ones and the folded ones, with their ends.
struct Names {
  std::vector<uint32_t> name_end, fold_end, by_name;
  std::string text;  // names then folded names
  size_t names_size = 0;
};

bool read_names(Source& in, uint32_t entities, Names& out) {
  std::string names, folded;
  auto read = [&](std::vector<uint32_t>& ends, std::string& bytes) {
    if (!in.next_array(ends, entities)) return false;
    const uint32_t total = entities ? ends.back() : 0;
    if (in.size() < total) return false;
    bytes.resize(total);
    if (!in.next(bytes.data(), total)) return false;
    for (uint32_t i = 1; i < entities; ++i)
      if (ends[i - 1] > ends[i]) return false;
    return true;
  };
  if (!read(out.name_end, names) || !read(out.fold_end, folded) || !in.next_array(out.by_name, entities)) return false;
  for (uint32_t v : out.by_name)
    if (v >= entities) return false;
  out.names_size = names.size();
  out.text = std::move(names) + folded;
  return true;
}

// Rows ascend and stay inside the edge arrays; targets are vertices.
bool valid_adjacency(const std::vector<uint32_t>& rowstart, const std::vector<uint32_t>& targets, uint32_t n) {
  if (rowstart.size() != size_t{n} + 1 || rowstart.front() != 0 || rowstart.back() != targets.size()) return false;
  for (uint32_t v = 0; v < n; ++v)
    if (rowstart[v] > rowstart[v + 1]) return false;
  for (uint32_t t : targets)
    if (t >= n) return false;
  return true;
}

// (source, target) of each edge, in row order, for Boost's sorted-edges constructor.
class EdgeIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = std::pair<Vertex, Vertex>;
  using difference_type = std::ptrdiff_t;
  using pointer = const value_type*;
  using reference = const value_type&;

  EdgeIterator(const std::vector<uint32_t>& rowstart, const std::vector<uint32_t>& targets, uint32_t edge)
      : rowstart_(&rowstart), targets_(&targets), edge_(edge) {
    settle();
  }
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
    if (edge_ >= targets_->size()) return;
    while ((*rowstart_)[source_ + 1] <= edge_) ++source_;
    pair_ = {source_, (*targets_)[edge_]};
  }
  const std::vector<uint32_t>* rowstart_;
  const std::vector<uint32_t>* targets_;
  uint32_t edge_;
  Vertex source_ = 0;
  value_type pair_{};
};

// The CSR graph of the adjacency arrays that follow in `in`. Boost keeps the
// arrays of its CSR graph in public members (m_rowstart, m_column,
// m_edge_properties); when they are there, the bytes are copied straight into
// them, else the arrays are read first and given to the sorted-edges constructor.
std::optional<Csr> read_adjacency(Source& in, const Header& h) {
  const uint32_t n = h.vertices();
  if constexpr (requires(Csr& g) {
                  g.m_forward.m_rowstart.data();
                  g.m_forward.m_column.data();
                  g.m_forward.m_edge_properties.data();
                }) {
    std::vector<uint32_t> none(1, 0), no_targets;
    Csr g(boost::edges_are_sorted, EdgeIterator(none, no_targets, 0), EdgeIterator(none, no_targets, 0), n);  // vertices only
    auto& rows = g.m_forward.m_rowstart;
    auto& columns = g.m_forward.m_column;
    auto& links = g.m_forward.m_edge_properties;
    static_assert(sizeof(rows[0]) == sizeof(uint32_t) && sizeof(columns[0]) == sizeof(uint32_t) && sizeof(links[0]) == sizeof(Link));
    if (!in.next_array(rows, size_t{n} + 1) || !in.next_array(columns, h.edges) || !in.next_array(links, h.edges)) return std::nullopt;
    if (!valid_adjacency(rows, columns, n)) return std::nullopt;
    return g;
  } else {
    std::vector<uint32_t> rows, columns;
    std::vector<Link> links;
    if (!in.next_array(rows, size_t{n} + 1) || !in.next_array(columns, h.edges) || !in.next_array(links, h.edges)) return std::nullopt;
    if (!valid_adjacency(rows, columns, n)) return std::nullopt;
    return Csr(boost::edges_are_sorted, EdgeIterator(rows, columns, 0), EdgeIterator(rows, columns, h.edges), links.begin(), n, h.edges);
  }
}

// The graph of the encoded bytes; nullopt when they are damaged or of another layout.
std::optional<Graph> build(Source& in) {
  Header h;
  for (uint32_t* field : {&h.magic, &h.format, &h.link_size, &h.entities, &h.events, &h.claims, &h.edges})
    if (!in.next(field, sizeof *field)) return std::nullopt;
  if (h.magic != kMagic || h.format != kFormat || h.link_size != sizeof(Link) || h.vertices() < h.entities) return std::nullopt;
  const uint32_t n = h.vertices();
  std::vector<int64_t> ids;
  std::vector<uint8_t> types;
  Names names;
  if (!in.next_array(ids, n) || !in.next_array(types, n) || !read_names(in, h.entities, names)) return std::nullopt;
  std::optional<Csr> csr = read_adjacency(in, h);
  if (!csr || !in.done()) return std::nullopt;
  Graph out{std::move(*csr), h.entities, h.events, h.claims, {}, {}, false};
  auto text = std::make_shared<const std::string>(std::move(names.text));
  const std::string_view all(*text), canonical = all.substr(0, names.names_size), folded = all.substr(names.names_size);
  for (Vertex v = 0; v < n; ++v) {
    Node& node = out.g[v];
    node.kind = v < h.entities ? NodeKind::entity : v < h.entities + h.events ? NodeKind::event : NodeKind::claim;
    node.type = types[v];
    node.id = ids[v];
    if (v < h.entities) {
      const uint32_t from = v ? names.name_end[v - 1] : 0;
      node.label = canonical.substr(from, names.name_end[v] - from);
    }
  }
  out.by_name.reserve(h.entities);
  for (const Vertex v : names.by_name) {
    const uint32_t from = v ? names.fold_end[v - 1] : 0;
    out.by_name.emplace_back(folded.substr(from, names.fold_end[v] - from), v);
  }
  out.text.push_back(std::move(text));
  return out;
}

// The cached graph if it was built at generation `gen` and reads back whole.
std::optional<Graph> read_cache(store::Db& db, int64_t gen) {
  store::Stmt& s = store::cached_named(db, "graph_cache_read");
  s.bind(":name", kCacheName).bind(":generation", gen);
  std::optional<int64_t> row;
  if (s.step() && s.int64(1) == kFormat) row = s.int64(0);
  s.reset();
  if (!row) return std::nullopt;
  const store::BlobReader blob(db, "graph_cache", "data", *row);
  BlobSource in(blob);
  return build(in);
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
    const std::string blob = encode(read_database(db));
    if (writable && recorded && options.use_cache) {
      try {
        store::Stmt& w = store::cached_named(*writable, "graph_cache_write");
        w.bind(":name", kCacheName).bind(":generation", *gen).bind(":format", static_cast<int64_t>(kFormat)).bind_blob(":data", blob);
        w.run();
        rep.cache_written = writable->changes() > 0;
        // Move the blob from the WAL into the database file, where it is read fastest.
        writable->exec("PRAGMA wal_checkpoint(PASSIVE)", "graph_cache_checkpoint");
      } catch (const store::StoreError&) {
        rep.cache_written = false;
      }
    }
    MemorySource in(blob);
    graph = build(in);
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
