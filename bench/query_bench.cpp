// query_bench: builds a synthetic database of N events (default 1,000,000) over
// M entities (default 100,000) through the schema with bulk inserts, then
// measures, on an already open database, the timeline query for one entity
// (target < 20 ms) and the path query including the graph load (target
// < 200 ms). Entities are drawn with a Zipf-like skew, so a few are hubs.
//   query_bench [--events N] [--entities M] [--db PATH] [--reuse]
#include <fmt/format.h>

#include <time.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/explain.h"
#include "graph/loader.h"
#include "graph/lookup.h"
#include "graph/paths.h"
#include "graph/timeline.h"
#include "store/schema.h"

using namespace chronicle;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  int64_t events = 1'000'000, entities = 100'000;
  int64_t events_per_document = 20;
  std::string db = (std::filesystem::temp_directory_path() / "chronicle_bench.db").string();
  bool reuse = false;
};

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// CPU time of this thread in milliseconds: unlike wall time, it does not grow
// when other processes compete for the cores.
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

const char* kKinds[] = {"meeting", "statement", "offer", "demand", "agreement", "attack", "visit", "aid", "vote", "other"};
const char* kEntityKinds[] = {"person", "organization", "location"};
const char* kPredicates[] = {"member_of", "leader_of", "employed_by", "located_in"};

std::string entity_name(int64_t id) { return fmt::format("Actor{} Name{}", id, id % 97); }

std::string random_date(std::mt19937_64& rng) {
  const int year = 2020 + static_cast<int>(rng() % 6), month = 1 + static_cast<int>(rng() % 12), day = 1 + static_cast<int>(rng() % 28);
  const int p = static_cast<int>(rng() % 100);
  if (p < 10) return "";
  if (p < 15) return fmt::format("{}", year);
  if (p < 25) return fmt::format("{}-{:02}", year, month);
  return fmt::format("{}-{:02}-{:02}", year, month, day);
}

// Inserts one synthetic document: one sentence per event, "ActorA and ActorB
// meet in ActorC.", with its mentions, events, participants and a claim.
class Builder {
 public:
  Builder(store::Db& db, const Options& o)
      : db_(db), o_(o), rng_(42), weights_(static_cast<size_t>(o.entities)) {
    for (size_t i = 0; i < weights_.size(); ++i) weights_[i] = 1.0 / std::pow(static_cast<double>(i + 1), 0.75);
    pick_ = std::discrete_distribution<int64_t>(weights_.begin(), weights_.end());
  }

  void entities() {
    store::Stmt s = db_.prepare("INSERT INTO entity (id, kind, key, name) VALUES (:id, :kind, :key, :name)", "bench_entity");
    for (int64_t id = 1; id <= o_.entities; ++id) {
      s.reset();
      s.bind(":id", id).bind(":kind", kEntityKinds[id % 3]).bind(":key", fmt::format("bench:{}", id)).bind(":name", entity_name(id)).run();
    }
  }

