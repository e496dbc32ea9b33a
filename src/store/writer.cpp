// Storing documents and resolving their facts into graph nodes (see writer.h).
#include "store/writer.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <map>
#include <thread>
#include <tuple>
#include <unordered_set>

#include "common/fault.h"
#include "common/utf8.h"
#include "extract/pipeline.h"
#include "resolve/events.h"
#include "resolve/keys.h"
#include "store/claim_resolver.h"
#include "store/event_resolver.h"
#include "resolve/labels.h"

namespace chronicle::store {

namespace {

constexpr size_t kDocumentsPerIndexing = 256;

std::string hex128(XXH128_hash_t h) { return fmt::format("{:016x}{:016x}", h.high64, h.low64); }

std::string_view format_name(Format f) {
  switch (f) {
    case Format::html: return "html";
    case Format::jsonl: return "jsonl";
    case Format::facts: return "facts";
    default: return "text";
  }
}

// Binds a byte span as code-point offsets plus its text.
void bind_span(Stmt& s, const utf8::CodePoints& cp, std::string_view text, Span span) {
  s.bind(":span_start", cp.at(span.begin)).bind(":span_end", cp.at(span.end)).bind(":text", span.of(text));
}

std::optional<int64_t> optional_id(int64_t id) { return id ? std::optional<int64_t>(id) : std::nullopt; }

std::string_view timex_value(const DocumentFacts& facts, int32_t timex) {
  return timex >= 0 && static_cast<size_t>(timex) < facts.timexes.size() ? std::string_view(facts.timexes[static_cast<size_t>(timex)].value)
                                                                          : std::string_view{};
}

// Ids returned by a one-column query with a :id parameter, for each of `ids`.
std::vector<int64_t> ids_for(Db& db, const char* name, const char* sql, const std::set<int64_t>& ids) {
  std::vector<int64_t> out;
  for (const int64_t id : ids) {
    Stmt& s = db.cached(name, sql);
    s.bind(":id", id);
    while (s.step()) out.push_back(s.int64(0));
  }
  return out;
}

// Finds the node of `table` with `key`, or inserts it with `insert_sql`
// (which must take :key and may take more, bound by `bind`).
template <typename Bind>
int64_t find_or_insert(Db& db, const char* table, const std::string& key, const char* insert_sql, Bind bind) {
  const std::string find_name = fmt::format("find_{}", table), insert_name = fmt::format("insert_{}", table);
  Stmt& find = db.cached(find_name.c_str(), fmt::format("SELECT id FROM {} WHERE key = :key", table));
  find.bind(":key", key);
  if (find.step()) return find.int64(0);
  Stmt& insert = db.cached(insert_name.c_str(), insert_sql);
  insert.bind(":key", key);
  bind(insert);
  insert.run();
  return db.last_insert_id();
}

}  // namespace

std::string Writer::content_hash(const Document& doc) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_128bits_reset(st);
  for (std::string_view part : {std::string_view(doc.text), std::string_view(doc.title), std::string_view(doc.source),
                                std::string_view(doc.published), std::string_view(doc.anchor), extract::Pipeline::fingerprint()}) {
    XXH3_128bits_update(st, part.data(), part.size());
    XXH3_128bits_update(st, "\x1f", 1);
  }
  const std::string out = hex128(XXH3_128bits_digest(st));
  XXH3_freeState(st);
  return out;
}

void Writer::forget_document(int64_t id) {
  // What resolution must look at again once the document's rows are gone.
  Stmt& keys = db_.cached("document_keys",
                          "SELECT key, entity_id FROM local_entity WHERE document_id = :id "
                          "UNION SELECT source_key, NULL FROM alias WHERE document_id = :id");
  keys.bind(":id", id);
  while (keys.step()) {
    entities_.touch(keys.str(0));
    if (!keys.is_null(1)) touched_entities_.insert(keys.int64(1));
  }
  // The nodes its mentions leave get their summaries again, and its speakers'
  // other claims are grouped again (a claim may have been worded as its version).
  const auto collect = [&](const char* name, const char* sql, std::set<int64_t>& into) {
    for (const int64_t node : ids_for(db_, name, sql, {id})) into.insert(node);
  };
  collect("document_event_nodes", "SELECT DISTINCT event_id FROM event_mention WHERE document_id = :id AND event_id IS NOT NULL",
          touched_events_);
  collect("document_claim_nodes", "SELECT DISTINCT claim_id FROM claim_mention WHERE document_id = :id AND claim_id IS NOT NULL",
          touched_claims_);
  collect("document_claim_speakers",
          "SELECT DISTINCT l.entity_id FROM claim_mention cm JOIN local_entity l ON l.id = cm.speaker_local_id WHERE cm.document_id = :id",
          forgotten_speakers_);
  db_.cached("delete_document", "DELETE FROM document WHERE id = :id").bind(":id", id).run();
  pending_.forget(id);
  neighbours_.remove(stories_, id);
  replaced_ = true;
}

