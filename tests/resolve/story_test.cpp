// Events across undated articles: how alike two stories are (resolve/story.h),
// the roots and concepts that let differently worded reports meet, the rule
// that one word in one story is one event, and the whole pipeline keeping a
// similar event of another story apart. All texts are written for these tests.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "resolve/events.h"
#include "resolve/story.h"
#include "store/schema.h"
#include "support/util.h"

using namespace chronicle;
using resolve::EventFeatures;

namespace {

const char* kVelmoraA =
    "A strong earthquake struck the coastal town of Velmora, collapsing dozens of fishing cottages. Rescue crews pulled "
    "three fishermen from the rubble near the harbour. The earthquake, measured at magnitude 6.1 by the regional "
    "seismology institute, cracked the old lighthouse.";
const char* kVelmoraB =
    "Residents of Velmora spent the night outdoors after the earthquake. The quake toppled fishing cottages along the "
    "harbour and split the lighthouse wall, the seismology institute said, putting its magnitude at 6.1. Rescue crews "
    "searched the rubble for fishermen.";
const char* kDrashkov =
    "An earthquake shook the mountain city of Drashkov, damaging a cement factory and two schools. Engineers inspected "
    "the cracked dam above the valley, and the mining ministry reported a magnitude of 5.2 for the earthquake.";

EventFeatures event(int64_t doc, const char* kind, resolve::WordSet lemmas, resolve::IdSet agents = {}) {
  EventFeatures f;
  f.document = doc;
  f.kind = kind;
  f.lemmas = std::move(lemmas);
  f.agents = std::move(agents);
  return f;
}

bool has(const std::vector<std::string>& v, const char* x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

TEST_CASE("story: two reports of one quake are more alike than reports of two quakes") {
  const auto a = resolve::story_words(kVelmoraA), b = resolve::story_words(kVelmoraB), c = resolve::story_words(kDrashkov);
  CHECK(std::is_sorted(a.begin(), a.end()));
  CHECK(resolve::story_similarity(a, b) >= resolve::kSameStoryWords);
  CHECK(resolve::story_similarity(a, c) < resolve::kSameStoryWords);
  CHECK(resolve::story_similarity(b, c) < resolve::kSameStoryWords);
  CHECK(resolve::story_similarity(a, a) == doctest::Approx(1.0));
  CHECK(resolve::story_similarity(a, {}) == 0);
  // Stop words and short words say nothing; case and inflection do not matter.
  CHECK(resolve::story_words("The and of it said").empty());
  CHECK(resolve::story_words("Harbour harbours") == resolve::story_words("harbour"));
}

TEST_CASE("story: roots and concepts of trigger lemmas") {
  CHECK(resolve::root_of("shooting") == "shoot");
  CHECK(resolve::root_of("charges") == "charge");
  CHECK(resolve::root_of("announcement") == "announce");
  CHECK(resolve::root_of("nomination") == "nominate");
  CHECK(resolve::root_of("dismissal") == "dismiss");
  CHECK(resolve::root_of("resignation") == "resign");
  CHECK(resolve::root_of("gun down") == "gun down");
  CHECK(resolve::root_of("meeting") == "meet");
  // A word may report several acts; derived forms report their root's.
  const auto fire = resolve::concepts_of("fire");
  CHECK((has(fire, "dismiss") && has(fire, "shoot") && has(fire, "blaze")));
  CHECK(resolve::concepts_of("killing") == std::vector<std::string>{"kill"});
  CHECK(has(resolve::concepts_of("died"), "kill"));
  CHECK(has(resolve::concepts_of("die"), "kill"));
  CHECK(resolve::concepts_of("tremor") == resolve::concepts_of("earthquake"));
  CHECK(resolve::concepts_of("announcements") == std::vector<std::string>{"announce"});
}

TEST_CASE("story: one word in one story is one event, whatever its kind") {
  const EventFeatures quake = event(1, "disaster", {"earthquake", "=quake"});
  const EventFeatures other_kind = event(2, "other", {"quake", "=quake"});
  CHECK(resolve::same_event_across(quake, other_kind, {0, 0.4}));
  CHECK_FALSE(resolve::same_event_across(quake, other_kind, {0, 0.1}));          // another story
  CHECK_FALSE(resolve::same_event_across(quake, event(2, "disaster", {"flood", "=flood"}), {0, 0.9}));  // another word
  // Different doers stay different events even in one story.
  CHECK_FALSE(resolve::same_event_across(event(1, "attack", {"shoot", "=shoot"}, {5}), event(2, "attack", {"shoot", "=shoot"}, {6}),
                                         {0, 0.6}));
  // What two people say are two statements, however alike the articles.
  CHECK_FALSE(resolve::same_event_across(event(1, "statement", {"say", "=say"}, {5}), event(2, "statement", {"say", "=say"}), {0, 0.9}));
  // Another day is another event.
  EventFeatures monday = quake, tuesday = other_kind;
  monday.date = "2024-03-04";
  tuesday.date = "2024-03-05";
  CHECK_FALSE(resolve::same_event_across(monday, tuesday, {0, 0.9}));
}

TEST_CASE("story: undated articles of one quake share its event, another town's quake stays apart") {
  test::TempDir dir;
  std::string jsonl;
  for (const auto& [id, text] : {std::pair{"velmora-1", kVelmoraA}, {"velmora-2", kVelmoraB}, {"drashkov", kDrashkov}})
    jsonl += std::string("{\"id\": \"") + id + "\", \"text\": \"" + text + "\"}\n";
  test::write_file(dir / "docs.jsonl", jsonl);
  const std::string db_path = (dir / "q.db").string();
  REQUIRE(test::chronicle("ingest -q --db " + test::quote(db_path) + " --format jsonl " + test::quote(dir / "docs.jsonl")).status == 0);
  auto db = store::open_database(db_path, store::OpenMode::read_only);
  const auto count = [&](const char* sql) { return db->scalar(sql, "quake").value_or(-1); };
  // "the earthquake" and "the quake" of both Velmora articles: one event.
  CHECK(count("SELECT count(DISTINCT em.event_id) FROM event_mention em JOIN document d ON d.id = em.document_id "
              "WHERE d.uri LIKE 'velmora%' AND em.lemma IN ('earthquake', 'quake')") == 1);
  CHECK(count("SELECT count(DISTINCT em.document_id) FROM event_mention em WHERE em.event_id = (SELECT em2.event_id FROM "
              "event_mention em2 JOIN document d ON d.id = em2.document_id WHERE d.uri = 'velmora-2' AND em2.lemma = 'quake')") == 2);
  // Drashkov's earthquake is another one.
  CHECK(count("SELECT count(*) FROM event_mention a JOIN document da ON da.id = a.document_id, event_mention b "
              "JOIN document db ON db.id = b.document_id WHERE da.uri = 'drashkov' AND db.uri LIKE 'velmora%' "
              "AND a.lemma = 'earthquake' AND a.event_id = b.event_id") == 0);
}

TEST_CASE("story: the index finds exactly the documents a pairwise comparison finds") {
  const std::vector<std::string> texts = {
      kVelmoraA, kVelmoraB, kDrashkov,
      "The harbour strike closed every terminal of the port, dockworkers said on Monday.",
      "Dockworkers closed the port terminals on Monday as the harbour strike spread.",
      "The orchestra played three symphonies to a full concert hall.",
      "Rescue crews searched the harbour of Velmora for the missing fishermen.",
      ""};
  resolve::StoryIndex index;
  for (size_t i = 0; i < texts.size(); ++i) index.add(static_cast<int64_t>(i + 1) * 10, resolve::story_words(texts[i]));
  index.remove(30);  // Drashkov leaves, and comes back under another id
  index.add(35, resolve::story_words(kDrashkov));
  index.add(40, resolve::story_words(texts[3]));  // adding again replaces
  CHECK(index.size() == texts.size());
  CHECK_FALSE(index.contains(30));
  const std::vector<int64_t> ids = {10, 20, 35, 40, 50, 60, 70, 80};
  for (const double floor : {0.3, 0.05}) {
    size_t pairs = 0;
    for (const int64_t a : ids) {
      std::vector<std::pair<int64_t, double>> expected;
      for (const int64_t b : ids) {
        if (b == a) continue;
        const auto text_of = [&](int64_t id) { return id == 35 ? std::string(kDrashkov) : texts[static_cast<size_t>(id / 10 - 1)]; };
        const double s = resolve::story_similarity(resolve::story_words(text_of(a)), resolve::story_words(text_of(b)));
        if (s >= floor) expected.emplace_back(b, s);
      }
      CHECK(index.similar(a, floor) == expected);
      pairs += expected.size();
    }
    CHECK(pairs > 0);
  }
  CHECK(index.similar(30, 0.3).empty());  // not indexed
}

namespace {

// Long word sets (where the index skips its commonest words) drawn from a
// skewed vocabulary, with groups of documents that retell one story.
std::vector<resolve::StoryWords> retold_stories() {
  std::mt19937 rng(7);
  const auto word = [&](bool common) {
    std::uniform_int_distribution<uint64_t> pick(1, common ? 40 : 4000);
    return pick(rng) * 0x9E3779B97F4A7C15ull;
  };
  std::vector<resolve::StoryWords> docs;
  for (int story = 0; story < 40; ++story) {
    resolve::StoryWords core;
    for (int i = 0; i < 60; ++i) core.push_back(word(i % 3 == 0));
    for (int retelling = 0; retelling < 5; ++retelling) {
      resolve::StoryWords d;
      for (const uint64_t w : core)
        if (rng() % 4 != 0) d.push_back(w);  // each keeps three quarters of the story
      const int extra = static_cast<int>(rng() % 150);
      for (int i = 0; i < extra; ++i) d.push_back(word(rng() % 2 == 0));
      std::sort(d.begin(), d.end());
      d.erase(std::unique(d.begin(), d.end()), d.end());
      docs.push_back(std::move(d));
    }
  }
  return docs;
}

}  // namespace

TEST_CASE("story: the index skips the commonest words and still finds exactly what a pairwise comparison finds") {
  const std::vector<resolve::StoryWords> docs = retold_stories();
  resolve::StoryIndex index;
  for (size_t i = 0; i < docs.size(); ++i) index.add(static_cast<int64_t>(i), docs[i]);
  for (const double floor : {0.3, 0.5, 0.15}) {
    size_t pairs = 0;
    for (size_t a = 0; a < docs.size(); ++a) {
      std::vector<std::pair<int64_t, double>> expected;
      for (size_t b = 0; b < docs.size(); ++b)
        if (b != a)
          if (const double s = resolve::story_similarity(docs[a], docs[b]); s >= floor) expected.emplace_back(static_cast<int64_t>(b), s);
      CHECK(index.similar(static_cast<int64_t>(a), floor) == expected);
      pairs += expected.size();
    }
    CHECK(pairs > docs.size());  // the retellings of a story find each other
  }
}

TEST_CASE("story: neighbours found as documents come and go are those the final index gives") {
  const std::vector<resolve::StoryWords> docs = retold_stories();
  resolve::StoryIndex index;
  // Documents before the batch: in the index, not followed.
  for (size_t i = 0; i < 60; ++i) index.add(static_cast<int64_t>(i), docs[i]);
  resolve::StoryNeighbours batch(resolve::kSameStoryWords);
  for (size_t i = 60; i < docs.size(); ++i) batch.add(index, static_cast<int64_t>(i), docs[i]);
  // Replaced documents: one from before the batch, two of the batch, one of
  // them added again under its id.
  for (const int64_t gone : {5, 61, 130}) batch.remove(index, gone);
  batch.add(index, 130, docs[131]);
  CHECK(batch.of(5) == nullptr);
  CHECK(batch.of(61) == nullptr);
  size_t pairs = 0;
  for (size_t i = 60; i < docs.size(); ++i) {
    const int64_t id = static_cast<int64_t>(i);
    if (id == 61) continue;
    REQUIRE(batch.of(id) != nullptr);
    resolve::StoryNeighbours::List found = *batch.of(id);
    std::sort(found.begin(), found.end());
    CHECK(found == index.similar(id, resolve::kSameStoryWords));
    pairs += found.size();
  }
  CHECK(pairs > docs.size() / 2);
  batch.clear();
  CHECK(batch.of(70) == nullptr);
}
