// Name mentions found by the tagger and its rules, on sentences written for
// these tests, on CoNLL-style pre-tokenised text, and on the shared Berlin story.
#include <doctest/doctest.h>

#include "support/util.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "common/document.h"
#include "extract/pipeline.h"
#include "read/reader.h"

using namespace chronicle;

namespace {

struct Name {
  std::string text;
  EntityKind kind;
  bool operator<(const Name& o) const { return text != o.text ? text < o.text : kind < o.kind; }
};

const extract::Pipeline& pipeline() {
  static const extract::Pipeline p;
  return p;
}

std::vector<Name> names_in(const std::string& text) {
  Document doc;
  doc.text = text;
  const DocumentFacts facts = pipeline().run(doc);
  std::vector<Name> out;
  for (const Mention& m : facts.mentions)
    if (m.form == MentionForm::name) out.push_back(Name{std::string(m.span.of(doc.text)), m.kind});
  return out;
}

bool has(const std::vector<Name>& names, const std::string& text, EntityKind kind) {
  return std::any_of(names.begin(), names.end(), [&](const Name& n) { return n.text == text && n.kind == kind; });
}

bool has_text(const std::vector<Name>& names, const std::string& text) {
  return std::any_of(names.begin(), names.end(), [&](const Name& n) { return n.text == text; });
}

constexpr EntityKind P = EntityKind::person, O = EntityKind::organization, L = EntityKind::location,
                     X = EntityKind::other;

}  // namespace

TEST_CASE("names: people, organisations and places with their titles left out") {
  const struct {
    const char* text;
    std::vector<Name> expected;
    std::vector<std::string> absent;  // spans that must not be names
  } cases[] = {
      {"German Chancellor Friedrich Merz welcomed the delegation to Berlin on Monday.",
       {{"Friedrich Merz", P}, {"Berlin", L}},
       {"Chancellor Friedrich Merz", "German Chancellor Friedrich Merz", "Chancellor"}},
      {"Kremlin spokesman Dmitry Peskov told reporters that no date had been set.",
       {{"Kremlin", O}, {"Dmitry Peskov", P}},
       {"Kremlin spokesman Dmitry Peskov", "spokesman Dmitry Peskov"}},
      {"The briefing was given by U.S. Air Force General Alexus Grynkewich at the base.",
       {{"U.S. Air Force", O}, {"Alexus Grynkewich", P}},
       {"General Alexus Grynkewich", "U.S."}},
      {"Volkswagen said its profit fell because orders from China had dropped.",
       {{"Volkswagen", O}, {"China", L}},
       {"Volkswagen said"}},
      {"Ukraine's foreign minister flew to Washington for talks with the State Department.",
       {{"Ukraine", L}, {"Washington", L}},
       {"Ukraine's"}},
      {"Angela Roth, a lawyer at the Brookings Institution, said the plan was flawed.",
       {{"Angela Roth", P}, {"Brookings Institution", O}},
       {}},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const auto names = names_in(c.text);
    for (const Name& n : c.expected) {
      CAPTURE(n.text);
      CHECK(has(names, n.text, n.kind));
    }
    for (const std::string& a : c.absent) {
      CAPTURE(a);
      CHECK_FALSE(has_text(names, a));
    }
  }
}

TEST_CASE("names: curly quotes, possessives and title-case headlines") {
  // As in real articles, the headline's names come back in the body.
  const auto names = names_in(
      "Minister Says Talks With Moscow Will Resume\n\n"
      "\xE2\x80\x9CWe are ready,\xE2\x80\x9D Ukraine\xE2\x80\x99s envoy Rustem Umerov said in Geneva. "
      "Umerov\xE2\x80\x99s team will travel to Moscow next week.");
  CHECK(std::count_if(names.begin(), names.end(), [](const Name& n) { return n.text == "Moscow" && n.kind == L; }) == 2);
  CHECK(has(names, "Ukraine", L));
  CHECK(has(names, "Rustem Umerov", P));
  CHECK(has(names, "Umerov", P));
  CHECK(has(names, "Geneva", L));
  CHECK_FALSE(has_text(names, "Minister Says Talks"));
  CHECK_FALSE(has_text(names, "Minister"));
  CHECK_FALSE(has_text(names, "Talks"));
}