void Writer::store_entities(int64_t doc_id, const Document& doc, const DocumentFacts& facts, std::vector<int64_t>& local_ids) {
  local_ids.assign(facts.entities.size(), 0);
  Stmt& ins_local = db_.cached("insert_local_entity",
                               "INSERT INTO local_entity (document_id, entity_id, kind, name, key) VALUES (:doc, :entity, :kind, :name, :key)");
  std::vector<std::string> keys(facts.entities.size());
  for (size_t i = 0; i < facts.entities.size(); ++i) {
    const LocalEntity& le = facts.entities[i];
    keys[i] = resolve::entity_key(le.kind, le.name);
    const int64_t entity = entities_.entity_for(entities_.resolve(keys[i]), le.kind, le.name);
    touched_entities_.insert(entity);
    entities_.touch(keys[i]);
    ins_local.reset();
    ins_local.bind(":doc", doc_id).bind(":entity", entity).bind(":kind", to_string(le.kind)).bind(":name", le.name).bind(":key", keys[i]).run();
    local_ids[i] = db_.last_insert_id();
  }
  // Shorter name forms used for an entity in this document become aliases of its key.
  Stmt& ins_alias = db_.cached("insert_alias", "INSERT OR IGNORE INTO alias (source_key, target_key, document_id) VALUES (:source, :target, :doc)");
  for (const Mention& m : facts.mentions) {
    if (m.entity < 0 || m.form != MentionForm::name) continue;
    const LocalEntity& le = facts.entities[static_cast<size_t>(m.entity)];
    const std::string source = resolve::entity_key(le.kind, m.span.of(doc.text));
    if (source == keys[static_cast<size_t>(m.entity)]) continue;
    ins_alias.reset();
    ins_alias.bind(":source", source).bind(":target", keys[static_cast<size_t>(m.entity)]).bind(":doc", doc_id).run();
    entities_.touch(source);
  }
}

