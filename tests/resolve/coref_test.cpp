// In-document coreference of names, nominals and pronouns, on sentences written
// for these tests.
#include <doctest/doctest.h>

#include <string>

#include "common/document.h"
#include "extract/pipeline.h"

using namespace chronicle;

namespace {

const extract::Pipeline& pipeline() {
  static const extract::Pipeline p;
  return p;
}

struct Result {
  std::string text;
  DocumentFacts facts;
};

Result run(const char* text) {
  Document doc;
  doc.text = text;
  DocumentFacts facts = pipeline().run(doc);
  return Result{doc.text, std::move(facts)};
}

// Name of the entity the first mention spelled `mention` (after byte `from`)
// belongs to, "-" if there is no such mention.
std::string antecedent(const Result& r, const std::string& mention, MentionForm form) {
  for (const Mention& m : r.facts.mentions)
    if (m.span.of(r.text) == mention && m.form == form)
      return m.entity >= 0 ? r.facts.entities[static_cast<size_t>(m.entity)].name : "?";
  return "-";
}

constexpr MentionForm kNominal = MentionForm::nominal, kPronoun = MentionForm::pronoun;

}  // namespace

TEST_CASE("coref: nominals and pronouns join the entity they refer to") {
  const struct {
    const char* text;
    const char* mention;
    MentionForm form;
    const char* entity;  // "-": no such mention is kept
  } cases[] = {
      {"German Chancellor Friedrich Merz met Ukrainian President Volodymyr Zelensky in Berlin. "
       "The chancellor said the talks had been useful.",
       "The chancellor", kNominal, "Friedrich Merz"},
      {"Kremlin spokesman Dmitry Peskov rejected the proposal. The spokesman said Moscow would answer later.",
       "The spokesman", kNominal, "Dmitry Peskov"},
      {"Dmitry Peskov, the Kremlin spokesman, rejected the proposal on Monday. He said Moscow would answer later.",
       "the Kremlin spokesman", kNominal, "Dmitry Peskov"},
      {"Dmitry Peskov, the Kremlin spokesman, rejected the proposal on Monday. He said Moscow would answer later.",
       "He", kPronoun, "Dmitry Peskov"},
      {"President Emmanuel Macron spoke to reporters in Paris. The president said France was ready.",
       "The president", kNominal, "Emmanuel Macron"},
      {"Mark Bell met Mrs. Angela Roth in Geneva on Friday. She said the meeting had gone well.",
       "She", kPronoun, "Angela Roth"},
      {"Volkswagen reported higher sales in March. The company said its new models sold well.",
       "The company", kNominal, "Volkswagen"},
      {"Volkswagen reported higher sales in March. The company said its new models sold well.",
       "its", kPronoun, "Volkswagen"},
      {"Portugal signed the treaty in June, and the country will ratify it next year.",
       "the country", kNominal, "Portugal"},
      {"The minister said it was too early to tell.", "The minister", kNominal, "-"},
      {"The weather in Madrid was cold. He left early.", "He", kPronoun, "-"},
      {"It is clear that Airbus will need more engineers.", "It", kPronoun, "-"},
      {"Toyota Motor Corp said it would build a new plant in Texas.", "it", kPronoun, "Toyota Motor Corp"},
  };
  for (const auto& c : cases) {
    const std::string text = c.text, mention = c.mention;
    CAPTURE(text);
    CAPTURE(mention);
    CHECK(antecedent(run(c.text), c.mention, c.form) == c.entity);
  }
}

TEST_CASE("coref: surnames join full names and mentions are never left unresolved") {
  const Result r = run(
      "Defence Minister Boris Pistorius visited troops in Lithuania. Pistorius said he was impressed. "
      "Later the minister flew back to Berlin.");
  CHECK(antecedent(r, "Pistorius", MentionForm::name) == "Boris Pistorius");
  CHECK(antecedent(r, "he", kPronoun) == "Boris Pistorius");
  CHECK(antecedent(r, "the minister", kNominal) == "Boris Pistorius");
  for (const Mention& m : r.facts.mentions) {
    CHECK(m.entity >= 0);
    CHECK(m.kind == r.facts.entities[static_cast<size_t>(m.entity)].kind);
  }
  for (size_t i = 1; i < r.facts.mentions.size(); ++i) CHECK(r.facts.mentions[i - 1].span <= r.facts.mentions[i].span);
}
