// Storing one document's facts (see writer.h).
#include "store/writer.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>

#include "common/utf8.h"
#include "extract/pipeline.h"
#include "resolve/keys.h"

namespace chronicle::store {

namespace {

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

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
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

int64_t Writer::node_id(const char* table, const std::string& key, const std::function<void(Stmt&)>& bind_insert) {
  const std::string find_name = fmt::format("find_{}", table);
  Stmt& find = db_.cached(find_name.c_str(), fmt::format("SELECT id FROM {} WHERE key = :key", table));
  find.bind(":key", key);
  if (find.step()) return find.int64(0);
  const std::string insert_name = fmt::format("insert_{}", table);
  Stmt* insert = nullptr;
  if (std::string_view(table) == "event")
    insert = &db_.cached("insert_event", "INSERT INTO event (key, kind, label, date, place_entity_id) VALUES (:key, :kind, :label, :date, :place)");
  else if (std::string_view(table) == "claim")
    insert = &db_.cached("insert_claim", "INSERT INTO claim (key, speaker_entity_id, content, quoted, date) VALUES (:key, :speaker, :content, :quoted, :date)");
  else
    insert = &db_.cached("insert_relation", "INSERT INTO relation (key, subject_entity_id, predicate, object_entity_id) VALUES (:key, :subject, :predicate, :object)");
  insert->bind(":key", key);
  bind_insert(*insert);
  insert->run();
  return db_.last_insert_id();
}

int64_t Writer::entity_id(EntityKind kind, const std::string& name, std::string& key) {
  key = resolve::entity_key(kind, name);
  if (key.starts_with("location:")) kind = EntityKind::location;
  Stmt& find = db_.cached("find_entity", "SELECT id FROM entity WHERE key = :key");
  find.bind(":key", key);
  if (find.step()) return find.int64(0);
  Stmt& insert = db_.cached("insert_entity", "INSERT INTO entity (kind, key, name) VALUES (:kind, :key, :name)");
  insert.bind(":kind", to_string(kind)).bind(":key", key).bind(":name", name).run();
  return db_.last_insert_id();
}

Outcome Writer::store(const Document& doc, const DocumentFacts& facts) {
  touched_ = true;
  const std::string hash = content_hash(doc);
  Outcome outcome = Outcome::added;
  Stmt& existing = db_.cached("find_document", "SELECT id, content_hash FROM document WHERE uri = :uri");
  existing.bind(":uri", doc.uri);
  if (existing.step()) {
    if (existing.text(1) == hash) return Outcome::unchanged;
    const int64_t old = existing.int64(0);
    existing.reset();
    db_.cached("delete_document", "DELETE FROM document WHERE id = :id").bind(":id", old).run();
    outcome = Outcome::replaced;
  }
  Stmt& ins = db_.cached("insert_document",
                         "INSERT INTO document (uri, title, source, published, anchor, dateline, format, content_hash, text) "
                         "VALUES (:uri, :title, :source, :published, :anchor, :dateline, :format, :hash, :text)");
  ins.bind(":uri", doc.uri).bind_or_null(":title", doc.title).bind_or_null(":source", doc.source)
      .bind_or_null(":published", doc.published).bind_or_null(":anchor", doc.anchor).bind_or_null(":dateline", doc.dateline)
      .bind(":format", format_name(doc.format)).bind(":hash", hash).bind(":text", doc.text).run();
  const int64_t doc_id = db_.last_insert_id();
  const utf8::CodePoints cp(doc.text);

  // Entities: one local_entity per in-document chain, linked to its entity node.
  std::vector<int64_t> local_ids(facts.entities.size()), global_ids(facts.entities.size());
  std::vector<std::string> keys(facts.entities.size());
  Stmt& ins_local = db_.cached("insert_local_entity",
                               "INSERT INTO local_entity (document_id, entity_id, kind, name, key) VALUES (:doc, :entity, :kind, :name, :key)");
  for (size_t i = 0; i < facts.entities.size(); ++i) {
    const LocalEntity& le = facts.entities[i];
    global_ids[i] = entity_id(le.kind, le.name, keys[i]);
    touched_entities_.push_back(global_ids[i]);
    ins_local.reset();
    ins_local.bind(":doc", doc_id).bind(":entity", global_ids[i]).bind(":kind", to_string(le.kind)).bind(":name", le.name).bind(":key", keys[i]).run();
    local_ids[i] = db_.last_insert_id();
  }
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
  auto local_of = [&](int32_t mention) -> int64_t {
    const int32_t e = facts.entity_of(mention);
    return e >= 0 ? local_ids[static_cast<size_t>(e)] : 0;
  };
  auto global_of = [&](int32_t mention) -> int64_t {
    const int32_t e = facts.entity_of(mention);
    return e >= 0 ? global_ids[static_cast<size_t>(e)] : 0;
  };
  auto key_of = [&](int32_t mention) -> std::string {
    const int32_t e = facts.entity_of(mention);
    return e >= 0 ? keys[static_cast<size_t>(e)] : std::string();
  };
  auto name_of = [&](int32_t mention) -> std::string {
    const int32_t e = facts.entity_of(mention);
    return e >= 0 ? facts.entities[static_cast<size_t>(e)].name : std::string();
  };

  // Events: a node per (kind, date, agents) for dated events; undated mentions
  // stay their own node until resolution merges them.
  Stmt& ins_em = db_.cached("insert_event_mention",
                            "INSERT INTO event_mention (event_id, document_id, span_start, span_end, text, kind, lemma, date, place_local_id, sentence) "
                            "VALUES (:event, :doc, :span_start, :span_end, :text, :kind, :lemma, :date, :place, :sentence)");
  Stmt& ins_part = db_.cached("insert_event_participant",
                              "INSERT OR IGNORE INTO event_participant (event_mention_id, local_entity_id, role) VALUES (:mention, :local, :role)");
  for (size_t i = 0; i < facts.events.size(); ++i) {
    const EventMention& ev = facts.events[i];
    if (ev.trigger.empty()) continue;
    std::vector<std::string> agent_keys, names;
    for (const Participant& p : ev.participants) {
      if (facts.entity_of(p.mention) < 0) continue;
      if (p.role == Role::agent) agent_keys.push_back(key_of(p.mention));
      names.push_back(name_of(p.mention));
    }
    std::sort(agent_keys.begin(), agent_keys.end());
    std::string key = ev.date.empty() ? fmt::format("doc:{}:{}", doc_id, i)
                                      : fmt::format("{}|{}|{}", to_string(ev.kind), ev.date, join_names(agent_keys));
    std::string label = names.empty() ? ev.lemma : fmt::format("{} {}", join_names(names), ev.lemma);
    if (ev.place >= 0 && facts.entity_of(ev.place) >= 0) label += " in " + name_of(ev.place);
    const int64_t event_id = node_id("event", key, [&](Stmt& s) {
      s.bind(":kind", to_string(ev.kind)).bind(":label", label).bind_or_null(":date", ev.date);
      s.bind_or_null(":place", ev.place >= 0 && global_of(ev.place) ? std::optional<int64_t>(global_of(ev.place)) : std::nullopt);
    });
    ins_em.reset();
    ins_em.bind(":event", event_id).bind(":doc", doc_id).bind(":kind", to_string(ev.kind)).bind(":lemma", ev.lemma)
        .bind_or_null(":date", ev.date).bind(":sentence", ev.sentence)
        .bind_or_null(":place", local_of(ev.place) ? std::optional<int64_t>(local_of(ev.place)) : std::nullopt);
    bind_span(ins_em, cp, doc.text, ev.trigger);
    ins_em.run();
    const int64_t em_id = db_.last_insert_id();
    for (const Participant& p : ev.participants) {
      if (!local_of(p.mention)) continue;
      ins_part.reset();
      ins_part.bind(":mention", em_id).bind(":local", local_of(p.mention)).bind(":role", to_string(p.role)).run();
    }
  }

  // Claims: one node per speaker and content.
  Stmt& ins_cm = db_.cached("insert_claim_mention",
                            "INSERT INTO claim_mention (claim_id, document_id, span_start, span_end, text, quoted, speaker_local_id, cue_start, cue_end, date, sentence) "
                            "VALUES (:claim, :doc, :span_start, :span_end, :text, :quoted, :speaker, :cue_start, :cue_end, :date, :sentence)");
  for (const ClaimMention& c : facts.claims) {
    if (c.content.empty()) continue;
    std::string content(c.content.of(doc.text));
    for (const Span& piece : c.more) content.append(" ").append(piece.of(doc.text));
    const std::string key = fmt::format("{}|{}", key_of(c.speaker), hex128(XXH3_128bits(utf8::fold(content).data(), utf8::fold(content).size())));
    const int64_t claim_id = node_id("claim", key, [&](Stmt& s) {
      s.bind_or_null(":speaker", global_of(c.speaker) ? std::optional<int64_t>(global_of(c.speaker)) : std::nullopt)
          .bind(":content", content).bind(":quoted", c.quoted ? 1 : 0).bind_or_null(":date", c.date);
    });
    // One evidence row per piece of the content (a quotation split by its cue
    // or continued over paragraphs has several).
    for (size_t i = 0; i <= c.more.size(); ++i) {
      const Span piece = i == 0 ? c.content : c.more[i - 1];
      if (piece.empty()) continue;
      ins_cm.reset();
      ins_cm.bind(":claim", claim_id).bind(":doc", doc_id).bind(":quoted", c.quoted ? 1 : 0).bind_or_null(":date", c.date)
          .bind(":sentence", c.sentence)
          .bind_or_null(":speaker", local_of(c.speaker) ? std::optional<int64_t>(local_of(c.speaker)) : std::nullopt);
      if (c.cue.empty()) ins_cm.bind_null(":cue_start").bind_null(":cue_end");
      else ins_cm.bind(":cue_start", cp.at(c.cue.begin)).bind(":cue_end", cp.at(c.cue.end));
      bind_span(ins_cm, cp, doc.text, piece);
      ins_cm.run();
    }
  }

  // Relations: one node per (subject, predicate, object).
  Stmt& ins_rm = db_.cached("insert_relation_mention",
                            "INSERT INTO relation_mention (relation_id, document_id, subject_local_id, object_local_id, span_start, span_end, text) "
                            "VALUES (:relation, :doc, :subject, :object, :span_start, :span_end, :text)");
  for (const RelationMention& r : facts.relations) {
    if (!global_of(r.subject) || !global_of(r.object) || r.evidence.empty() || global_of(r.subject) == global_of(r.object)) continue;
    const std::string key = fmt::format("{}|{}|{}", key_of(r.subject), to_string(r.predicate), key_of(r.object));
    const int64_t rel_id = node_id("relation", key, [&](Stmt& s) {
      s.bind(":subject", global_of(r.subject)).bind(":predicate", to_string(r.predicate)).bind(":object", global_of(r.object));
    });
    ins_rm.reset();
    ins_rm.bind(":relation", rel_id).bind(":doc", doc_id).bind(":subject", local_of(r.subject)).bind(":object", local_of(r.object));
    bind_span(ins_rm, cp, doc.text, r.evidence);
    ins_rm.run();
  }
  return outcome;
}

void Writer::finish_batch() {
  if (!touched_) return;
  touched_ = false;
  db_.exec(R"sql(
    DELETE FROM event WHERE NOT EXISTS (SELECT 1 FROM event_mention em WHERE em.event_id = event.id);
    DELETE FROM claim_link WHERE claim_id IN (SELECT id FROM claim WHERE NOT EXISTS (SELECT 1 FROM claim_mention cm WHERE cm.claim_id = claim.id));
    DELETE FROM claim WHERE NOT EXISTS (SELECT 1 FROM claim_mention cm WHERE cm.claim_id = claim.id);
    DELETE FROM relation WHERE NOT EXISTS (SELECT 1 FROM relation_mention rm WHERE rm.relation_id = relation.id);
    UPDATE event SET place_entity_id = NULL WHERE place_entity_id IN (SELECT id FROM entity WHERE NOT EXISTS (SELECT 1 FROM local_entity l WHERE l.entity_id = entity.id));
    UPDATE claim SET speaker_entity_id = NULL WHERE speaker_entity_id IN (SELECT id FROM entity WHERE NOT EXISTS (SELECT 1 FROM local_entity l WHERE l.entity_id = entity.id));
    DELETE FROM entity WHERE NOT EXISTS (SELECT 1 FROM local_entity l WHERE l.entity_id = entity.id);
  )sql", "finish_batch_cleanup");
  // Canonical name: the fullest name form seen (most words, then most documents).
  std::sort(touched_entities_.begin(), touched_entities_.end());
  touched_entities_.erase(std::unique(touched_entities_.begin(), touched_entities_.end()), touched_entities_.end());
  for (const int64_t id : touched_entities_) {
    Stmt& name = db_.cached("update_entity_name", R"sql(
      UPDATE entity SET name = (
        SELECT l.name FROM local_entity l WHERE l.entity_id = :id
         GROUP BY l.name
         ORDER BY length(l.name) - length(replace(l.name, ' ', '')) DESC, count(DISTINCT l.document_id) DESC, l.name
         LIMIT 1)
      WHERE id = :id AND EXISTS (SELECT 1 FROM local_entity l WHERE l.entity_id = :id))sql");
    name.bind(":id", id).run();
  }
  touched_entities_.clear();
}

}  // namespace chronicle::store