Outcome Writer::store(const Document& doc, const DocumentFacts& facts) {
  const ProfileScope phase("phase: store");
  const std::string hash = content_hash(doc);
  search_.open();
  stories();  // loaded before this document is in the table
  Outcome outcome = Outcome::added;
  Stmt& existing = db_.cached("find_document", "SELECT id, content_hash FROM document WHERE uri = :uri");
  existing.bind(":uri", doc.uri);
  if (existing.step()) {
    if (existing.text(1) == hash) return Outcome::unchanged;
    const int64_t old = existing.int64(0);
    existing.reset();
    forget_document(old);
    outcome = Outcome::replaced;
  }
  Stmt& ins = db_.cached("insert_document",
                         "INSERT INTO document (uri, title, source, published, anchor, dateline, format, content_hash, text) "
                         "VALUES (:uri, :title, :source, :published, :anchor, :dateline, :format, :hash, :text)");
  ins.bind(":uri", doc.uri).bind_or_null(":title", doc.title).bind_or_null(":source", doc.source)
      .bind_or_null(":published", doc.published).bind_or_null(":anchor", doc.anchor).bind_or_null(":dateline", doc.dateline)
      .bind(":format", format_name(doc.format)).bind(":hash", hash).bind(":text", doc.text).run();
  const int64_t doc_id = db_.last_insert_id();
  ++batch_documents_;
  // A few hundred documents a statement index about as fast as all at once.
  if (++unindexed_documents_ >= kDocumentsPerIndexing) {
    search_.index_documents();
    unindexed_documents_ = 0;
  }
  neighbours_.add(stories_, doc_id, resolve::story_words(doc.text));
  const utf8::CodePoints cp(doc.text);

  std::vector<int64_t> local_ids;
  store_entities(doc_id, doc, facts, local_ids);
  auto local_of = [&](int32_t mention) -> int64_t {
    const int32_t e = facts.entity_of(mention);
    return e >= 0 ? local_ids[static_cast<size_t>(e)] : 0;
  };

  Stmt& ins_mention = db_.cached("insert_mention",
                                 "INSERT INTO mention (local_entity_id, document_id, span_start, span_end, text, form) "
                                 "VALUES (:local, :doc, :span_start, :span_end, :text, :form)");
  for (const Mention& m : facts.mentions) {
    if (m.entity < 0 || m.span.empty()) continue;
    ins_mention.reset();
    ins_mention.bind(":local", local_ids[static_cast<size_t>(m.entity)]).bind(":doc", doc_id).bind(":form", to_string(m.form));
    bind_span(ins_mention, cp, doc.text, m.span);
    ins_mention.run();
  }
  Stmt& ins_timex = db_.cached("insert_timex",
                               "INSERT INTO timex (document_id, span_start, span_end, text, type, value) "
                               "VALUES (:doc, :span_start, :span_end, :text, :type, :value)");
  for (const Timex& t : facts.timexes) {
    if (t.span.empty()) continue;
    ins_timex.reset();
    ins_timex.bind(":doc", doc_id).bind(":type", t.type).bind(":value", t.value);
    bind_span(ins_timex, cp, doc.text, t.span);
    ins_timex.run();
  }

  // Event mentions are written when the batch is resolved (pending_events.h).
  for (const EventMention& ev : facts.events) {
    if (ev.trigger.empty()) continue;
    PendingEvent e;
    e.document = doc_id;
    e.span_start = cp.at(ev.trigger.begin), e.span_end = cp.at(ev.trigger.end);
    e.text = ev.trigger.of(doc.text);
    e.kind = to_string(ev.kind), e.lemma = ev.lemma, e.date = ev.date, e.timex = timex_value(facts, ev.timex);
    e.place = local_of(ev.place), e.sentence = ev.sentence;
    for (const Participant& p : ev.participants)
      if (const int64_t local = local_of(p.mention)) e.participants.emplace_back(local, to_string(p.role));
    new_events_.push_back(pending_.add(std::move(e)));
  }

  Stmt& ins_cm = db_.cached("insert_claim_mention",
                            "INSERT INTO claim_mention (document_id, part_of, span_start, span_end, text, quoted, speaker_local_id, cue_start, cue_end, date, timex_value, sentence) "
                            "VALUES (:doc, :part_of, :span_start, :span_end, :text, :quoted, :speaker, :cue_start, :cue_end, :date, :timex, :sentence)");
  for (const ClaimMention& c : facts.claims) {
    if (c.content.empty()) continue;
    describe_claim(doc, c);
    // One evidence row per piece of the content (a quotation split by its cue
    // or continued over paragraphs has several); later pieces point at the first.
    int64_t first = 0;
    for (size_t i = 0; i <= c.more.size(); ++i) {
      const Span piece = i == 0 ? c.content : c.more[i - 1];
      if (piece.empty()) continue;
      ins_cm.reset();
      ins_cm.bind(":doc", doc_id).bind(":quoted", c.quoted ? 1 : 0).bind_or_null(":date", c.date).bind(":sentence", c.sentence)
          .bind_or_null(":timex", timex_value(facts, c.timex))
          .bind_or_null(":speaker", optional_id(local_of(c.speaker))).bind_or_null(":part_of", optional_id(first));
      if (c.cue.empty()) ins_cm.bind_null(":cue_start").bind_null(":cue_end");
      else ins_cm.bind(":cue_start", cp.at(c.cue.begin)).bind(":cue_end", cp.at(c.cue.end));
      bind_span(ins_cm, cp, doc.text, piece);
      ins_cm.run();
      if (!first) {
        first = db_.last_insert_id();
        new_claims_.push_back(first);
      }
    }
  }

  Stmt& ins_rm = db_.cached("insert_relation_mention",
                            "INSERT INTO relation_mention (document_id, subject_local_id, object_local_id, predicate, span_start, span_end, text) "
                            "VALUES (:doc, :subject, :object, :predicate, :span_start, :span_end, :text)");
  for (const RelationMention& r : facts.relations) {
    if (!local_of(r.subject) || !local_of(r.object) || r.evidence.empty() || local_of(r.subject) == local_of(r.object)) continue;
    ins_rm.reset();
    ins_rm.bind(":doc", doc_id).bind(":subject", local_of(r.subject)).bind(":object", local_of(r.object)).bind(":predicate", to_string(r.predicate));
    bind_span(ins_rm, cp, doc.text, r.evidence);
    ins_rm.run();
    new_relations_.push_back(db_.last_insert_id());
  }
  return outcome;
}

