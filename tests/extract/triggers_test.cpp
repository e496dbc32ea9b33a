// The event-trigger tagger (extract/trigger_tagger.h), the base forms it and
// the event extractor use (extract/lemma.h), and the events made from tagged
// triggers, on sentences written for these tests.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

#include "extract/doc_view.h"
#include "extract/lemma.h"
#include "extract/pipeline.h"
#include "extract/trigger_tagger.h"
#include "resolve/coref.h"

using namespace chronicle;

namespace {

// Words (or phrases) the shipped tagger marks as triggers in `text`, after the
// stages that run before events in chronicle's pipeline.
std::set<std::string> tagged(const std::string& text) {
  static const auto names = extract::make_name_extractor();
  static const auto timexes = extract::make_timex_extractor();
  Document doc;
  doc.text = text;
  DocumentFacts facts;
  const text::Analysis a = text::analyze(doc.text);
  extract::Context ctx{doc, a, facts};
  names->extract(ctx);
  resolve::link_document(doc, a, facts);
  timexes->extract(ctx);
  const extract::DocView v(ctx);
  std::vector<uint8_t> timex, tags;
  std::vector<uint32_t> offsets, keys;
  extract::triggers::timex_tokens(a, facts, timex);
  std::set<std::string> out;
  for (const text::Sentence& s : a.sentences) {
    extract::triggers::featurize(v, timex, s.first, s.last, offsets, keys);
    extract::triggers::Model::shipped().tag(offsets, keys, tags);
    // Featurized by type (as chronicle tags), each token has the same keys
    // once its types' keys are added, and the tags are the same.
    std::vector<uint32_t> typed_offsets, typed_keys, types;
    std::vector<uint8_t> typed_tags;
    extract::triggers::featurize_by_type(v, timex, s.first, s.last, typed_offsets, typed_keys, types);
    REQUIRE(typed_offsets.size() == offsets.size());
    REQUIRE(types.size() == extract::kTypeSlots * (offsets.size() - 1));
    for (size_t i = 0; i + 1 < offsets.size(); ++i) {
      std::vector<uint32_t> expected(keys.begin() + offsets[i], keys.begin() + offsets[i + 1]);
      std::vector<uint32_t> got(typed_keys.begin() + typed_offsets[i], typed_keys.begin() + typed_offsets[i + 1]);
      for (uint8_t slot = 0; slot < extract::kTypeSlots; ++slot)
        if (const uint32_t id = types[extract::kTypeSlots * i + slot]; id != extract::triggers::kNoType)
          extract::triggers::type_keys(id, static_cast<extract::TypeSlot>(slot), got);
      std::sort(expected.begin(), expected.end());
      std::sort(got.begin(), got.end());
      CHECK(got == expected);
    }
    extract::triggers::Model::shipped().tag(typed_offsets, typed_keys, typed_tags, 0, &types);
    CHECK(typed_tags == tags);
    for (uint32_t i = 0; i < tags.size(); ++i) {
      if (tags[i] != extract::triggers::kB) continue;
      uint32_t e = i + 1;
      while (e < tags.size() && tags[e] == extract::triggers::kI) ++e;
      out.emplace(Span{a.tokens[s.first + i].span.begin, a.tokens[s.first + e - 1].span.end}.of(doc.text));
    }
  }
  return out;
}

struct Events {
  Document doc;
  DocumentFacts facts;
  const EventMention* find(std::string_view trigger) const {
    for (const EventMention& e : facts.events)
      if (e.trigger.of(doc.text) == trigger) return &e;
    return nullptr;
  }
};

Events events(std::string text) {
  static const extract::Pipeline pipeline;
  Events r;
  r.doc.text = std::move(text);
  r.facts = pipeline.run(r.doc);
  return r;
}

}  // namespace

TEST_CASE("triggers: the shipped model loads") {
  CHECK_FALSE(extract::triggers::Model::shipped().empty());
  CHECK(extract::triggers::Model::shipped().features() > 1000);
}

