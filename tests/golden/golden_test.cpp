// Golden tests: the articles in samples/ and the facts expected of them in
// tests/golden/samples.json. Each expectation names a fact a reader of the
// articles would take from them (an entity with its kind and spellings, a dated
// event, a quote and its speaker, a resolved date); the driver ingests samples/
// into a fresh database and checks each one through the public views.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "store/schema.h"
#include "support/util.h"

using namespace chronicle;
using nlohmann::json;

namespace {

struct Golden {
  test::TempDir dir;
  std::unique_ptr<store::Db> db;
  json expect;

  Golden() {
    const std::string path = (dir / "samples.db").string();
    const auto r = test::chronicle("ingest -q --db " + test::quote(path) + " " + test::quote(test::kSourceDir / "samples"));
    REQUIRE(r.status == 0);
    db = store::open_database(path, store::OpenMode::read_only);
    expect = json::parse(test::read_file(test::kSourceDir / "tests/golden/samples.json"));
  }

  int64_t count(const char* sql, const std::vector<std::pair<const char*, std::string>>& params) {
    store::Stmt s = db->prepare(sql, "golden");
    for (const auto& [k, v] : params) s.bind(k, v);
    return s.step() ? s.int64(0) : 0;
  }
};

}  // namespace

TEST_CASE("golden: entities of the sample story, with kinds and spellings") {
  Golden g;
  for (const auto& e : g.expect["entities"]) {
    const std::string name = e["name"];
    CAPTURE(name);
    CHECK(g.count("SELECT count(*) FROM entities WHERE name = :name AND kind = :kind", {{":name", name}, {":kind", e["kind"]}}) == 1);
    CHECK(g.count("SELECT coalesce(max(documents), 0) FROM entities WHERE name = :name", {{":name", name}}) >= e.value("min_documents", 1));
    for (const auto& alias : e.value("aliases", json::array()))
      CHECK(g.count("SELECT count(*) FROM entities, json_each(entities.aliases) a WHERE name = :name AND a.value = :alias",
                    {{":name", name}, {":alias", alias}}) == 1);
  }
  for (const auto& name : g.expect["not_entities"]) {
    CAPTURE(name.get<std::string>());
    CHECK(g.count("SELECT count(*) FROM entities WHERE name = :name", {{":name", name}}) == 0);
  }
}

TEST_CASE("golden: time expressions resolved against each article's date") {
  Golden g;
  for (const auto& t : g.expect["timexes"]) {
    CAPTURE(t.dump());
    CHECK(g.count("SELECT count(*) FROM timexes x JOIN documents d ON d.id = x.document_id "
                  "WHERE d.uri LIKE :uri AND x.text = :text AND x.value = :value",
                  {{":uri", "%" + t["document"].get<std::string>() + "%"}, {":text", t["text"]}, {":value", t["value"]}}) >= 1);
  }
}