void Writer::resolve_relations(const std::vector<int64_t>& mentions) {
  for (const int64_t id : mentions) {
    Stmt& q = db_.cached("relation_mention_entities",
                         "SELECT rm.predicate, s.entity_id, o.entity_id FROM relation_mention rm "
                         "JOIN local_entity s ON s.id = rm.subject_local_id JOIN local_entity o ON o.id = rm.object_local_id WHERE rm.id = :id");
    q.bind(":id", id);
    if (!q.step()) continue;
    const std::string predicate = q.str(0);
    const int64_t subject = q.int64(1), object = q.int64(2);
    q.reset();
    if (subject == object) {
      db_.cached("unlink_relation_mention", "UPDATE relation_mention SET relation_id = NULL WHERE id = :id").bind(":id", id).run();
      continue;
    }
    const int64_t node = find_or_insert(db_, "relation", fmt::format("{}|{}|{}", subject, predicate, object),
                                        "INSERT INTO relation (key, subject_entity_id, predicate, object_entity_id) VALUES (:key, :subject, :predicate, :object)",
                                        [&](Stmt& s) { s.bind(":subject", subject).bind(":predicate", predicate).bind(":object", object); });
    db_.cached("link_relation_mention", "UPDATE relation_mention SET relation_id = :node WHERE id = :id").bind(":node", node).bind(":id", id).run();
  }
}