TEST_CASE("names: pre-tokenised text, one sentence per line, as CoNLL gives it") {
  const auto names = names_in(
      "SOCCER - ROVERS BEAT CITY IN LATE DRAMA .\n"
      "LISBON 1997-03-02\n"
      "Portuguese club Benfica signed Brazilian striker Marcos Alves on Friday , the club said .\n"
      "Alves , 24 , joins from Sao Paulo 's youth side .");
  CHECK(has(names, "LISBON", L));
  CHECK(has(names, "Benfica", O));
  // Demonyms refer to their countries: nominal mentions of Portugal and Brazil,
  // not names of their own (see link_demonyms in resolve/coref.cpp).
  CHECK_FALSE(has_text(names, "Portuguese"));
  CHECK_FALSE(has_text(names, "Brazilian"));
  CHECK(has(names, "Marcos Alves", P));
  CHECK(has(names, "Alves", P));
  CHECK(has(names, "Sao Paulo", L));
  CHECK_FALSE(has_text(names, "Sao Paulo 's"));
}

TEST_CASE("names: a link's slug neither hides a name written in lower case there nor gives names of its own") {
  // A scraped page often starts with its address; the tagger counts how a word
  // is written elsewhere in the document, and "marta-vinck" in the slug must not
  // make "Marta Vinck" a common word.
  const auto names = names_in(
      "http : / / www . harbour - news . example / 2024 / 05 / marta - vinck - wins - port - vote . html\n"
      "Marta Vinck wins port vote\n"
      "The dockworkers' union said on Tuesday that Marta Vinck had won the vote on the new port contract by a wide margin .");
  CHECK(has_text(names, "Marta Vinck"));
  CHECK_FALSE(has_text(names, "html"));
  CHECK_FALSE(std::any_of(names.begin(), names.end(), [](const Name& n) { return n.text.find("example") != std::string::npos; }));
}

TEST_CASE("names: the Berlin story's people are people, page furniture is no name" * doctest::skip(chronicle::test::no_berlin())) {
  const std::filesystem::path dir = std::filesystem::path(CHRONICLE_SHARED_DIR) / "corpus" / "berlin";
  REQUIRE(std::filesystem::is_directory(dir));
  std::set<Name> all;
  read::Walker walker({dir.string()}, read::Options{});
  read::Unit unit;
  std::vector<read::Problem> problems;
  while (walker.next(unit, problems)) {
    const Document doc = read::parse(unit, read::Options{});
    const DocumentFacts facts = pipeline().run(doc);
    for (const Mention& m : facts.mentions)
      if (m.form == MentionForm::name) all.insert(Name{std::string(m.span.of(doc.text)), m.kind});
  }
  REQUIRE(problems.empty());
  REQUIRE(all.size() > 50);
  auto person = [&](std::initializer_list<const char*> forms) {
    return std::any_of(forms.begin(), forms.end(), [&](const char* f) {
      return std::any_of(all.begin(), all.end(), [&](const Name& n) {
        // The surname ends the name, after any kind of space ("Yuri\u202FUshakov").
        const std::string_view s = f;
        if (n.kind != P || !n.text.ends_with(s)) return false;
        const size_t before = n.text.size() - s.size();
        return before == 0 || !std::isalpha(static_cast<unsigned char>(n.text[before - 1]));
      });
    });
  };
  CHECK(person({"Zelenskiy", "Zelensky", "Zelenskyy"}));
  for (const char* who : {"Merz", "Witkoff", "Kushner", "Logan", "Michta", "Bruen", "Peskov", "Ushakov", "Pistorius"}) {
    const std::string name = who;
    CAPTURE(name);
    CHECK(person({who}));
  }
  // Navigation, share bars and captions are not people, places or organisations.
  for (const char* furniture : {"Follow", "Share", "Reuters Image", "Sign", "Newsletter", "Advertisement", "Read More"}) {
    const std::string f = furniture;
    CAPTURE(f);
    CHECK_FALSE(std::any_of(all.begin(), all.end(), [&](const Name& n) { return n.text == furniture; }));
  }
  // Title words never start a person's name.
  for (const Name& n : all) {
    CAPTURE(n.text);
    if (n.kind != P) continue;
    for (const char* title : {"President ", "Chancellor ", "General ", "Mr. ", "spokesman "})
      CHECK_FALSE(n.text.starts_with(title));
  }
}

TEST_CASE("names: demonyms become nominal mentions of their countries") {
  Document doc;
  doc.text = "Ukrainian officials met German diplomats in Geneva. Germany said little.";
  const DocumentFacts facts = pipeline().run(doc);
  std::vector<std::string> nominal_countries;
  for (const Mention& m : facts.mentions)
    if (m.form == MentionForm::nominal && m.kind == EntityKind::location)
      nominal_countries.push_back(std::string(m.span.of(doc.text)) + "->" + facts.entities[static_cast<size_t>(m.entity)].name);
  CHECK(nominal_countries == std::vector<std::string>{"Ukrainian->Ukraine", "German->Germany"});
  for (const LocalEntity& e : facts.entities) CHECK(e.name != "German");
}
