// Applying the event coreference rules to stored mentions (see event_resolver.h).
#include "store/event_resolver.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "extract/gazetteer.h"
#include "resolve/labels.h"
#include "store/union_find.h"

namespace chronicle::store {

namespace {

constexpr int kMaxCandidates = 400;
constexpr size_t kMaxEntityClusters = 800;  // clusters read per entity and kind
constexpr size_t kFewEntities = 4;

// The first eight bytes of a word as a big-endian number, zeros after its end:
// for words without NUL bytes, a smaller number means an earlier word in byte
// order, and equal numbers leave it to the bytes after the eighth.
uint64_t prefix_key(std::string_view w) {
  uint64_t k = 0;
  for (size_t i = 0; i < 8; ++i) k = k << 8 | (i < w.size() ? static_cast<unsigned char>(w[i]) : 0u);
  return k;
}

// How much two documents' entities overlap, `shared` of them in common: the
// overlap coefficient, where a short article naming only "the US" overlaps
// fully with every article that names it too, so that fewer than
// kFewEntities count as that many.
double entity_overlap(size_t shared, size_t a, size_t b) {
  return static_cast<double>(shared) / static_cast<double>(std::max(std::min(a, b), kFewEntities));
}

// The dated group an undated group joins: the one it has most links to, when
// that one has more than all the others together (an undated "the talks" linked
// to the talks of Sunday and, once, to those of Monday is Sunday's); 0 when
// none does.
int64_t main_target(const std::map<int64_t, int>& links) {
  int total = 0, best = 0;
  int64_t target = 0;
  for (const auto& [group, n] : links) {
    total += n;
    if (n > best) best = n, target = group;
  }
  return 2 * best > total ? target : 0;
}

}  // namespace

const std::vector<int64_t>& EventResolver::principals(int64_t agent) {
  auto [it, fresh] = principals_.try_emplace(agent);
  if (!fresh) return it->second;
  // What a spokesperson says, the organisation they speak for says: "Peskov said"
  // and "the Kremlin responded" can be one statement.
  Stmt& r = db_.cached("spoken_for", "SELECT object_entity_id FROM relation WHERE subject_entity_id = :e AND predicate = 'spokesperson_for'");
  r.bind(":e", agent);
  while (r.step()) it->second.push_back(r.int64(0));
  // A capital acting stands for its country: "Moscow launched" is Russia's act.
  Stmt& n = db_.cached("entity_name_kind", "SELECT name FROM entity WHERE id = :e AND kind = 'location'");
  n.bind(":e", agent);
  if (!n.step()) return it->second;
  const std::string_view code = extract::Gazetteer::instance().capital_of(n.text(0));
  if (code.empty()) return it->second;
  Stmt& c = db_.cached("country_entity", "SELECT id FROM entity WHERE key = :key");
  c.bind(":key", "location:country:" + std::string(code));
  if (c.step()) it->second.push_back(c.int64(0));
  return it->second;
}

const EventResolver::DocumentMentions& EventResolver::document_mentions(int64_t document) {
  auto [it, fresh] = documents_.try_emplace(document);
  DocumentMentions& out = it->second;
  if (!fresh) return out;
  if (const std::vector<int64_t>* kept = pending_.of_document(document)) kept_mentions(document, *kept, out);
  else stored_mentions(document, out);
  for (auto& [id, f] : out.features) {
    std::vector<int64_t> extra;
    for (const int64_t agent : f.agents) {
      const std::vector<int64_t>& more = principals(agent);
      extra.insert(extra.end(), more.begin(), more.end());
    }
    f.agents.insert(extra.begin(), extra.end());
  }
  for (auto& [c, members] : out.clusters) std::sort(members.begin(), members.end());
  return out;
}

void EventResolver::add_mention(DocumentMentions& out, const MentionRow& m) {
  resolve::EventFeatures f;
  f.id = m.id;
  f.document = m.document;
  f.position = f.first = m.position;
  f.kind = m.kind;
  const std::string lemma(m.lemma);
  f.lemmas = concepts(lemma).lemmas;
  f.date = m.date;
  if (m.place) f.places.insert(m.place);
  out.facts[f.id] = {lemma, m.place, {}};
  document_of_[f.id] = m.document;
  out.order.push_back(f.id);
  event_of_[f.id] = m.event;
  if (m.cluster) {
    out.cluster_of[f.id] = m.cluster;
    out.clusters[m.cluster].push_back(f.id);
  }
  out.features.emplace(f.id, std::move(f));
}

void EventResolver::add_participant(DocumentMentions& out, int64_t mention, int64_t entity, bool agent) {
  resolve::EventFeatures& f = out.features.at(mention);
  (agent ? f.agents : f.others).insert(entity);
  out.facts.at(mention).participants.emplace_back(entity, agent);
}

void EventResolver::stored_mentions(int64_t document, DocumentMentions& out) {
  Stmt& q = db_.cached("event_mention_features_of_document",
                       "SELECT em.id, em.span_start, em.kind, em.lemma, coalesce(em.date, ''), l.entity_id, em.cluster, em.event_id "
                       "FROM event_mention em LEFT JOIN local_entity l ON l.id = em.place_local_id "
                       "WHERE em.document_id = :doc ORDER BY em.span_start, em.id");
  q.bind(":doc", document);
  while (q.step())
    add_mention(out, {q.int64(0), document, static_cast<uint32_t>(q.int64(1)), q.text(2), q.text(3), q.text(4),
                      q.is_null(5) ? 0 : q.int64(5), q.is_null(6) ? 0 : q.int64(6), q.is_null(7) ? 0 : q.int64(7)});
  Stmt& p = db_.cached("event_participants_of_document",
                       "SELECT p.event_mention_id, p.role, l.entity_id FROM event_mention em "
                       "JOIN event_participant p ON p.event_mention_id = em.id JOIN local_entity l ON l.id = p.local_entity_id "
                       "WHERE em.document_id = :doc");
  p.bind(":doc", document);
  while (p.step()) add_participant(out, p.int64(0), p.int64(2), p.text(1) == "agent");
}

void EventResolver::kept_mentions(int64_t document, const std::vector<int64_t>& ids, DocumentMentions& out) {
  // As stored_mentions() reads written ones: in text order, entities as resolved now.
  std::unordered_map<int64_t, int64_t> entity_of;  // local entity -> entity
  Stmt& q = db_.cached("local_entities_of_document", "SELECT id, entity_id FROM local_entity WHERE document_id = :doc");
  q.bind(":doc", document);
  while (q.step()) entity_of.emplace(q.int64(0), q.int64(1));
  std::vector<const PendingEvent*> kept;
  for (const int64_t id : ids) kept.push_back(pending_.find(id));
  std::sort(kept.begin(), kept.end(), [](const PendingEvent* a, const PendingEvent* b) {
    return std::tie(a->span_start, a->id) < std::tie(b->span_start, b->id);
  });
  for (const PendingEvent* e : kept) {
    add_mention(out, {e->id, document, static_cast<uint32_t>(e->span_start), e->kind, e->lemma, e->date,
                      e->place ? entity_of.at(e->place) : 0, 0, 0});
    for (const auto& [local, role] : e->participants) add_participant(out, e->id, entity_of.at(local), role == "agent");
  }
}

const resolve::EventFeatures& EventResolver::cluster(int64_t id) {
  auto it = clusters_.find(id);
  if (it != clusters_.end()) return it->second;
  // Not a cluster of this run's documents (those are all in clusters_): its
  // stored members, in id order.
  resolve::EventFeatures f;
  Stmt& q = db_.cached("event_mention_document_of", "SELECT document_id FROM event_mention WHERE id = :id");
  q.bind(":id", id);
  const int64_t document = q.step() ? q.int64(0) : 0;
  q.reset();
  if (document && !resolved_documents_.count(document)) {
    const DocumentMentions& dm = document_mentions(document);
    if (const auto members = dm.clusters.find(id); members != dm.clusters.end()) {
      members_[id] = members->second;
      for (const int64_t m : members->second) {
        const resolve::EventFeatures& mf = dm.features.at(m);
        if (f.id == 0) f = mf;
        else f.absorb(mf);
      }
    }
  }
  f.id = id;
  return clusters_.emplace(id, std::move(f)).first->second;
}

std::vector<int64_t> EventResolver::cluster_document(int64_t document) {
  resolved_documents_.insert(document);
  const DocumentMentions& dm = document_mentions(document);
  const std::vector<int64_t>& ids = dm.order;
  const bool fresh = dm.clusters.empty();  // never resolved: its clusters have no links, responses or nodes yet
  // In text order, each mention joins the nearest earlier cluster of the same
  // event (the latest position; the first made among equals). Only clusters of
  // its kind can be (same_event_in_document), and of most kinds only those
  // that share one of its words: each looks at those alone.
  std::vector<resolve::EventFeatures> open;
  std::unordered_map<std::string_view, std::vector<size_t>> open_of_kind;  // retold kind -> indices into `open`
  // (kind, word) -> indices into `open`, for the other kinds. The views are of
  // `dm`'s features, which stay put.
  struct KindWordHash {
    size_t operator()(const std::pair<std::string_view, std::string_view>& k) const {
      const std::hash<std::string_view> h;
      return h(k.first) * 31 + h(k.second);
    }
  };
  std::unordered_map<std::pair<std::string_view, std::string_view>, std::vector<size_t>, KindWordHash> open_of_word;
  std::vector<int64_t> cluster_of(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    const resolve::EventFeatures& m = dm.features.at(ids[i]);
    const bool by_word = resolve::needs_same_word(m.kind);
    size_t best = open.size();  // none
    const auto consider = [&](size_t c) {
      const bool nearer = best == open.size() || open[c].position > open[best].position ||
                          (open[c].position == open[best].position && c < best);
      if (nearer && resolve::same_event_in_document(open[c], m)) best = c;
    };
    if (by_word) {
      for (const std::string& w : m.lemmas)
        if (const auto found = open_of_word.find({m.kind, w}); found != open_of_word.end())
          for (const size_t c : found->second) consider(c);
    } else {
      for (const size_t c : open_of_kind[m.kind]) consider(c);
    }
    const bool made = best == open.size();
    if (made) {
      if (!by_word) open_of_kind[m.kind].push_back(open.size());
      open.push_back(m);
    }
    const size_t c = made ? open.size() - 1 : best;
    if (by_word)
      for (const std::string& w : m.lemmas)
        if (made || !open[c].lemmas.contains(w)) open_of_word[{m.kind, w}].push_back(c);
    if (!made) open[c].absorb(m);
    cluster_of[i] = open[c].id;
  }
  for (size_t i = 0; i < ids.size(); ++i) members_[cluster_of[i]].push_back(ids[i]);
  for (size_t i = 0; i < ids.size(); ++i)
    if (PendingEvent* kept = pending_.find(ids[i])) kept->cluster = cluster_of[i];
    else if (const auto stored = dm.cluster_of.find(ids[i]); stored == dm.cluster_of.end() || stored->second != cluster_of[i])
      db_.cached("set_event_cluster", "UPDATE event_mention SET cluster = :cluster WHERE id = :id AND cluster IS NOT :cluster")
        .bind(":cluster", cluster_of[i]).bind(":id", ids[i]).run();
  if (fresh)
    for (const resolve::EventFeatures& c : open) fresh_.insert(c.id);
  link_responses(open);
  for (resolve::EventFeatures& c : open) clusters_[c.id] = std::move(c);
  std::vector<int64_t> out;
  for (const auto& c : open) out.push_back(c.id);
  return out;
}

void EventResolver::link_responses(const std::vector<resolve::EventFeatures>& clusters) {
  for (const resolve::EventFeatures& r : clusters) {
    if (!fresh_.count(r.id))
      db_.cached("unlink_event_response", "DELETE FROM event_response WHERE source = :id").bind(":id", r.id).run();
    if (!resolve::is_response(r)) continue;
    // The latest earlier event it can answer.
    const resolve::EventFeatures* target = nullptr;
    for (const resolve::EventFeatures& e : clusters)
      if (resolve::answers(r, e) && (!target || e.first > target->first)) target = &e;
    if (target) pending_.respond(r.id, target->id);
  }
}

const std::vector<int64_t>& EventResolver::document_entities(int64_t document) {
  auto it = entities_.find(document);
  if (it != entities_.end()) return it->second;
  std::vector<int64_t> ids;
  if (all_entities_read_) return entities_.emplace(document, std::move(ids)).first->second;  // none
  Stmt& q = db_.cached("document_entity_ids", "SELECT DISTINCT entity_id FROM local_entity WHERE document_id = :doc ORDER BY entity_id");
  q.bind(":doc", document);
  while (q.step()) ids.push_back(q.int64(0));
  return entities_.emplace(document, std::move(ids)).first->second;
}

void EventResolver::read_all_entities() {
  // The lists document_entities() and entity_documents() read one by one, of
  // every document and entity, from one pass over local_entity in entity order.
  entities_.clear();
  entity_documents_.clear();
  std::vector<int64_t> last_entity;  // document id -> the entity it was last listed for
  Stmt& q = db_.cached("all_document_entities", "SELECT entity_id, document_id FROM local_entity ORDER BY entity_id, id");
  std::vector<int64_t>* documents = nullptr;
  int64_t entity = 0;
  while (q.step()) {
    const int64_t e = q.int64(0), d = q.int64(1);
    if (!documents || e != entity) documents = &entity_documents_[e], entity = e;
    const auto slot = static_cast<size_t>(d);
    if (slot >= last_entity.size()) last_entity.resize(slot + 1, 0);
    if (std::exchange(last_entity[slot], e) == e) continue;  // (entity ids start at 1)
    documents->push_back(d);
    entities_[d].push_back(e);  // in entity order, each once
  }
  all_entities_read_ = true;
}

const std::vector<int64_t>& EventResolver::entity_documents(int64_t entity) {
  auto [it, fresh] = entity_documents_.try_emplace(entity);
  if (fresh && !all_entities_read_) {
    Stmt& q = db_.cached("entity_document_ids", "SELECT DISTINCT document_id FROM local_entity WHERE entity_id = :entity");
    q.bind(":entity", entity);
    while (q.step()) it->second.push_back(q.int64(0));
  }
  return it->second;
}

const std::unordered_set<int64_t>& EventResolver::story_documents(int64_t document) {
  auto [it, fresh] = story_documents_.try_emplace(document);
  if (!fresh) return it->second;
  const ProfileScope phase("phase: story documents");
  std::unordered_set<int64_t>& out = it->second;
  for (const auto& [other, similarity] : similar_documents(document)) out.insert(other);
  // By entities: fewer than kSameStoryEntities * kFewEntities shared entities
  // never reach kSameStoryEntities, so only documents sharing more are compared.
  // Counted in a table by document id (ids are dense; a hash map here cost
  // more than the rest of the lookup).
  std::vector<int64_t> reached;
  for (const int64_t e : document_entities(document))
    for (const int64_t other : entity_documents(e)) {
      if (other == document) continue;
      const auto slot = static_cast<size_t>(other);
      if (slot >= shared_.size()) shared_.resize(slot + 1, 0);
      if (shared_[slot]++ == 0) reached.push_back(other);
    }
  // Those not alike enough in words (above) are one story when the shared
  // entities reach kSameStoryEntities (as story_overlap() counts them).
  const size_t own = document_entities(document).size();
  for (const int64_t other : reached) {
    const auto n = static_cast<size_t>(std::exchange(shared_[static_cast<size_t>(other)], 0));
    if (static_cast<double>(n) < resolve::kSameStoryEntities * static_cast<double>(kFewEntities) || out.count(other)) continue;
    resolve::StoryOverlap story;
    story.entities = entity_overlap(n, own, document_entities(other).size());
    if (resolve::one_story(story)) out.insert(other);
  }
  return out;
}

const std::unordered_map<int64_t, double>& EventResolver::similar_documents(int64_t document) {
  auto [it, fresh] = similar_.try_emplace(document);
  if (!fresh) return it->second;
  if (const resolve::StoryNeighbours::List* known = neighbours_.of(document))
    for (const auto& [other, similarity] : *known) it->second.emplace(other, similarity);
  else
    for (const auto& [other, similarity] : stories_.similar(document, resolve::kSameStoryWords)) it->second.emplace(other, similarity);
  return it->second;
}

resolve::StoryOverlap EventResolver::story_overlap(int64_t a, int64_t b) {
  const auto [low, high] = std::minmax(a, b);
  const uint64_t key = static_cast<uint64_t>(low) << 32 ^ static_cast<uint64_t>(high);
  auto it = overlaps_.find(key);
  if (it != overlaps_.end()) return it->second;
  document_entities(a);
  document_entities(b);
  similar_documents(a);
  return overlaps_[key] = *overlap_of(a, b);
}

std::optional<resolve::StoryOverlap> EventResolver::overlap_of(int64_t a, int64_t b) const {
  const auto entities_a = entities_.find(a), entities_b = entities_.find(b);
  const auto similar = similar_.find(a);
  if (entities_a == entities_.end() || entities_b == entities_.end() || similar == similar_.end()) return std::nullopt;
  const std::vector<int64_t>& ea = entities_a->second;
  const std::vector<int64_t>& eb = entities_b->second;
  size_t shared = 0;
  for (auto i = ea.begin(), j = eb.begin(); i != ea.end() && j != eb.end();) {
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else ++shared, ++i, ++j;
  }
  resolve::StoryOverlap story;
  story.entities = entity_overlap(shared, ea.size(), eb.size());
  // Only whether the words reach kSameStoryWords matters (resolve/events.h):
  // below it the similarity reads 0.
  const auto found = similar->second.find(b);
  story.words = found == similar->second.end() ? 0 : found->second;
  return story;
}

const EventResolver::Concepts& EventResolver::concepts(const std::string& lemma) {
  auto [it, fresh] = concepts_.try_emplace(lemma);
  if (!fresh) return it->second;
  it->second.names = resolve::concepts_of(lemma);
  for (const std::string& c : it->second.names)
    it->second.ids.push_back(concept_numbers_.try_emplace(c, static_cast<uint32_t>(concept_numbers_.size())).first->second);
  it->second.lemmas.insert(lemma);
  for (const std::string& c : it->second.names) it->second.lemmas.insert("=" + c);  // concepts carry a mark: never equal to a lemma
  std::sort(it->second.ids.begin(), it->second.ids.end());
  return it->second;
}

const std::vector<EventResolver::LemmaCluster>& EventResolver::document_clusters(int64_t document) {
  auto [it, fresh] = document_clusters_.try_emplace(document);
  if (!fresh) return it->second;
  if (const std::vector<int64_t>* kept = pending_.of_document(document)) {
    std::set<std::pair<int64_t, std::string>> seen;  // (cluster, lemma), as the query's DISTINCT
    for (const int64_t id : *kept) {
      const PendingEvent& e = *pending_.find(id);
      if (e.kind == "statement" || !seen.emplace(e.cluster, e.lemma).second) continue;
      it->second.push_back({e.cluster, e.lemma, &concepts(e.lemma).ids});
    }
  } else {
    Stmt& q = db_.cached("event_clusters_of_document",
                         "SELECT DISTINCT cluster, lemma FROM event_mention WHERE document_id = :doc AND kind <> 'statement' AND cluster IS NOT NULL");
    q.bind(":doc", document);
    while (q.step()) {
      std::string lemma = q.str(1);
      const std::vector<uint32_t>* c = &concepts(lemma).ids;
      it->second.push_back({q.int64(0), std::move(lemma), c});
    }
  }
  // By lemma, so that candidates() finds the lemmas of a stem by bisection.
  std::sort(it->second.begin(), it->second.end(),
            [](const LemmaCluster& a, const LemmaCluster& b) { return std::tie(a.lemma, a.cluster) < std::tie(b.lemma, b.cluster); });
  for (LemmaCluster& c : it->second) c.head = prefix_key(c.lemma);
  return it->second;
}

void EventResolver::prepare_candidates(const resolve::EventFeatures& c) {
  // Clusters of other documents that share an entity in the same kind, read
  // once per run for each entity and kind (the clusters of a batch share them).
  for (const int64_t e : c.entities()) {
    auto [it, fresh] = entity_clusters_.try_emplace({e, c.kind});
    if (!fresh) continue;
    if (any_stored_mention()) {
      Stmt& q = db_.cached("event_clusters_of_entity", R"sql(
        SELECT DISTINCT em.cluster, em.document_id FROM local_entity l JOIN event_participant p ON p.local_entity_id = l.id
          JOIN event_mention em ON em.id = p.event_mention_id
         WHERE l.entity_id = :entity AND em.kind = :kind AND em.cluster IS NOT NULL
        UNION
        SELECT DISTINCT em.cluster, em.document_id FROM local_entity l JOIN event_mention em ON em.place_local_id = l.id
         WHERE l.entity_id = :entity AND em.kind = :kind AND em.cluster IS NOT NULL
        LIMIT :limit)sql");
      q.bind(":entity", e).bind(":kind", c.kind).bind(":limit", static_cast<int64_t>(kMaxEntityClusters));
      while (q.step()) it->second.emplace_back(q.int64(0), q.int64(1));
    }
    // Then those of mentions not written yet: their ids follow every stored
    // one, as the query's sorted union would give them, up to its limit.
    if (!pending_.empty())
      if (const auto kept = kept_clusters().find({e, c.kind}); kept != kept_clusters().end())
        for (auto k = kept->second.begin(); k != kept->second.end() && it->second.size() < kMaxEntityClusters; ++k) it->second.push_back(*k);
  }
  if (c.kind == "statement") return;
  concept_stems(c.lemmas);
  // The same for every cluster of a document: read once.
  if (!stories_read_.insert(c.document).second) return;
  for (const int64_t document : story_documents(c.document)) {
    document_clusters(document);
    document_entities(document);  // for judging (story_overlap)
  }
}

std::vector<int64_t> EventResolver::candidates(const resolve::EventFeatures& c) const {
  const ProfileScope phase("phase: event candidates");
  std::vector<int64_t> found;
  const auto finish = [&] {
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    if (found.size() > static_cast<size_t>(kMaxCandidates)) found.resize(kMaxCandidates);
    return found;
  };
  for (const int64_t e : c.entities())
    for (const auto& [cluster, document] : entity_clusters_.at({e, c.kind}))
      if (document != c.document) found.push_back(cluster);
  // The clusters of other documents of the same story whose lemma reports one
  // of its concepts: the concept's words and every lemma derived from them
  // ("shoot" finds "shooting").
  // Statements meet only through their speakers, above.
  if (c.kind == "statement") return finish();
  const std::vector<Stem>& stems = stems_.at(concepts_key(c.lemmas));
  for (const int64_t document : story_documents_.at(c.document)) {
    const std::vector<LemmaCluster>& clusters = document_clusters_.at(document);
    for (const Stem& stem : stems) {
      // x.lemma < stem, and x.lemma starts with stem, decided on the first
      // eight bytes as numbers where they suffice.
      auto lc = std::lower_bound(clusters.begin(), clusters.end(), stem, [](const LemmaCluster& x, const Stem& s) {
        return x.head != s.head ? x.head < s.head : x.lemma < s.stem;
      });
      const bool short_stem = stem.stem.size() <= 8;
      for (; lc != clusters.end() && (short_stem ? (lc->head & stem.mask) == stem.head : lc->lemma.starts_with(stem.stem)); ++lc)
        if (resolve::intersects(*lc->concepts, *stem.concepts)) found.push_back(lc->cluster);
    }
  }
  return finish();
}

template <typename Overlap>
std::vector<int64_t> EventResolver::matches(const resolve::EventFeatures& a, const std::vector<const resolve::EventFeatures*>& found,
                                            Overlap&& overlap) {
  std::vector<int64_t> out;
  const resolve::EventFeatures* b = nullptr;  // the candidate judged
  const std::function<resolve::StoryOverlap()> story = [&] { return overlap(a.document, b->document); };
  for (const resolve::EventFeatures* candidate : found)
    if (b = candidate; resolve::same_event_across(a, *b, story)) out.push_back(b->id);
  return out;
}

bool EventResolver::any_stored_event() {
  if (!any_stored_event_) any_stored_event_ = db_.scalar("SELECT EXISTS (SELECT 1 FROM event)", "any_event").value_or(0) != 0;
  return *any_stored_event_;
}

bool EventResolver::any_stored_mention() {
  // None on a first ingest: the batch's mentions are not written yet.
  if (!any_stored_mention_) any_stored_mention_ = db_.scalar("SELECT EXISTS (SELECT 1 FROM event_mention)", "any_event_mention").value_or(0) != 0;
  return *any_stored_mention_;
}

const std::map<std::pair<int64_t, std::string>, std::set<std::pair<int64_t, int64_t>>>& EventResolver::kept_clusters() {
  if (kept_clusters_built_) return kept_clusters_;
  kept_clusters_built_ = true;
  for (const int64_t document : resolved_documents_) {
    const std::vector<int64_t>* ids = pending_.of_document(document);
    if (!ids) continue;
    const DocumentMentions& dm = document_mentions(document);
    for (const int64_t id : *ids) {
      const PendingEvent& e = *pending_.find(id);
      const MentionFacts& facts = dm.facts.at(id);
      for (const auto& [entity, agent] : facts.participants) kept_clusters_[{entity, e.kind}].emplace(e.cluster, document);
      if (facts.place) kept_clusters_[{facts.place, e.kind}].emplace(e.cluster, document);
    }
  }
  return kept_clusters_;
}

std::string EventResolver::concepts_key(const resolve::WordSet& lemmas) {
  std::string key;  // the concepts, in order
  for (const std::string& l : lemmas)
    if (l.starts_with("=")) key.append(l).push_back('|');
  return key;
}

const std::vector<EventResolver::Stem>& EventResolver::concept_stems(const resolve::WordSet& lemmas) {
  auto [it, fresh] = stems_.try_emplace(concepts_key(lemmas));
  if (!fresh) return it->second;
  std::set<std::string> words;
  for (const std::string& l : lemmas)
    if (l.starts_with("="))
      for (const std::string& w : resolve::lemmas_of(l.substr(1))) words.insert(w);
  // A lemma reports a concept of a word when it starts with the word's stem
  // ("nominate" finds "nomination") and shares a concept with it.
  for (const std::string& w : words) {
    std::string stem = w;
    if (stem.size() > 3 && stem.back() == 'e') stem.pop_back();
    const uint64_t head = prefix_key(stem);
    const uint64_t mask = stem.size() >= 8 ? ~uint64_t{0} : ~(~uint64_t{0} >> (8 * stem.size()));
    it->second.push_back({std::move(stem), &concepts(w).ids, head, mask});
  }
  return it->second;
}

void EventResolver::link(int64_t a, const std::vector<int64_t>& matches) {
  // Its links so far in this run (see below); those not written yet are dropped here.
  auto own = judged_.find(a);
  const std::vector<int64_t> before = own != judged_.end() ? own->second : std::vector<int64_t>(added_[a].begin(), added_[a].end());
  for (const int64_t n : before) pending_.unlink(a, n);
  if (!pending_.find(a) && (!fresh_.count(a) || linked_.count(a)))
    db_.cached("unlink_event_cluster", "DELETE FROM event_link WHERE a = :c OR b = :c").bind(":c", a).run();
  if (!matches.empty()) linked_.insert(a);
  linked_.insert(matches.begin(), matches.end());
  for (const int64_t b : matches) pending_.link(a, b);
  // The same in memory, for region(): the clusters it was linked to lose it,
  // and it has exactly `matches` now.
  for (const int64_t n : before)
    if (auto other = judged_.find(n); other != judged_.end()) std::erase(other->second, a);
    else added_[n].erase(a);
  added_.erase(a);
  judged_[a] = matches;
  for (const int64_t b : matches)
    if (auto other = judged_.find(b); other != judged_.end()) other->second.push_back(a);
    else added_[b].insert(a);
}

std::map<int64_t, std::vector<int64_t>> EventResolver::region(const std::vector<int64_t>& start) {
  std::map<int64_t, std::vector<int64_t>> links;  // cluster -> the clusters linked to it, ascending
  std::vector<int64_t> todo(start.begin(), start.end());
  for (const int64_t c : start) links.try_emplace(c);
  while (!todo.empty()) {
    const int64_t c = todo.back();
    todo.pop_back();
    std::vector<int64_t>& out = links[c];
    if (const auto known = judged_.find(c); known != judged_.end()) {
      out = known->second;  // judged in this run: its links are all known
    } else {
      Stmt& q = db_.cached("event_links_of", "SELECT b FROM event_link WHERE a = :c UNION SELECT a FROM event_link WHERE b = :c");
      q.bind(":c", c);
      while (q.step()) out.push_back(q.int64(0));
      // and those this run gave it (the ones naming kept mentions are not written yet)
      if (const auto given = added_.find(c); given != added_.end()) out.insert(out.end(), given->second.begin(), given->second.end());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    for (const int64_t n : out)
      if (links.try_emplace(n).second) todo.push_back(n);
  }
  return links;
}

void EventResolver::prepare(const std::vector<int64_t>& mentions, const std::set<int64_t>& refresh) {
  // Its caches hold what this one run read and wrote.
  if (std::exchange(used_, true)) throw std::logic_error("EventResolver: one run per resolver");
  std::set<int64_t> documents;
  for (const int64_t id : mentions) {
    if (const PendingEvent* kept = pending_.find(id)) {  // no node yet
      documents.insert(kept->document);
      continue;
    }
    Stmt& q = db_.cached("event_mention_document", "SELECT document_id, event_id FROM event_mention WHERE id = :id");
    q.bind(":id", id);
    if (!q.step()) continue;
    documents.insert(q.int64(0));
    if (!q.is_null(1) && refresh.count(id)) changes_.stale.insert(q.int64(1));
  }
  // 1. Within each document.
  {
    const ProfileScope phase("phase: events in documents");
    for (const int64_t d : documents)
      for (const int64_t c : cluster_document(d)) affected_.push_back(c);
  }
  // What judging across documents reads.
  const ProfileScope phase("phase: event candidates read");
  if (whole_tables_) read_all_entities();
  for (const int64_t d : documents) document_entities(d);
  for (const int64_t a : affected_) prepare_candidates(cluster(a));
  judged_matches_.assign(affected_.size(), std::nullopt);
}

void EventResolver::judge() {
  // 2. Links across documents, judged pair by pair, from what prepare() read
  // (and this step's own record of story overlaps).
  const ProfileScope phase("phase: event judgements");
  std::unordered_map<uint64_t, std::optional<resolve::StoryOverlap>> overlaps;  // this thread's record
  // The threads judging take clusters a few at a time; each cluster's
  // judgement is its own, whoever makes it.
  constexpr size_t kTake = 16;
  for (size_t from = next_judged_.fetch_add(kTake); from < affected_.size(); from = next_judged_.fetch_add(kTake)) {
    const size_t to = std::min(from + kTake, affected_.size());
    for (size_t i = from; i < to; ++i) {
      const resolve::EventFeatures& fa = clusters_.at(affected_[i]);
      std::vector<const resolve::EventFeatures*> features;
      bool complete = true;
      for (const int64_t b : candidates(fa)) {
        const auto found = clusters_.find(b);
        complete = found != clusters_.end();
        if (!complete) break;  // a stored cluster not read yet: finish() judges it
        features.push_back(&found->second);
      }
      if (!complete) continue;
      std::vector<int64_t> out = matches(fa, features, [&](int64_t a, int64_t b) {
        const auto [low, high] = std::minmax(a, b);
        auto [it, fresh] = overlaps.try_emplace(static_cast<uint64_t>(low) << 32 ^ static_cast<uint64_t>(high));
        if (fresh) it->second = overlap_of(a, b);
        if (it->second) return *it->second;
        complete = false;  // a document whose entities were not read: finish() judges it
        return resolve::StoryOverlap{};
      });
      if (complete) judged_matches_[i] = std::move(out);
    }
  }
}

EventResolver::Changes EventResolver::finish() {
  const ProfileScope across("phase: events across documents");
  for (size_t i = 0; i < affected_.size(); ++i) {
    const int64_t a = affected_[i];
    if (!judged_matches_[i]) {
      const resolve::EventFeatures& fa = cluster(a);
      std::vector<const resolve::EventFeatures*> features;
      for (const int64_t b : candidates(fa)) features.push_back(&cluster(b));
      judged_matches_[i] = matches(fa, features, [&](int64_t x, int64_t y) { return story_overlap(x, y); });
    }
    const ProfileScope phase("phase: event links");
    link(a, *judged_matches_[i]);
  }
  // 3. Nodes from the links of the region the batch reached: dated clusters
  // linked to each other are one event, undated ones likewise; an undated group
  // joins the dated group it mostly links to (main_target).
  const std::map<int64_t, std::vector<int64_t>> links = [&] {
    const ProfileScope phase("phase: event region");
    return region(affected_);
  }();
  const std::vector<std::pair<int64_t, std::vector<int64_t>>> groups = [&] {
    const ProfileScope phase("phase: event groups");
    const auto dated_cluster = [&](int64_t c) { return !cluster(c).date.empty(); };
    UnionFind dated, undated;
    for (const auto& [c, linked] : links) (dated_cluster(c) ? dated : undated).find(c);
    std::vector<std::pair<int64_t, int64_t>> bridges;  // (undated, dated)
    for (const auto& [c, linked] : links) {
      const bool c_dated = dated_cluster(c);
      for (const int64_t b : linked) {
        if (b < c) continue;  // each stored link (a < b) once, from its a
        if (c_dated == dated_cluster(b)) (c_dated ? dated : undated).join(c, b);
        else bridges.emplace_back(c_dated ? b : c, c_dated ? c : b);
      }
    }
    std::map<int64_t, std::map<int64_t, int>> targets;  // undated group -> dated groups it links to, with link counts
    for (const auto& [u, d] : bridges) ++targets[undated.find(u)][dated.find(d)];
    UnionFind nodes;
    for (const auto& [c, linked] : links) nodes.find(c);
    for (auto& [root, members] : dated.groups())
      for (const int64_t m : members) nodes.join(root, m);
    for (auto& [root, members] : undated.groups()) {
      for (const int64_t m : members) nodes.join(root, m);
      if (const int64_t target = main_target(targets[root])) nodes.join(root, target);
    }
    return nodes.groups();
  }();
  // Groups take nodes in order of their first cluster; a node goes to one group
  // only, so a group that split off gets a node of its own.
  std::set<int64_t> claimed;
  for (auto& [root, members] : groups) assign_node(members, claimed, changes_);
  write_nodes();
  return changes_;
}

void EventResolver::write_nodes() {
  insert_rows(db_, "INSERT INTO event (id, key, kind, label, date, place_entity_id)", 6, new_nodes_, [](Stmt& s, int i, const NewNode& n) {
    s.bind_at(i, n.id).bind_at(i + 1, n.key).bind_at(i + 2, n.kind).bind_at(i + 3, n.label).bind_or_null_at(i + 4, n.date);
    s.bind_or_null_at(i + 5, n.place ? std::optional<int64_t>(n.place) : std::nullopt);
  });
  new_nodes_.clear();
}

void EventResolver::assign_node(const std::vector<int64_t>& all, std::set<int64_t>& claimed, Changes& changes) {
  const ProfileScope phase("phase: event nodes");
  // The group's node: the unclaimed existing one holding most of its mentions.
  // (Every cluster of the region was read by cluster(), its members with it.)
  std::map<int64_t, int64_t> held;
  for (const int64_t c : all)
    for (const int64_t m : members_[c])
      if (const int64_t node = event_of_.at(m)) ++held[node];
  int64_t node = 0, best = -1;
  bool changed = false, summarised = false;
  size_t mentions = 0;
  for (const int64_t c : all) mentions += members_[c].size();
  const bool single = mentions == 1;
  for (const auto& [id, n] : held)
    if (n > best && !claimed.count(id)) node = id, best = n;
  const int64_t first = *std::min_element(all.begin(), all.end());
  for (int attempt = 0; !node; ++attempt) {
    // A new node keyed by the group's first cluster (the key may already name a
    // node another group claimed: then the next free variant).
    // With no node stored before this run, a key names none: groups are
    // disjoint, so no two share a first cluster.
    const std::string key = attempt ? fmt::format("e{}.{}", first, attempt) : fmt::format("e{}", first);
    if (any_stored_event()) {
      Stmt& find = db_.cached("find_event", "SELECT id FROM event WHERE key = :key");
      find.bind(":key", key);
      if (find.step()) {
        if (!claimed.count(find.int64(0))) node = find.int64(0);
        continue;
      }
    }
    // A new node is summarised here, from its mentions as read, by the rule
    // Writer::refresh_nodes applies to stored ones (resolve::summarise_node).
    const resolve::NodeSummary s = summary(all);
    if (!next_node_) next_node_ = db_.scalar("SELECT coalesce(max(id), 0) + 1 FROM event", "next_event_id").value_or(1);
    node = next_node_++;
    new_nodes_.push_back({node, key, s.kind, resolve::node_label(s, s.place ? entity_name(s.place) : std::string()), s.date, s.place});
    changed = summarised = true;
  }
  claimed.insert(node);
  for (const int64_t c : all) {
    const std::vector<int64_t>& members = members_[c];
    for (const int64_t m : members) {
      if (event_of_.at(m) == node) continue;
      if (PendingEvent* kept = pending_.find(m)) {
        kept->event = node;
        changed = true;
        continue;
      }
      write_nodes();  // the mention's foreign key needs its node's row
      db_.cached("link_event_mention", "UPDATE event_mention SET event_id = :node WHERE id = :id").bind(":node", node).bind(":id", m).run();
      changed = true;
    }
  }
  // Nodes whose mentions stayed where they were keep their summaries.
  if (!changed) return;
  for (const auto& [id, n] : held) changes.stale.insert(id);
  if (!summarised) changes.stale.insert(node);
  else if (!single) changes.made.insert(node);
}

resolve::NodeSummary EventResolver::summary(const std::vector<int64_t>& clusters) {
  std::vector<resolve::NodeMention> mentions;
  std::vector<resolve::NodeParticipant> participants;
  for (const int64_t c : clusters)
    for (const int64_t m : members_[c]) {
      const DocumentMentions& dm = document_mentions(document_of_.at(m));
      const resolve::EventFeatures& f = dm.features.at(m);
      const MentionFacts& facts = dm.facts.at(m);
      mentions.push_back({f.kind, facts.lemma, f.date, facts.place});
      for (const auto& [entity, agent] : facts.participants) participants.push_back({entity, agent, entity_name(entity)});
    }
  return resolve::summarise_node(mentions, participants);
}

const std::string& EventResolver::entity_name(int64_t entity) {
  auto [it, fresh] = entity_names_.try_emplace(entity);
  if (fresh) {
    Stmt& q = db_.cached("entity_name", "SELECT name FROM entity WHERE id = :id");
    q.bind(":id", entity);
    if (q.step()) it->second = q.str(0);
    q.reset();
  }
  return it->second;
}

}  // namespace chronicle::store