void Writer::describe_claim(const Document& doc, const ClaimMention& c) {
  // Its content as resolution reads it: the pieces in text order, joined by
  // spaces (ClaimResolver's row query).
  std::vector<Span> pieces{c.content};
  for (const Span& s : c.more)
    if (!s.empty()) pieces.push_back(s);
  std::sort(pieces.begin(), pieces.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::string content;
  for (const Span& s : pieces) {
    if (!content.empty()) content += ' ';
    content += s.of(doc.text);
  }
  if (auto [it, fresh] = claim_contents_.try_emplace(std::move(content)); fresh) it->second = ClaimResolver::describe(it->first);
}

void Writer::resolve_claims(const std::vector<int64_t>& mentions) {
  const ProfileScope phase("phase: resolve claims");
  const ClaimResolver::Changes changed = ClaimResolver(db_, &claim_contents_).resolve(mentions, forgotten_speakers_);
  claim_contents_.clear();
  forgotten_speakers_.clear();
  touched_claims_.insert(changed.stale.begin(), changed.stale.end());
  made_claims_.insert(changed.made.begin(), changed.made.end());
}

const resolve::StoryIndex& Writer::stories() {
  if (!stories_loaded_) {
    Stmt& q = db_.cached("document_texts", "SELECT id, text FROM document");
    while (q.step()) stories_.add(q.int64(0), resolve::story_words(q.text(1)));
    stories_loaded_ = true;
  }
  return stories_;
}

void Writer::resolve_events(const std::vector<int64_t>& mentions, const std::set<int64_t>& refresh, const std::vector<int64_t>* claims) {
  const ProfileScope phase("phase: resolve events");
  EventResolver events(db_, stories(), neighbours_, pending_);
  events.read_whole_tables(whole_);
  events.prepare(mentions, refresh);
  if (!claims) {
    events.judge();
  } else if (!judge_apart_) {
    resolve_claims(*claims);  // and finish() judges the events
  } else {
    // Judging reads only what prepare() read, claims share nothing with events
    // but the database, which judging does not use: the two run side by side
    // (the graph is the same as one after the other), and the writer then
    // takes its share of what judging has left.
    std::exception_ptr failed;
    std::thread judging([&] {
      try {
        events.judge();
      } catch (...) {
        failed = std::current_exception();
      }
    });
    try {
      resolve_claims(*claims);
      events.judge();
    } catch (...) {
      judging.join();
      throw;
    }
    judging.join();
    if (failed) std::rethrow_exception(failed);
  }
  if (claims) fault::point("writer.resolving");
  const EventResolver::Changes changed = events.finish();
  {
    const ProfileScope p("phase: write event mentions");
    pending_.flush();
  }
  touched_events_.insert(changed.stale.begin(), changed.stale.end());
  made_events_.insert(changed.made.begin(), changed.made.end());
  // Nodes whose mentions all moved to another node go.
  for (const int64_t id : changed.stale)
    db_.cached("delete_empty_event", "DELETE FROM event WHERE id = :id AND NOT EXISTS (SELECT 1 FROM event_mention WHERE event_id = :id)")
        .bind(":id", id).run();
}

std::vector<int64_t> Writer::infer_anchors() {
  const ProfileScope phase("phase: infer anchors");
  struct Reference {
    int64_t document;
    std::string day;
  };
  std::vector<Reference> found;
  std::set<int64_t> nodes = touched_events_;
  nodes.insert(made_events_.begin(), made_events_.end());
  // Only a node with a weekday reference of an undated article can date one:
  // when the batch's nodes are at least half of them, those are found in one
  // pass over the mentions (store::Reads), not by a query for each node.
  std::optional<std::unordered_set<int64_t>> referring;
  if (!nodes.empty() && whole_) {
    referring.emplace();
    Stmt& q = db_.cached("nodes_with_weekday_references", R"sql(
      SELECT DISTINCT em.event_id
        FROM event_mention em JOIN document d ON d.id = em.document_id
       WHERE em.event_id IS NOT NULL AND em.date IS NULL AND d.anchor IS NULL AND d.inferred_anchor IS NULL
         AND em.timex_value GLOB 'XXXX-WXX-[1-7]')sql");
    while (q.step()) referring->insert(q.int64(0));
  }
  for (const int64_t node : nodes) {
    if (referring && !referring->count(node)) continue;
    // A weekday ("on Sunday") of an undated article, on an event that other
    // mentions date to a day of that weekday.
    // The day most of the node's dated mentions give, then one row per undated
    // article and weekday (a long article may name "Monday" thousands of times).
    Stmt& best = db_.cached("event_node_day", R"sql(
      SELECT date FROM event_mention WHERE event_id = :node AND length(date) = 10
       GROUP BY date ORDER BY count(*) DESC, date LIMIT 1)sql");
    best.bind(":node", node);
    if (!best.step()) continue;
    const std::string day = best.str(0);
    best.reset();
    Stmt& q = db_.cached("weekday_references", R"sql(
      SELECT DISTINCT em.document_id, em.timex_value
        FROM event_mention em JOIN document d ON d.id = em.document_id
       WHERE em.event_id = :node AND em.date IS NULL AND d.anchor IS NULL AND d.inferred_anchor IS NULL
         AND em.timex_value GLOB 'XXXX-WXX-[1-7]')sql");
    q.bind(":node", node);
    while (q.step())
      if (resolve::weekday_of(day) == q.text(1).back() - '0') found.push_back({q.int64(0), day});
  }
  std::vector<int64_t> redated;
  for (const Reference& r : found) {
    Stmt& set = db_.cached("set_inferred_anchor", "UPDATE document SET inferred_anchor = :day WHERE id = :doc AND inferred_anchor IS NULL");
    set.bind(":day", r.day).bind(":doc", r.document).run();
    if (db_.changes() == 0) continue;  // an earlier reference of the same article won
    for (const char* table : {"event_mention", "claim_mention"}) {
      const std::string name = fmt::format("weekdays_of_{}", table);
      Stmt& rows = db_.cached(name.c_str(), fmt::format("SELECT id, timex_value FROM {} WHERE document_id = :doc AND date IS NULL "
                                                        "AND timex_value GLOB 'XXXX-WXX-[1-7]'", table));
      rows.bind(":doc", r.document);
      std::vector<std::pair<int64_t, std::string>> dated;
      while (rows.step()) dated.emplace_back(rows.int64(0), resolve::nearest_weekday(r.day, rows.text(1).back() - '0'));
      const std::string update = fmt::format("date_{}", table);
      for (const auto& [id, day] : dated) {
        db_.cached(update.c_str(), fmt::format("UPDATE {} SET date = :day WHERE id = :id", table)).bind(":day", day).bind(":id", id).run();
        if (std::string_view(table) == "event_mention") redated.push_back(id);
        else touched_claim_mentions(id);
      }
    }
  }
  return redated;
}

bool Writer::whole_tables() {
  if (reads_ != Reads::by_size) return reads_ == Reads::all;
  return batch_documents_ > 0 &&
         batch_documents_ * 2 >= static_cast<size_t>(db_.scalar("SELECT count(*) FROM document", "count_documents").value_or(0));
}

void Writer::touched_claim_mentions(int64_t mention) {
  Stmt& q = db_.cached("claim_of_mention", "SELECT claim_id FROM claim_mention WHERE id = :id");
  q.bind(":id", mention);
  if (q.step() && !q.is_null(0)) touched_claims_.insert(q.int64(0));
}

void Writer::finish_batch() {
  const ProfileScope phase("phase: resolve");
  whole_ = whole_tables();
  const EntityResolver::Settled settled = [&] {
    const ProfileScope p("phase: resolve entities");
    return entities_.settle(whole_);
  }();
  touched_entities_.insert(settled.entities.begin(), settled.entities.end());
  // Mentions whose entities moved get their nodes again, with the new batch's.
  std::vector<int64_t> relations = ids_for(db_, "relations_of_local",
                                           "SELECT id FROM relation_mention WHERE subject_local_id = :id UNION SELECT id FROM relation_mention WHERE object_local_id = :id",
                                           settled.locals);
  std::vector<int64_t> claims = ids_for(db_, "claims_of_local", "SELECT id FROM claim_mention WHERE speaker_local_id = :id AND part_of IS NULL",
                                        settled.locals);
  // A moved entity changes its events and also how its document's story
  // compares with others: every event of the document is judged again.
  std::vector<int64_t> events = ids_for(db_, "events_of_local_document",
                                        "SELECT em.id FROM local_entity l JOIN event_mention em ON em.document_id = l.document_id WHERE l.id = :id",
                                        settled.locals);
  std::sort(events.begin(), events.end());
  events.erase(std::unique(events.begin(), events.end()), events.end());
  // Of these, the mentions whose participants or place moved need new labels
  // even where their node stays the same.
  const std::vector<int64_t> moved_events = ids_for(db_, "events_of_local",
                                                    "SELECT event_mention_id FROM event_participant WHERE local_entity_id = :id "
                                                    "UNION SELECT id FROM event_mention WHERE place_local_id = :id",
                                                    settled.locals);
  for (auto* v : {&relations, &claims, &events}) std::sort(v->begin(), v->end());
  relations.insert(relations.end(), new_relations_.begin(), new_relations_.end());
  claims.insert(claims.end(), new_claims_.begin(), new_claims_.end());
  events.insert(events.end(), new_events_.begin(), new_events_.end());
  new_relations_.clear();
  new_claims_.clear();
  new_events_.clear();
  {
    const ProfileScope p("phase: resolve relations");
    resolve_relations(relations);
  }
  resolve_events(events, {moved_events.begin(), moved_events.end()}, &claims);
  // Undated articles learn their week from an event they share with dated ones;
  // the events they date that way are resolved once more.
  if (const std::vector<int64_t> redated = infer_anchors(); !redated.empty()) resolve_events(redated, {redated.begin(), redated.end()});
  const bool moved = !settled.locals.empty();
  if (replaced_ || moved) {
    db_.exec(R"sql(
      DELETE FROM relation WHERE NOT EXISTS (SELECT 1 FROM relation_mention rm WHERE rm.relation_id = relation.id);
      DELETE FROM claim WHERE NOT EXISTS (SELECT 1 FROM claim_mention cm WHERE cm.claim_id = claim.id);
      DELETE FROM event WHERE NOT EXISTS (SELECT 1 FROM event_mention em WHERE em.event_id = event.id);
    )sql", "delete_orphan_nodes");
  }
  for (const int64_t id : touched_entities_)
    db_.cached("delete_orphan_entity", "DELETE FROM entity WHERE id = :id AND NOT EXISTS (SELECT 1 FROM local_entity l WHERE l.entity_id = :id)")
        .bind(":id", id).run();
  replaced_ = false;
  refresh_nodes();
  search_.close();
  unindexed_documents_ = 0;
  batch_documents_ = 0;
  neighbours_.clear();
}

std::optional<std::pair<std::string, std::string>> Writer::entity_name_now(int64_t id, std::string_view key) {
  std::vector<LocalName> locals;
  Stmt& q = db_.cached("locals_of_entity", "SELECT name, kind, document_id FROM local_entity WHERE entity_id = :id");
  q.bind(":id", id);
  while (q.step()) locals.push_back({q.str(0), q.str(1), q.int64(2)});
  return entity_name_now(locals, key);
}

std::optional<std::pair<std::string, std::string>> Writer::entity_name_now(const std::vector<LocalName>& locals, std::string_view key) {
  // Canonical name: the fullest name form (most words), then the one in most
  // documents, then the first in byte order. Kind: a location's key says so;
  // else the kind other than `other` in most documents, then with most local
  // entities, then the first in byte order.
  if (locals.empty()) return std::nullopt;
  // The distinct values of one field, in byte order, with the documents and
  // local entities that have them.
  struct Seen {
    const std::string* value;
    size_t documents, locals;
  };
  const auto tally = [&](std::string LocalName::*field) {
    std::vector<const LocalName*> sorted;
    for (const LocalName& l : locals) sorted.push_back(&l);
    std::sort(sorted.begin(), sorted.end(), [&](const LocalName* a, const LocalName* b) {
      return std::tie(a->*field, a->document) < std::tie(b->*field, b->document);
    });
    std::vector<Seen> out;
    for (size_t i = 0; i < sorted.size(); ++i) {
      const bool same_value = i > 0 && sorted[i]->*field == sorted[i - 1]->*field;
      if (!same_value) out.push_back({&(sorted[i]->*field), 0, 0});
      out.back().documents += !same_value || sorted[i]->document != sorted[i - 1]->document;
      ++out.back().locals;
    }
    return out;
  };
  const auto words = [](const std::string& n) { return std::count(n.begin(), n.end(), ' '); };
  // In byte order, so the first best one wins ties.
  const std::vector<Seen> names = tally(&LocalName::name), kinds = tally(&LocalName::kind);
  const Seen* name = nullptr;
  for (const Seen& n : names)
    if (!name || std::pair(words(*n.value), n.documents) > std::pair(words(*name->value), name->documents)) name = &n;
  // SQLite's LIKE: ASCII letters in either case.
  const auto location_key = [&] {
    constexpr std::string_view prefix = "location:";
    if (key.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(key[i])) != prefix[i]) return false;
    return true;
  };
  if (location_key()) return std::pair(*name->value, std::string("location"));
  const Seen* kind = nullptr;
  for (const Seen& k : kinds)
    if (!kind || std::tuple(*k.value != "other", k.documents, k.locals) > std::tuple(*kind->value != "other", kind->documents, kind->locals))
      kind = &k;
  return std::pair(*name->value, *kind->value);
}