  void document(int64_t doc, int64_t first_event, int64_t count) {
    struct Part {
      int64_t entity;
      int role;
    };
    std::vector<std::vector<Part>> parts(static_cast<size_t>(count));
    std::string text;
    std::vector<std::tuple<int64_t, int64_t, int64_t>> spans;  // entity, start, end (code points = bytes)
    std::vector<std::pair<int64_t, int64_t>> triggers;
    for (int64_t i = 0; i < count; ++i) {
      const int n = 2 + static_cast<int>(rng_() % 2);
      for (int k = 0; k < n; ++k) {
        const int64_t e = 1 + pick_(rng_);
        const auto start = static_cast<int64_t>(text.size());
        text += entity_name(e);
        spans.emplace_back(e, start, static_cast<int64_t>(text.size()));
        parts[static_cast<size_t>(i)].push_back({e, k});
        text += k + 2 < n ? ", " : k + 1 < n ? " and " : "";
      }
      const auto t = static_cast<int64_t>(text.size()) + 1;
      text += " met in the capital. ";
      triggers.emplace_back(t, t + 3);
    }
    ins_doc_.reset();
    ins_doc_.bind(":id", doc).bind(":uri", fmt::format("bench://doc/{}", doc)).bind(":title", fmt::format("Synthetic report {}", doc))
        .bind(":published", fmt::format("2025-01-{:02}", 1 + doc % 28)).bind(":hash", fmt::format("{}", doc)).bind(":text", text).run();
    std::unordered_map<int64_t, int64_t> local;  // entity -> local_entity id
    for (const auto& [e, start, end] : spans) {
      auto [it, fresh] = local.try_emplace(e, 0);
      if (fresh) {
        ins_local_.reset();
        ins_local_.bind(":doc", doc).bind(":entity", e).bind(":kind", kEntityKinds[e % 3]).bind(":name", entity_name(e))
            .bind(":key", fmt::format("bench:{}", e)).run();
        it->second = db_.last_insert_id();
      }
      ins_mention_.reset();
      ins_mention_.bind(":local", it->second).bind(":doc", doc).bind(":start", start).bind(":end", end).bind(":text", entity_name(e)).run();
    }
    for (int64_t i = 0; i < count; ++i) {
      const int64_t event = first_event + i;
      const auto& p = parts[static_cast<size_t>(i)];
      const std::string kind = kKinds[rng_() % 10];
      ins_event_.reset();
      ins_event_.bind(":id", event).bind(":key", fmt::format("bench:{}", event)).bind(":kind", kind)
          .bind(":label", fmt::format("{} and {} {}", entity_name(p[0].entity), entity_name(p[1].entity), kind))
          .bind_or_null(":date", random_date(rng_)).run();
      ins_em_.reset();
      ins_em_.bind(":event", event).bind(":doc", doc).bind(":start", triggers[static_cast<size_t>(i)].first)
          .bind(":end", triggers[static_cast<size_t>(i)].second).bind(":kind", kind).bind(":sentence", i).run();
      const int64_t em = db_.last_insert_id();
      for (const Part& part : p) {
        ins_part_.reset();
        ins_part_.bind(":em", em).bind(":local", local[part.entity]).bind(":role", part.role == 0 ? "agent" : part.role == 1 ? "patient" : "participant").run();
      }
    }
    // One claim per document by its first actor about the second, and a relation.
    const int64_t speaker = std::get<0>(spans[0]), about = std::get<0>(spans[1]);
    ins_claim_.reset();
    ins_claim_.bind(":id", doc).bind(":key", fmt::format("bench:{}", doc)).bind(":speaker", speaker)
        .bind(":content", fmt::format("{} met in the capital", entity_name(about))).run();
    ins_cm_.reset();
    ins_cm_.bind(":claim", doc).bind(":doc", doc).bind(":start", std::get<1>(spans[1])).bind(":end", triggers[0].second)
        .bind(":local", local[speaker]).run();
    if (speaker != about) {
      ins_rel_.reset();
      ins_rel_.bind(":key", fmt::format("bench:{}", doc)).bind(":s", speaker).bind(":p", kPredicates[doc % 4]).bind(":o", about).run();
      ins_rm_.reset();
      ins_rm_.bind(":rel", db_.last_insert_id()).bind(":p", kPredicates[doc % 4]).bind(":doc", doc).bind(":s", local[speaker]).bind(":o", local[about])
          .bind(":start", std::get<1>(spans[0])).bind(":end", std::get<2>(spans[1])).run();
    }
  }

 private:
  store::Db& db_;
  const Options& o_;
  std::mt19937_64 rng_;
  std::vector<double> weights_;
  std::discrete_distribution<int64_t> pick_;
  store::Stmt ins_doc_ = db_.prepare("INSERT INTO document (id, uri, title, source, published, anchor, format, content_hash, text) "
                                     "VALUES (:id, :uri, :title, 'Bench Wire', :published, :published, 'text', :hash, :text)", "bench_document");
  store::Stmt ins_local_ = db_.prepare("INSERT INTO local_entity (document_id, entity_id, kind, name, key) VALUES (:doc, :entity, :kind, :name, :key)", "bench_local");
  store::Stmt ins_mention_ = db_.prepare("INSERT INTO mention (local_entity_id, document_id, span_start, span_end, text, form) "
                                         "VALUES (:local, :doc, :start, :end, :text, 'name')", "bench_mention");
  store::Stmt ins_event_ = db_.prepare("INSERT INTO event (id, key, kind, label, date) VALUES (:id, :key, :kind, :label, :date)", "bench_event");
  store::Stmt ins_em_ = db_.prepare("INSERT INTO event_mention (event_id, document_id, span_start, span_end, text, kind, lemma, sentence) "
                                    "VALUES (:event, :doc, :start, :end, 'met', :kind, 'meet', :sentence)", "bench_event_mention");
  store::Stmt ins_part_ = db_.prepare("INSERT OR IGNORE INTO event_participant (event_mention_id, local_entity_id, role) VALUES (:em, :local, :role)", "bench_participant");
  store::Stmt ins_claim_ = db_.prepare("INSERT INTO claim (id, key, speaker_entity_id, content, quoted) VALUES (:id, :key, :speaker, :content, 0)", "bench_claim");
  store::Stmt ins_cm_ = db_.prepare("INSERT INTO claim_mention (claim_id, document_id, span_start, span_end, text, quoted, speaker_local_id, sentence) "
                                    "VALUES (:claim, :doc, :start, :end, 'claim', 0, :local, 0)", "bench_claim_mention");
  store::Stmt ins_rel_ = db_.prepare("INSERT OR IGNORE INTO relation (key, subject_entity_id, predicate, object_entity_id) VALUES (:key, :s, :p, :o)", "bench_relation");
  store::Stmt ins_rm_ = db_.prepare("INSERT INTO relation_mention (relation_id, document_id, subject_local_id, object_local_id, predicate, span_start, span_end, text) "
                                    "VALUES (:rel, :doc, :s, :o, :p, :start, :end, 'relation')", "bench_relation_mention");
};

