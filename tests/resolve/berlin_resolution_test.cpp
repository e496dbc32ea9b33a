// Resolution on the five real Berlin articles (read from ../shared at test time):
// one entity for Zelenskiy/Zelensky/Zelenskyy and one for the United States
// across all five, one event for the Berlin talks with its participants and
// sources, and the Kremlin's response a day later, dated although its article
// gives no date (learnt from the talks it shares with dated articles).
#include <doctest/doctest.h>

#include <filesystem>

#include "store/schema.h"
#include "support/util.h"

using namespace chronicle;

namespace {

struct Berlin {
  test::TempDir dir;
  std::string path;
  std::unique_ptr<store::Db> db;
  bool present = std::filesystem::exists(test::kSharedDir / "corpus/berlin");

  Berlin() : path((dir / "berlin.db").string()) {
    if (!present) return;
    REQUIRE(test::chronicle("ingest -q --db " + test::quote(path) + " " + test::quote(test::kSharedDir / "corpus/berlin")).status == 0);
    db = store::open_database(path, store::OpenMode::read_only);
  }
  int64_t count(const char* sql) { return db->scalar(sql, "berlin").value_or(-1); }
};

}  // namespace

TEST_CASE("berlin resolution: one entity per person and country across the five articles") {
  Berlin b;
  if (!b.present) return;
  CHECK(b.count("SELECT count(*) FROM entities WHERE name LIKE '%Zelensk%'") == 1);
  CHECK(b.count("SELECT documents FROM entities WHERE name LIKE '%Zelensk%'") == 5);
  CHECK(b.count("SELECT count(*) FROM entities, json_each(entities.aliases) a "
                "WHERE name LIKE '%Zelensk%' AND a.value IN ('Zelenskiy', 'Zelensky', 'Zelenskyy')") >= 2);
  CHECK(b.count("SELECT count(*) FROM entities WHERE name = 'United States' AND kind = 'location' AND documents = 5") == 1);
  CHECK(b.count("SELECT count(*) FROM entities WHERE name IN ('U.S.', 'US', 'U.S')") == 0);
}

TEST_CASE("berlin resolution: the Berlin talks are one event with their participants and sources") {
  Berlin b;
  if (!b.present) return;
  CHECK(b.count("SELECT count(*) FROM events WHERE kind = 'meeting' AND place = 'Berlin' AND date = '2025-12-14' "
                "AND documents >= 3 AND json_array_length(participants) >= 3") == 1);
  // All five articles report the talks; the undated ones join through shared people and place.
  CHECK(b.count("SELECT max(documents) FROM events WHERE kind = 'meeting' AND place = 'Berlin'") >= 4);
}

TEST_CASE("berlin resolution: the Kremlin's response is dated the day after the talks") {
  Berlin b;
  if (!b.present) return;
  CHECK(b.count("SELECT count(*) FROM events WHERE kind = 'statement' AND date = '2025-12-15' "
                "AND EXISTS (SELECT 1 FROM json_each(participants) p WHERE json_extract(p.value, '$.entity') = 'Kremlin')") == 1);
  CHECK(b.count("SELECT count(*) FROM claims WHERE speaker = 'Dmitry Peskov' AND date = '2025-12-15'") >= 1);
  CHECK(b.count("SELECT count(*) FROM document WHERE anchor IS NULL AND inferred_anchor = '2025-12-14'") >= 1);
}

TEST_CASE("berlin resolution: Russia's full-scale invasion in 2022 is one event") {
  Berlin b;
  if (!b.present) return;
  CHECK(b.count("SELECT count(*) FROM events WHERE kind = 'attack' AND date = '2022' AND documents >= 2") == 1);
}