TEST_CASE("triggers: the tagger finds verbal and nominal event mentions") {
  const std::set<std::string> t =
      tagged("Police arrested a teenager on Saturday after the shooting outside a nightclub in Leeds. "
             "A second man was killed when the car crashed into a wall.");
  CHECK(t.count("arrested"));
  CHECK(t.count("shooting"));
  CHECK(t.count("killed"));
  CHECK(t.count("crashed"));
  // Auxiliaries, names and time expressions are not triggers.
  CHECK_FALSE(t.count("was"));
  CHECK_FALSE(t.count("Leeds"));
  CHECK_FALSE(t.count("Saturday"));
}

TEST_CASE("triggers: a model file of another format or feature version is refused") {
  std::string error;
  CHECK(extract::triggers::Model::parse("# header\n", &error).empty());
  CHECK_FALSE(error.empty());
  std::string bytes = std::string("# header\n") + '\0' + "CTRG";
  const uint32_t format = 1, version = extract::triggers::kFeatureVersion + 1;
  bytes.append(reinterpret_cast<const char*>(&format), 4).append(reinterpret_cast<const char*>(&version), 4);
  CHECK(extract::triggers::Model::parse(bytes, &error).empty());
  CHECK(error.find("retrain") != std::string::npos);
}

TEST_CASE("triggers: Viterbi never starts a trigger with I") {
  // Emissions favour I everywhere; the best allowed sequence is B I I.
  const float emissions[] = {0, 1, 5, 0, 1, 5, 0, 1, 5};
  const float transitions[(extract::triggers::kTags + 1) * extract::triggers::kTags] = {};
  uint8_t out[3];
  std::vector<float> scratch;
  std::vector<uint8_t> back;
  extract::triggers::viterbi<float>(3, emissions, transitions, out, scratch, back);
  CHECK(out[0] == extract::triggers::kB);
  CHECK(out[1] == extract::triggers::kI);
  CHECK(out[2] == extract::triggers::kI);
}

TEST_CASE("triggers: base forms of inflected words") {
  const struct {
    const char* word;
    const char* base;
  } cases[] = {
      {"arrested", "arrest"}, {"stopped", "stop"},   {"hoped", "hope"},     {"used", "use"},      {"killed", "kill"},
      {"carried", "carry"},   {"agreed", "agree"},   {"shooting", "shoot"}, {"making", "make"},   {"dying", "die"},
      {"dies", "die"},        {"crashes", "crash"},  {"attacks", "attack"}, {"shot", "shoot"},    {"struck", "strike"},
      {"process", "process"}, {"crisis", "crisis"},  {"need", "need"},      {"bring", "bring"},   {"cut", "cut"},
      {"tied", "tie"},        {"died", "die"},       {"lied", "lie"},       {"untied", "untie"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.word);
    CHECK(extract::base_form(c.word) == c.base);
  }
  CHECK(extract::past_form("arrested"));
  CHECK(extract::past_form("struck"));
  CHECK_FALSE(extract::past_form("arrest"));
  CHECK_FALSE(extract::past_form("need"));
}

TEST_CASE("triggers: tagged words the lexicon lacks become events of kind other") {
  const Events r = events("Two inmates escaped from a prison near Leeds, and the heist at the jewellery store was solved.");
  const EventMention* escaped = r.find("escaped");
  REQUIRE(escaped);
  CHECK(escaped->kind == EventKind::other);
  CHECK(escaped->lemma == "escape");
  const EventMention* heist = r.find("heist");
  REQUIRE(heist);
  CHECK(heist->lemma == "heist");
}

TEST_CASE("triggers: lexicon kinds and participants for tagged triggers") {
  const Events r = events("Maria Lopez died in Madrid after a long illness. Police said the shooting was an accident.");
  const EventMention* died = r.find("died");
  REQUIRE(died);
  CHECK(died->lemma == "die");
  REQUIRE_FALSE(died->participants.empty());
  CHECK(r.facts.entities[static_cast<size_t>(r.facts.entity_of(died->participants[0].mention))].name == "Maria Lopez");
  const EventMention* shooting = r.find("shooting");
  REQUIRE(shooting);
  CHECK(shooting->kind == EventKind::attack);
}

TEST_CASE("triggers: auxiliaries, light and weak verbs are not events") {
  const Events r = events("The minister has been working on the plan and does not expect delays, he thinks. "
                          "She made a decision that it would be the same.");
  for (const char* w : {"has", "been", "does", "expect", "thinks", "made", "would", "be", "it", "same"}) {
    CAPTURE(w);
    CHECK(r.find(w) == nullptr);
  }
}
