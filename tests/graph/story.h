// Test fixture: a small story database built through store::Writer from
// hand-made DocumentFacts over short texts written for these tests, so the
// query side has real events, claims, relations and evidence to work on.
// Spans are given as the n-th occurrence of a string in the text.
#pragma once
#include <unistd.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.h"
#include "common/facts.h"
#include "store/schema.h"
#include "store/writer.h"
#include "text/segment.h"

namespace chronicle::testing {

class DocBuilder {
 public:
  DocBuilder(std::string uri, std::string title, std::string source, std::string published, std::string text) {
    doc.uri = std::move(uri), doc.title = std::move(title), doc.source = std::move(source);
    doc.published = std::move(published), doc.anchor = doc.published.substr(0, 10), doc.text = std::move(text);
    doc.format = Format::text;
    facts.anchor = doc.anchor;
  }

  Span find(std::string_view s, int nth = 0) const {
    size_t at = doc.text.find(s);
    for (int i = 0; i < nth && at != std::string::npos; ++i) at = doc.text.find(s, at + 1);
    REQUIRE_MESSAGE(at != std::string::npos, "not in text: " << s);
    return Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + s.size())};
  }

  uint32_t sentence_of(Span s) const {
    const auto a = text::analyze(doc.text);
    for (uint32_t i = 0; i < a.sentences.size(); ++i)
      if (a.sentences[i].span.contains(s) || a.sentences[i].span.overlaps(s)) return i;
    return 0;
  }

  // A new in-document entity; returns its LocalEntity index.
  int32_t entity(std::string name, EntityKind kind) {
    facts.entities.push_back({kind, std::move(name)});
    return static_cast<int32_t>(facts.entities.size() - 1);
  }

  // A mention of entity `e`; returns its Mention index.
  int32_t mention(std::string_view surface, int32_t e, int nth = 0, MentionForm form = MentionForm::name) {
    facts.mentions.push_back({find(surface, nth), facts.entities[static_cast<size_t>(e)].kind, form, e});
    return static_cast<int32_t>(facts.mentions.size() - 1);
  }

  void event(std::string_view trigger, EventKind kind, std::string lemma, std::vector<Participant> who, int32_t place,
             std::string date, int nth = 0) {
    EventMention ev;
    ev.trigger = find(trigger, nth), ev.kind = kind, ev.lemma = std::move(lemma), ev.participants = std::move(who);
    ev.place = place, ev.date = std::move(date), ev.sentence = sentence_of(ev.trigger);
    facts.events.push_back(std::move(ev));
  }

  void claim(std::string_view content, std::string_view cue, int32_t speaker, bool quoted, std::string date = {}) {
    ClaimMention c;
    c.content = find(content), c.cue = cue.empty() ? Span{} : find(cue), c.speaker = speaker, c.quoted = quoted;
    c.date = std::move(date), c.sentence = sentence_of(c.content);
    facts.claims.push_back(std::move(c));
  }

  void relation(int32_t subject, Predicate p, int32_t object, std::string_view evidence) {
    facts.relations.push_back({subject, p, object, find(evidence)});
  }

  Document doc;
  DocumentFacts facts;
};

// A database file under the system temp folder, removed (with its WAL) at the
// end unless CHRONICLE_KEEP_TEST_DB is set (to look at it after a test).
class TempDb {
 public:
  explicit TempDb(std::string_view name)
      // The pid and a random number keep test cases that share a name apart under `ctest -j`.
      : path_((std::filesystem::temp_directory_path() /
              ("chronicle-test-" + std::string(name) + "-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()) + ".db"))
                 .string()) {
    remove();
  }
  ~TempDb() {
    if (!std::getenv("CHRONICLE_KEEP_TEST_DB")) remove();
  }
  const std::string& path() const { return path_; }

  void store(const std::vector<DocBuilder>& docs) {
    auto db = store::open_database(path_, store::OpenMode::read_write);
    store::Transaction tx(*db);
    store::Writer writer(*db);
    for (const DocBuilder& d : docs) writer.store(d.doc, d.facts);
    writer.finish_batch();
    tx.commit();
  }

 private:
  void remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  std::string path_;
};

// The harbour story: two outlets on a port strike in a made-up town.
inline std::vector<DocBuilder> harbour_story() {
  DocBuilder a("https://gazette.example/strike-talks", "Mayor and union meet over port strike", "Harbour Gazette",
               "2025-03-04",
               "Mayor and union meet over port strike\n"
               "Mayor Lena Ortiz met union leader Tomas Berg in Carville on Monday. "
               "Ortiz said the port strike must end this week. "
               "Berg, head of the Dockworkers Union, rejected her offer. "
               "Ortiz is the mayor of Carville.");
  const int32_t ortiz = a.entity("Lena Ortiz", EntityKind::person), berg = a.entity("Tomas Berg", EntityKind::person);
  const int32_t carville = a.entity("Carville", EntityKind::location), union_ = a.entity("Dockworkers Union", EntityKind::organization);
  const int32_t o1 = a.mention("Lena Ortiz", ortiz), b1 = a.mention("Tomas Berg", berg), c1 = a.mention("Carville", carville);
  const int32_t o2 = a.mention("Ortiz", ortiz, 1), b2 = a.mention("Berg", berg, 1), u1 = a.mention("Dockworkers Union", union_);
  const int32_t o3 = a.mention("Ortiz", ortiz, 2), c2 = a.mention("Carville", carville, 1);
  a.event("met", EventKind::meeting, "meet", {{o1, Role::agent}, {b1, Role::patient}}, c1, "2025-03-03");
  a.event("rejected", EventKind::refusal, "reject", {{b2, Role::agent}}, -1, "2025-03");
  a.claim("the port strike must end this week", "said", o2, false, "2025-03-04");
  a.relation(b2, Predicate::leader_of, u1, "Berg, head of the Dockworkers Union");
  a.relation(o3, Predicate::leader_of, c2, "Ortiz is the mayor of Carville");

  DocBuilder b("https://valleypost.example/2025/03/05/carville", "Carville talks end without a deal", "Valley Post",
               "2025-03-05",
               "Carville talks end without a deal\n"
               "Tomas Berg met Lena Ortiz again in Carville on March 4. "
               "The talks ended without a deal. "
               "Governor Ana Reyes said she would send mediators. "
               "Berg said Reyes had ignored the workers for months.");
  const int32_t berg2 = b.entity("Tomas Berg", EntityKind::person), ortiz2 = b.entity("Lena Ortiz", EntityKind::person);
  const int32_t carville2 = b.entity("Carville", EntityKind::location), reyes = b.entity("Ana Reyes", EntityKind::person);
  const int32_t bb1 = b.mention("Tomas Berg", berg2), bo1 = b.mention("Lena Ortiz", ortiz2);
  b.mention("Carville", carville2, 0);
  const int32_t bc2 = b.mention("Carville", carville2, 1), r1 = b.mention("Ana Reyes", reyes);
  const int32_t bb2 = b.mention("Berg", berg2, 1), r2 = b.mention("Reyes", reyes, 1);
  b.event("met", EventKind::meeting, "meet", {{bb1, Role::agent}, {bo1, Role::patient}}, bc2, "2025-03-04");
  b.event("ended", EventKind::other, "end", {}, -1, "");
  b.event("said", EventKind::statement, "say", {{r1, Role::agent}}, -1, "");
  b.claim("she would send mediators", "said", r1, false);
  b.claim("Reyes had ignored the workers for months", "said", bb2, false);
  (void)r2;
  return {a, b};
}

}  // namespace chronicle::testing