void build(const Options& o) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(o.db + suffix);
  auto db = store::open_database(o.db, store::OpenMode::read_write);
  // Bulk load: no journal, no syncs, a cache that holds the indexes.
  db->exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -2000000", "bench_bulk");
  const auto t = Clock::now();
  store::Transaction tx(*db);
  Builder b(*db, o);
  b.entities();
  int64_t doc = 1;
  for (int64_t first = 1; first <= o.events; first += o.events_per_document, ++doc) {
    b.document(doc, first, std::min(o.events_per_document, o.events - first + 1));
    if (doc % 5000 == 0) fmt::print(stderr, "\r  {} events", first + o.events_per_document - 1);
  }
  tx.commit();
  db->exec("ANALYZE; PRAGMA journal_mode = WAL", "bench_analyze");
  fmt::print(stderr, "\r");
  fmt::print("built {} events, {} entities, {} documents in {:.1f} s ({:.0f} MB)\n", o.events, o.entities, doc - 1,
             ms_since(t) / 1000, static_cast<double>(std::filesystem::file_size(o.db)) / 1e6);
}

struct Stats {
  double median, best, worst;  // wall clock
  double cpu;                  // median CPU time
};

template <typename F>
Stats measure(int runs, F f) {
  std::vector<double> ms, cpu;
  for (int i = 0; i < runs; ++i) {
    const auto t = Clock::now();
    const double c = cpu_ms();
    f();
    ms.push_back(ms_since(t));
    cpu.push_back(cpu_ms() - c);
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  return {ms[ms.size() / 2], ms.front(), ms.back(), cpu[cpu.size() / 2]};
}

void timeline_bench(store::Db& db, int64_t entity, const char* what, int runs) {
  size_t events = 0;
  const Stats s = measure(runs, [&] {
    graph::TimelineQuery q;
    q.by_entity = true;
    q.entities = graph::find_entities(db, entity_name(entity)).entities;
    const graph::Timeline t = graph::timeline(db, q);
    events = t.dated.size() + t.undated.size();
  });
  fmt::print("timeline --entity '{}' ({}, {} events): median {:.2f} ms (best {:.2f}, worst {:.2f}; CPU {:.2f} ms)\n",
             entity_name(entity), what, events, s.median, s.best, s.worst, s.cpu);
}

void path_bench(store::Db& db, int64_t a, int64_t b) {
  graph::LoadReport cold;
  auto t = Clock::now();
  graph::load(db, {}, &cold);
  if (cold.from_cache) fmt::print("graph load, first (cache already built): {:.0f} ms\n", ms_since(t));
  else fmt::print("graph load, cold (co-occurrence scan of {} documents{}): {:.0f} ms\n", cold.documents_scanned,
                  cold.cache_written ? ", cache written" : ", no cache", ms_since(t));
  double load_ms = 0, search_ms = 0, evidence_ms = 0;
  size_t hops = 0;
  const Stats s = measure(7, [&] {
    const auto t0 = Clock::now();
    const graph::Graph g = graph::load(db);
    load_ms = ms_since(t0);
    const auto t1 = Clock::now();
    const auto va = g.find_name(entity_name(a)), vb = g.find_name(entity_name(b));
    const auto path = graph::best_path(g, *va, *vb, 6);
    search_ms = ms_since(t1);
    const auto t2 = Clock::now();
    graph::EvidenceReader reader(db);
    hops = path ? path->hops() : 0;
    if (path)
      for (size_t i = 0; i < path->hops(); ++i) graph::link_evidence(db, reader, g, path->vertices[i], path->vertices[i + 1], path->links[i], 1);
    evidence_ms = ms_since(t2);
  });
  const graph::Graph g = graph::load(db);
  fmt::print("graph: {} vertices, {} links\n", g.vertex_count(), g.link_count());
  fmt::print("path '{}' -> '{}' ({} hops) incl. graph load from cache: median {:.1f} ms (best {:.1f}, worst {:.1f}; CPU {:.1f} ms); "
             "last run: load {:.1f} ms, search {:.1f} ms, evidence {:.1f} ms\n",
             entity_name(a), entity_name(b), hops, s.median, s.best, s.worst, s.cpu, load_ms, search_ms, evidence_ms);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--events" && i + 1 < argc) o.events = std::stoll(argv[++i]);
    else if (arg == "--entities" && i + 1 < argc) o.entities = std::stoll(argv[++i]);
    else if (arg == "--db" && i + 1 < argc) o.db = argv[++i];
    else if (arg == "--reuse") o.reuse = true;
    else {
      fmt::print(stderr, "usage: query_bench [--events N] [--entities M] [--db PATH] [--reuse]\n");
      return 2;
    }
  }
  if (!o.reuse || !std::filesystem::exists(o.db)) build(o);
  auto db = store::open_database(o.db, store::OpenMode::read_only);
  timeline_bench(*db, o.entities / 2, "typical", 15);
  timeline_bench(*db, 1, "the biggest hub", 3);
  path_bench(*db, o.entities / 3, o.entities / 2 + 7);
  return 0;
}
