// When two event mentions report the same real-world event: the rules of event
// resolution, as pure functions over what the store knows of each mention or
// in-document cluster (kind, lemma, date, participants and place as resolved
// entity ids, document). The store applies them (store/event_resolver.h).
#pragma once
#include <boost/container/flat_set.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace chronicle::resolve {

// Sorted sets in one block each: features are copied, merged and compared far
// more often than they grow.
using IdSet = boost::container::flat_set<int64_t>;
using WordSet = boost::container::flat_set<std::string>;

// Whether two sorted ranges share an element.
template <typename SetA, typename SetB>
bool intersects(const SetA& a, const SetB& b) {
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else return true;
  }
  return false;
}

struct EventFeatures {
  int64_t id = 0;                  // a mention id, or the first mention of a cluster
  int64_t document = 0;
  uint32_t position = 0;           // order in the document (span start of its latest mention)
  uint32_t first = 0;              // span start of its first mention
  std::string kind;
  WordSet lemmas;                  // trigger lemmas and their concepts
  std::string date;                // YYYY-MM-DD, YYYY-MM, YYYY or empty
  IdSet agents;                    // entity ids
  IdSet others;                    // patients, recipients, participants
  IdSet places;

  IdSet entities() const;  // agents, others and places together
  void absorb(const EventFeatures& o);  // a cluster takes in one more member
};

// The word a derived or inflected trigger lemma comes from: "shooting" ->
// shoot, "charges" -> charge, "announcement" -> announce, "nomination" ->
// nominate, "dismissal" -> dismiss, "seizure" -> seize; the lemma itself when
// no ending applies or the stem is no word.
std::string root_of(const std::string& lemma);

// The concepts a trigger lemma (or its root) reports (data/event_concepts.tsv),
// or its root alone: "military operation" -> {invade}; "fire" -> {dismiss,
// shoot, blaze}; "killing" -> {kill}.
std::vector<std::string> concepts_of(const std::string& lemma);
// Every lemma of a concept (itself included).
std::vector<std::string> lemmas_of(const std::string& name);

// Dates that can name the same day: equal where both are known ("2025-12" and
// "2025-12-14" agree; "2025-12-14" and "2025-12-15" do not). Empty agrees with all.
bool dates_compatible(const std::string& a, const std::string& b);

// The more precise of two compatible dates.
std::string finer_date(const std::string& a, const std::string& b);

// Two mentions of one document that report the same event ("the talks" ... "the
// negotiations" ... "the five-hour meeting in Berlin"): same kind, no conflict of
// date, place or agents; mentions of kind `other` also need the same lemma, and
// statements the same speaker.
bool same_event_in_document(const EventFeatures& a, const EventFeatures& b);
// Whether same_event_in_document() needs the two to share a lemma (or concept)
// for this kind: every kind but those an article retells in other words.
bool needs_same_word(std::string_view kind);

// How much two documents tell one story: `entities`, how much their entities
// overlap (0..1, the overlap coefficient); `words`, how alike their words are
// (0..1, resolve/story.h).
struct StoryOverlap {
  double entities = 0;
  double words = 0;
};

// Words shared this much (story_similarity) make two articles one story: two
// reports of one event mostly score 0.2 to 0.5, reports of a similar event at
// another time or place about 0.1, unrelated articles of one section 0.1 or less.
inline constexpr double kSameStoryWords = 0.3;
// Entities shared this much (overlap coefficient) make two articles one story.
inline constexpr double kSameStoryEntities = 0.3;

// Whether two documents tell one story closely enough for their events to meet
// by word alone (without a shared participant).
bool one_story(const StoryOverlap& story);

// Two in-document clusters from different documents that report the same event.
// Undated mentions and mentions without shared participants merge only within
// one story; within one story the same word ("the quake", "the earthquake")
// is enough, even where the two mentions' kinds differ.
bool same_event_across(const EventFeatures& a, const EventFeatures& b, const StoryOverlap& story);
// The same, asking for the story overlap only when the rules need it (most
// pairs fail on their kinds, words or dates first).
bool same_event_across(const EventFeatures& a, const EventFeatures& b, const std::function<StoryOverlap()>& story);

// Whether an event answers an earlier one ("responded", "rejected", "welcomed"):
// its kind is refusal, or its word is a response word (data/response_words.txt).
bool is_response(const EventFeatures& e);

// Whether `response` (later in the same document) answers `earlier`: an offer,
// demand, proposal, deal, threat, accusation or sanction by other agents.
bool answers(const EventFeatures& response, const EventFeatures& earlier);

// The day with ISO weekday `weekday` (1 = Monday .. 7 = Sunday) nearest to
// `day` (YYYY-MM-DD): "Monday" in an article whose "Sunday" is 2025-12-14 is
// 2025-12-15. Empty when `day` is not a full date.
std::string nearest_weekday(const std::string& day, int weekday);

// ISO weekday (1..7) of a full date, or 0.
int weekday_of(const std::string& day);

}  // namespace chronicle::resolve