void Writer::refresh_nodes() {
  const ProfileScope phase("phase: refresh nodes");
  // Canonical name: the fullest name form seen (most words, then most documents).
  // Events naming an entity whose name changed get new labels.
  std::set<int64_t> renamed;
  // The touched entities and their local entities, from whole tables when the
  // batch's documents are at least half of those stored (whole_).
  struct Named {
    std::string name, kind, key;
  };
  std::optional<std::unordered_map<int64_t, Named>> all_entities;
  std::unordered_map<int64_t, std::vector<LocalName>> all_locals;
  if (!touched_entities_.empty() && whole_) {
    all_entities.emplace();
    Stmt& e = db_.cached("all_entity_names", "SELECT id, name, kind, key FROM entity");
    while (e.step()) all_entities->emplace(e.int64(0), Named{e.str(1), e.str(2), e.str(3)});
    Stmt& l = db_.cached("all_local_names", "SELECT entity_id, name, kind, document_id FROM local_entity");
    while (l.step()) all_locals[l.int64(0)].push_back({l.str(1), l.str(2), l.int64(3)});
  }
  for (const int64_t id : touched_entities_) {
    std::string old_name, old_kind, key;
    if (all_entities) {
      const auto found = all_entities->find(id);
      if (found == all_entities->end()) continue;  // gone
      old_name = found->second.name, old_kind = found->second.kind, key = found->second.key;
    } else {
      Stmt& e = db_.cached("entity_naming", "SELECT name, kind, key FROM entity WHERE id = :id");
      e.bind(":id", id);
      if (!e.step()) continue;  // gone
      old_name = e.str(0), old_kind = e.str(1), key = e.str(2);
      e.reset();
    }
    const std::optional<std::pair<std::string, std::string>> now =
        all_entities ? entity_name_now(all_locals[id], key) : entity_name_now(id, key);
    if (!now) continue;  // left without local entities
    const auto& [name, kind] = *now;
    if (name == old_name && kind == old_kind) continue;
    if (name != old_name) renamed.insert(id);
    db_.cached("update_entity_name", "UPDATE entity SET name = :name, kind = :kind WHERE id = :id")
        .bind(":name", name).bind(":kind", kind).bind(":id", id).run();
  }
  touched_entities_.clear();
  for (const int64_t id : ids_for(db_, "events_of_entity",
                                  "SELECT DISTINCT em.event_id FROM local_entity l JOIN event_participant p ON p.local_entity_id = l.id "
                                  "JOIN event_mention em ON em.id = p.event_mention_id WHERE l.entity_id = :id AND em.event_id IS NOT NULL "
                                  "UNION SELECT id FROM event WHERE place_entity_id = :id",
                                  renamed))
    touched_events_.insert(id);
  for (const int64_t id : touched_claims_) {
    db_.cached("update_claim", R"sql(
      UPDATE claim SET
        speaker_entity_id = (SELECT l.entity_id FROM claim_mention cm JOIN local_entity l ON l.id = cm.speaker_local_id
                              WHERE cm.claim_id = :id GROUP BY l.entity_id ORDER BY count(*) DESC, l.entity_id LIMIT 1),
        quoted = (SELECT max(quoted) FROM claim_mention WHERE claim_id = :id),
        date = (SELECT min(date) FROM claim_mention WHERE claim_id = :id)
      WHERE id = :id)sql").bind(":id", id).run();
  }
  ClaimResolver(db_).link(touched_claims_, made_claims_);
  touched_claims_.clear();
  made_claims_.clear();
  for (const int64_t id : touched_events_) {
    std::vector<resolve::NodeMention> mentions;
    Stmt& rows = db_.cached("event_node_mentions", R"sql(
      SELECT em.kind, em.lemma, coalesce(em.date, ''), coalesce(l.entity_id, 0) FROM event_mention em
        LEFT JOIN local_entity l ON l.id = em.place_local_id WHERE em.event_id = :id)sql");
    rows.bind(":id", id);
    while (rows.step()) mentions.push_back({rows.str(0), rows.str(1), rows.str(2), rows.int64(3)});
    if (mentions.empty()) continue;
    std::vector<resolve::NodeParticipant> participants;
    Stmt& parts = db_.cached("event_node_participants", R"sql(
      SELECT l.entity_id, p.role = 'agent', e.name FROM event_mention em
        JOIN event_participant p ON p.event_mention_id = em.id JOIN local_entity l ON l.id = p.local_entity_id
        JOIN entity e ON e.id = l.entity_id
       WHERE em.event_id = :id)sql");
    parts.bind(":id", id);
    while (parts.step()) participants.push_back({parts.int64(0), parts.int64(1) != 0, parts.str(2)});
    const resolve::NodeSummary node = resolve::summarise_node(mentions, participants);
    std::string place_name;
    if (node.place) {
      Stmt& pn = db_.cached("entity_name", "SELECT name FROM entity WHERE id = :id");
      pn.bind(":id", node.place);
      if (pn.step()) place_name = pn.str(0);
      pn.reset();
    }
    const std::string label = resolve::node_label(node, place_name);
    db_.cached("update_event", "UPDATE event SET kind = :kind, label = :label, date = :date, place_entity_id = :place WHERE id = :id")
        .bind(":kind", node.kind).bind(":label", label).bind_or_null(":date", node.date)
        .bind_or_null(":place", optional_id(node.place)).bind(":id", id).run();
  }
  touched_events_.clear();
  made_events_.clear();
}

}  // namespace chronicle::store
