// JSON Lines form of per-document facts (see facts_json.h).
#include "common/facts_json.h"

#include <fmt/format.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "common/utf8.h"

namespace chronicle {

namespace {

using json = nlohmann::ordered_json;

std::string_view format_name(Format f) {
  switch (f) {
    case Format::html: return "html";
    case Format::jsonl: return "jsonl";
    case Format::facts: return "facts";
    default: return "text";
  }
}

Format format_from(std::string_view s) {
  if (s == "html") return Format::html;
  if (s == "jsonl") return Format::jsonl;
  return Format::text;
}

void put_span(json& j, const utf8::CodePoints& cp, std::string_view text, Span s) {
  j["start"] = cp.at(s.begin);
  j["end"] = cp.at(s.end);
  j["text"] = std::string(s.of(text));
}

[[noreturn]] void bad(const std::string& what) { throw std::invalid_argument(what); }

// An integer field, or `fallback` when absent. JSON numbers that are not
// integers in [lo, hi] are refused: converting 1e300 to an integer is undefined.
int64_t get_int(const json& j, const char* key, int64_t fallback, int64_t lo, int64_t hi) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  int64_t v = 0;
  if (it->is_number_unsigned()) {
    const uint64_t u = it->get<uint64_t>();
    if (u > static_cast<uint64_t>(hi)) bad(fmt::format("\"{}\" {} out of range", key, u));
    v = static_cast<int64_t>(u);
  } else if (it->is_number_integer()) {
    v = it->get<int64_t>();
  } else {
    bad(fmt::format("\"{}\" is not an integer", key));
  }
  if (v < lo || v > hi) bad(fmt::format("\"{}\" {} out of range", key, v));
  return v;
}

// Reads a code-point span from j and returns it as bytes into text.
Span get_span(const json& j, const utf8::CodePoints& cp, uint32_t cps, const char* start_key = "start", const char* end_key = "end") {
  if (!j.contains(start_key) || !j.contains(end_key)) bad(fmt::format("missing \"{}\"/\"{}\"", start_key, end_key));
  const int64_t b = get_int(j, start_key, 0, INT64_MIN, INT64_MAX), e = get_int(j, end_key, 0, INT64_MIN, INT64_MAX);
  if (b < 0 || e < b || e > cps) bad(fmt::format("span [{}, {}) outside the text ({} code points)", b, e, cps));
  return Span{cp.byte_of(static_cast<uint32_t>(b)), cp.byte_of(static_cast<uint32_t>(e))};
}

int32_t get_index(const json& j, const char* key, size_t size) {
  if (!j.contains(key) || j.at(key).is_null()) return -1;
  const int64_t i = get_int(j, key, -1, INT64_MIN, INT64_MAX);
  if (i < -1 || i >= static_cast<int64_t>(size)) bad(fmt::format("\"{}\" {} out of range", key, i));
  return static_cast<int32_t>(i);
}

template <typename E>
E get_enum(const json& j, const char* key, std::optional<E> (*from)(std::string_view)) {
  const std::string s = j.value(key, "");
  auto v = from(s);
  if (!v) bad(fmt::format("unknown {} '{}'", key, s));
  return *v;
}

}  // namespace

