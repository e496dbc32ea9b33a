// Relations from titles, appositions and affiliations, on sentences written
// for these tests and on the Berlin corpus (read at test time).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/pipeline.h"
#include "read/reader.h"

using namespace chronicle;

namespace {

struct Rel {
  std::string subject, predicate, object, evidence;
};

std::vector<Rel> relations_of(const Document& doc) {
  static const extract::Pipeline pipeline;
  const DocumentFacts f = pipeline.run(doc);
  auto name = [&](int32_t m) {
    const int32_t e = f.entity_of(m);
    return e < 0 ? std::string() : f.entities[static_cast<size_t>(e)].name;
  };
  std::vector<Rel> out;
  for (const RelationMention& r : f.relations)
    out.push_back(Rel{name(r.subject), std::string(to_string(r.predicate)), name(r.object), std::string(r.evidence.of(doc.text))});
  return out;
}

std::vector<Rel> relations_of(std::string text) {
  Document doc;
  doc.text = std::move(text);
  return relations_of(doc);
}

bool has(const std::vector<Rel>& rels, std::string_view subject, std::string_view predicate, std::string_view object) {
  for (const Rel& r : rels)
    if (r.subject.find(subject) != std::string::npos && r.predicate == predicate && r.object.find(object) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("relations: titles before names") {
  const struct {
    const char* text;
    const char* subject;
    const char* predicate;
    const char* object;
  } cases[] = {
      {"Kremlin spokesman Ivan Petrov declined to comment.", "Ivan Petrov", "spokesperson_for", "Kremlin"},
      {"French Foreign Minister Claire Dubois arrived late.", "Claire Dubois", "member_of", "France"},
      {"Brazilian President Luiz Costa spoke first.", "Luiz Costa", "leader_of", "Brazil"},
      {"Poland's Prime Minister Adam Nowak spoke first.", "Adam Nowak", "leader_of", "Poland"},
      {"Italian opposition leader Marco Rossi spoke first.", "Marco Rossi", "citizen_of", "Italy"},
      {"The plan came from Senator Jim Cole's chief of staff Dana Ruiz on Friday.", "Dana Ruiz", "related_to", "Jim Cole"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(has(relations_of(c.text), c.subject, c.predicate, c.object));
  }
}

TEST_CASE("relations: appositions and affiliations, with their evidence span") {
  const auto rels = relations_of(
      "Tom Harris, a researcher at the Brookings Institution, said it was late. "
      "Lena Fischer, head of the Berlin Policy Institute, disagreed. "
      "Omar Haddad of the Carnegie Foundation agreed.");
  CHECK(has(rels, "Tom Harris", "employed_by", "Brookings Institution"));
  CHECK(has(rels, "Lena Fischer", "leader_of", "Berlin Policy Institute"));
  CHECK(has(rels, "Omar Haddad", "employed_by", "Carnegie Foundation"));
  for (const Rel& r : rels)
    if (r.subject == "Tom Harris") CHECK(r.evidence == "Tom Harris, a researcher at the Brookings Institution");
}

TEST_CASE("relations: places and lists") {
  CHECK(has(relations_of("The summit took place in Lyon, France, last year."), "Lyon", "located_in", "France"));
  // Lists of names or countries state no relation.
  CHECK(relations_of("Delegates from Canada, Japan and Brazil attended.").empty());
  CHECK(relations_of("Tom Harris, Lena Fischer and Omar Haddad attended.").empty());
}

TEST_CASE("relations: the Berlin corpus") {
  const std::filesystem::path dir = std::filesystem::path(CHRONICLE_SHARED_DIR) / "corpus" / "berlin";
  if (!std::filesystem::exists(dir)) return;
  std::vector<Rel> all;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    read::Unit unit;
    unit.origin = unit.path = entry.path().string();
    unit.format = Format::text;
    unit.bytes = ss.str();
    const auto rels = relations_of(read::parse(unit, read::Options{}));
    all.insert(all.end(), rels.begin(), rels.end());
  }
  CHECK(has(all, "Justin Logan", "employed_by", "Cato Institute"));
  CHECK(has(all, "Dmitry Peskov", "spokesperson_for", "Kremlin"));
  CHECK(has(all, "Boris Pistorius", "member_of", "Germany"));
  CHECK(has(all, "Friedrich Merz", "leader_of", "Germany"));
  CHECK(has(all, "Brett Bruen", "leader_of", "Global Situation Room"));
  CHECK(has(all, "Andrew Michta", "employed_by", "University of Florida"));
}

TEST_CASE("relations: a place and its country") {
  CHECK(has(relations_of("The talks were held in Lyon, France, on Monday."), "Lyon", "located_in", "France"));
}
