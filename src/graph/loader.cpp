// Loading the story graph (see loader.h). The graph is first gathered as a flat
// RawGraph (vertex arrays and one record per link), which is also what the
// cache stores, then turned into the CSR graph in one pass.
#include "graph/loader.h"

#include <fmt/format.h>

#include <cstring>
#include <unordered_map>

#include "common/facts.h"
#include "common/utf8.h"
#include "graph/cooccurrence.h"
#include "store/catalog.h"
#include "store/schema.h"

namespace chronicle::graph {

namespace {

constexpr uint32_t kMagic = 0x31474843;  // "CHG1"
constexpr uint32_t kFormat = 1;
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

// --- the cache blob -----------------------------------------------------------

template <typename T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
void put_array(std::string& out, const std::vector<T>& v) {
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

std::string encode(const RawGraph& raw) {
  std::string out;
  for (uint32_t v : {kMagic, kFormat, raw.entities, raw.events, raw.claims, static_cast<uint32_t>(raw.links.size())}) put(out, v);
  put_array(out, raw.ids);
  put_array(out, raw.types);
  uint32_t offset = 0;
  put(out, offset);
  for (const std::string& n : raw.names) put(out, offset += static_cast<uint32_t>(n.size()));
  for (const std::string& n : raw.names) out += n;
  std::vector<uint32_t> column(raw.links.size());
  std::vector<uint8_t> bytes(raw.links.size());
  auto column_of = [&](auto field) {
    for (size_t i = 0; i < raw.links.size(); ++i) column[i] = field(raw.links[i]);
    put_array(out, column);
  };
  auto bytes_of = [&](auto field) {
    for (size_t i = 0; i < raw.links.size(); ++i) bytes[i] = field(raw.links[i]);
    put_array(out, bytes);
  };
  column_of([](const RawLink& l) { return l.a; });
  column_of([](const RawLink& l) { return l.b; });
  column_of([](const RawLink& l) { return l.weight; });
  bytes_of([](const RawLink& l) { return l.kind; });
  bytes_of([](const RawLink& l) { return l.detail; });
  return out;
}

// Reads what encode() wrote; nullopt when the blob is damaged.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  template <typename T>
  bool get(T& v) {
    if (data_.size() - at_ < sizeof v) return false;
    std::memcpy(&v, data_.data() + at_, sizeof v);
    at_ += sizeof v;
    return true;
  }
  template <typename T>
  bool get_array(std::vector<T>& v, size_t n) {
    if ((data_.size() - at_) / sizeof(T) < n) return false;
    v.resize(n);
    std::memcpy(v.data(), data_.data() + at_, n * sizeof(T));
    at_ += n * sizeof(T);
    return true;
  }
  bool get_string(std::string& s, size_t n) {
    if (data_.size() - at_ < n) return false;
    s.assign(data_.data() + at_, n);
    at_ += n;
    return true;
  }
  bool done() const { return at_ == data_.size(); }

 private:
  std::string_view data_;
  size_t at_ = 0;
};

std::optional<RawGraph> decode(std::string_view data) {
  Reader r(data);
  RawGraph raw;
  uint32_t magic = 0, format = 0, links = 0;
  if (!r.get(magic) || !r.get(format) || magic != kMagic || format != kFormat) return std::nullopt;
  if (!r.get(raw.entities) || !r.get(raw.events) || !r.get(raw.claims) || !r.get(links)) return std::nullopt;
  const size_t n = size_t{raw.entities} + raw.events + raw.claims;
  std::vector<uint32_t> offsets, a, b, w;
  std::vector<uint8_t> kind, detail;
  std::string names;
  if (!r.get_array(raw.ids, n) || !r.get_array(raw.types, n) || !r.get_array(offsets, size_t{raw.entities} + 1)) return std::nullopt;
  if (!r.get_string(names, offsets.back())) return std::nullopt;
  if (!r.get_array(a, links) || !r.get_array(b, links) || !r.get_array(w, links) || !r.get_array(kind, links) ||
      !r.get_array(detail, links) || !r.done())
    return std::nullopt;
  raw.names.reserve(raw.entities);
  for (uint32_t i = 0; i < raw.entities; ++i) {
    if (offsets[i] > offsets[i + 1]) return std::nullopt;
    raw.names.emplace_back(names, offsets[i], offsets[i + 1] - offsets[i]);
  }
  raw.links.resize(links);
  for (uint32_t i = 0; i < links; ++i) {
    if (a[i] >= n || b[i] >= n) return std::nullopt;
    raw.links[i] = {a[i], b[i], w[i], kind[i], detail[i]};
  }
  return raw;
}

std::optional<RawGraph> read_cache(store::Db& db, int64_t gen) {
  store::Stmt& s = store::cached_named(db, "graph_cache_read");
  s.bind(":name", kCacheName).bind(":generation", gen);
  std::optional<RawGraph> out;
  if (s.step() && s.int64(0) == kFormat) out = decode(s.blob(1));
  s.reset();
  return out;
}

// --- building the CSR graph -------------------------------------------------

Graph build(RawGraph&& raw) {
  const uint32_t n = static_cast<uint32_t>(raw.ids.size());
  std::vector<Vertex> sources, targets;
  std::vector<Link> props;
  sources.reserve(raw.links.size() * 2), targets.reserve(raw.links.size() * 2), props.reserve(raw.links.size() * 2);
  for (const RawLink& l : raw.links) {
    const Link link{static_cast<LinkKind>(l.kind), l.detail, true, l.weight};
    sources.push_back(l.a), targets.push_back(l.b), props.push_back(link);
    sources.push_back(l.b), targets.push_back(l.a), props.push_back(link);
    props.back().forward = false;
  }
  raw.links = {};
  Graph out{Csr(boost::construct_inplace_from_sources_and_targets, sources, targets, props, n), raw.entities, raw.events, raw.claims, {}, false};
  out.by_name.reserve(raw.entities);
  for (Vertex v = 0; v < n; ++v) {
    Node& node = out.g[v];
    node.kind = v < raw.entities ? NodeKind::entity : v < raw.entities + raw.events ? NodeKind::event : NodeKind::claim;
    node.type = raw.types[v];
    node.id = raw.ids[v];
    if (v < raw.entities) {
      node.label = std::move(raw.names[v]);
      out.by_name.emplace(utf8::fold(node.label), v);
    }
  }
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
  std::optional<RawGraph> raw;
  if (options.use_cache && gen) raw = read_cache(db, *gen);
  rep.from_cache = raw.has_value();
  if (!raw) {
    std::unique_ptr<store::Db> writable = gen ? open_writable(db) : nullptr;
    bool recorded = false;
    if (writable) {
      try {
        rep.documents_scanned = scan_cooccurrence(*writable);
        recorded = true;
      } catch (const store::StoreError&) {
        recorded = false;  // read-only file or busy: compute in memory below
      }
    }
    raw = read_database(db, recorded);
    if (writable && recorded && options.use_cache) {
      try {
        store::Stmt& w = store::cached_named(*writable, "graph_cache_write");
        w.bind(":name", kCacheName).bind(":generation", *gen).bind(":format", static_cast<int64_t>(kFormat)).bind_blob(":data", encode(*raw));
        w.run();
        rep.cache_written = writable->changes() > 0;
      } catch (const store::StoreError&) {
        rep.cache_written = false;
      }
    }
  }
  Graph g = build(std::move(*raw));
  if (options.labels) load_labels(db, g);
  return g;
}

void load_labels(store::Db& db, Graph& graph) {
  store::Stmt e = store::prepare_named(db, "graph_event_labels");
  while (e.step())
    if (const auto v = graph.find(NodeKind::event, e.int64(0))) {
      graph.g[*v].label = e.str(1);
      graph.g[*v].date = e.str(2);
    }
  store::Stmt c = store::prepare_named(db, "graph_claim_labels");
  while (c.step())
    if (const auto v = graph.find(NodeKind::claim, c.int64(0))) {
      graph.g[*v].label = c.str(1);
      graph.g[*v].date = c.str(2);
    }
  graph.labels = true;
}

}  // namespace chronicle::graph