std::string facts_to_json(const Document& doc, const DocumentFacts& f, std::string_view extractor) {
  const utf8::CodePoints cp(doc.text);
  json j;
  j["version"] = kFactsFormatVersion;
  j["extractor"] = std::string(extractor);
  j["uri"] = doc.uri;
  j["title"] = doc.title;
  j["source"] = doc.source;
  j["published"] = doc.published;
  j["anchor"] = doc.anchor;
  j["dateline"] = doc.dateline;
  j["format"] = std::string(format_name(doc.format));
  j["text"] = doc.text;
  j["entities"] = json::array();
  for (const LocalEntity& e : f.entities) j["entities"].push_back({{"kind", to_string(e.kind)}, {"name", e.name}});
  j["mentions"] = json::array();
  for (const Mention& m : f.mentions) {
    json x;
    put_span(x, cp, doc.text, m.span);
    x["kind"] = to_string(m.kind);
    x["form"] = to_string(m.form);
    x["entity"] = m.entity;
    j["mentions"].push_back(std::move(x));
  }
  j["timexes"] = json::array();
  for (const Timex& t : f.timexes) {
    json x;
    put_span(x, cp, doc.text, t.span);
    x["type"] = t.type;
    x["value"] = t.value;
    j["timexes"].push_back(std::move(x));
  }
  j["events"] = json::array();
  for (const EventMention& e : f.events) {
    json x;
    put_span(x, cp, doc.text, e.trigger);
    x["kind"] = to_string(e.kind);
    x["lemma"] = e.lemma;
    x["date"] = e.date;
    x["place"] = e.place;
    x["timex"] = e.timex;
    x["sentence"] = e.sentence;
    x["participants"] = json::array();
    for (const Participant& p : e.participants) x["participants"].push_back({{"mention", p.mention}, {"role", to_string(p.role)}});
    j["events"].push_back(std::move(x));
  }
  j["claims"] = json::array();
  for (const ClaimMention& c : f.claims) {
    json x;
    put_span(x, cp, doc.text, c.content);
    x["more"] = json::array();
    for (const Span& piece : c.more) x["more"].push_back({{"start", cp.at(piece.begin)}, {"end", cp.at(piece.end)}});
    x["cue_start"] = cp.at(c.cue.begin);
    x["cue_end"] = cp.at(c.cue.end);
    x["speaker"] = c.speaker;
    x["quoted"] = c.quoted;
    x["date"] = c.date;
    x["timex"] = c.timex;
    x["sentence"] = c.sentence;
    j["claims"].push_back(std::move(x));
  }
  j["relations"] = json::array();
  for (const RelationMention& r : f.relations) {
    json x;
    put_span(x, cp, doc.text, r.evidence);
    x["subject"] = r.subject;
    x["predicate"] = to_string(r.predicate);
    x["object"] = r.object;
    j["relations"].push_back(std::move(x));
  }
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

FactsLine facts_from_json(std::string_view line) {
  json j;
  try {
    j = json::parse(line);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for a number too large
    bad(fmt::format("broken JSON line: {}", e.what()));
  }
  try {
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) bad("facts line has no \"text\" string");
    const int64_t version = get_int(j, "version", 0, INT64_MIN, INT64_MAX);
    if (version != kFactsFormatVersion) bad(fmt::format("facts format version {} (this chronicle reads {})", version, kFactsFormatVersion));
    FactsLine out;
    Document& d = out.doc;
    d.text = j["text"].get<std::string>();
    if (utf8::first_invalid(d.text)) bad("text is not valid UTF-8");
    utf8::replace_nul(d.text);  // as the readers do; code-point spans stay valid
    d.uri = j.value("uri", "");
    d.title = j.value("title", "");
    d.source = j.value("source", "");
    d.published = j.value("published", "");
    d.anchor = j.value("anchor", "");
    d.dateline = j.value("dateline", "");
    d.format = format_from(j.value("format", "text"));
    if (d.uri.empty()) bad("facts line has no \"uri\"");
    for (std::string* field : {&d.uri, &d.title, &d.source, &d.published, &d.anchor, &d.dateline}) utf8::replace_nul(*field);
    const utf8::CodePoints cp(d.text);
    const auto cps = static_cast<uint32_t>(utf8::count(d.text));
    DocumentFacts& f = out.facts;
    f.anchor = d.anchor;
    for (const auto& e : j.value("entities", json::array()))
      f.entities.push_back(LocalEntity{get_enum<EntityKind>(e, "kind", entity_kind_from), e.value("name", "")});
    for (const auto& m : j.value("mentions", json::array()))
      f.mentions.push_back(Mention{get_span(m, cp, cps), get_enum<EntityKind>(m, "kind", entity_kind_from),
                                   get_enum<MentionForm>(m, "form", mention_form_from), get_index(m, "entity", f.entities.size())});
    for (const auto& t : j.value("timexes", json::array()))
      f.timexes.push_back(Timex{get_span(t, cp, cps), t.value("type", "DATE"), t.value("value", "")});
    for (const auto& e : j.value("events", json::array())) {
      EventMention ev;
      ev.trigger = get_span(e, cp, cps);
      ev.kind = get_enum<EventKind>(e, "kind", event_kind_from);
      ev.lemma = e.value("lemma", "");
      ev.date = e.value("date", "");
      ev.place = get_index(e, "place", f.mentions.size());
      ev.timex = get_index(e, "timex", f.timexes.size());
      ev.sentence = static_cast<uint32_t>(get_int(e, "sentence", 0, 0, UINT32_MAX));
      for (const auto& p : e.value("participants", json::array()))
        ev.participants.push_back(Participant{get_index(p, "mention", f.mentions.size()), get_enum<Role>(p, "role", role_from)});
      f.events.push_back(std::move(ev));
    }
    for (const auto& c : j.value("claims", json::array())) {
      ClaimMention cm;
      cm.content = get_span(c, cp, cps);
      for (const auto& piece : c.value("more", json::array())) cm.more.push_back(get_span(piece, cp, cps));
      cm.cue = get_span(c, cp, cps, "cue_start", "cue_end");
      cm.speaker = get_index(c, "speaker", f.mentions.size());
      cm.quoted = c.value("quoted", false);
      cm.date = c.value("date", "");
      cm.sentence = static_cast<uint32_t>(get_int(c, "sentence", 0, 0, UINT32_MAX));
      f.claims.push_back(std::move(cm));
    }
    for (const auto& r : j.value("relations", json::array()))
      f.relations.push_back(RelationMention{get_index(r, "subject", f.mentions.size()), get_enum<Predicate>(r, "predicate", predicate_from),
                                            get_index(r, "object", f.mentions.size()), get_span(r, cp, cps)});
    return out;
  } catch (const json::exception& e) {
    bad(fmt::format("malformed facts line: {}", e.what()));
  }
}

}  // namespace chronicle
