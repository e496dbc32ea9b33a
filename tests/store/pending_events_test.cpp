// A batch's event mentions wait in memory until the batch is resolved
// (store/pending_events.h): they are written once, with their cluster and
// node, and a document replaced within its batch leaves none behind.
#include <doctest/doctest.h>

#include "../graph/story.h"
#include "store/schema.h"
#include "support/util.h"

using namespace chronicle;

namespace {

testing::DocBuilder talks(std::string uri, std::string source, std::string text, std::string day) {
  testing::DocBuilder d(std::move(uri), "Port talks", std::move(source), "2025-03-05", "Port talks\n" + text);
  const int32_t vinck = d.entity("Marta Vinck", EntityKind::person), antwerp = d.entity("Antwerp", EntityKind::location);
  const int32_t v = d.mention("Marta Vinck", vinck), a = d.mention("Antwerp", antwerp);
  d.event("met", EventKind::meeting, "meet", {{v, Role::agent}}, a, std::move(day));
  return d;
}

int64_t count(store::Db& db, const char* sql) { return db.scalar(sql, "pending_count").value_or(-1); }

}  // namespace

TEST_CASE("store: event mentions are written once their batch is resolved; a document replaced within it leaves none") {
  const auto first = talks("https://gazette.example/talks", "Gazette", "Marta Vinck met the owners in Antwerp on Monday.", "2025-03-03");
  const auto other = talks("https://post.example/talks", "Post", "Marta Vinck met the port owners in Antwerp on Tuesday.", "2025-03-04");
  const auto second = talks("https://gazette.example/talks", "Gazette", "Marta Vinck met the owners again in Antwerp on Tuesday.", "2025-03-04");
  testing::TempDb tmp("pending-events");
  tmp.store({first, other, second});  // one batch: `second` replaces `first` before it is resolved
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
  CHECK(count(*db, "SELECT count(*) FROM document") == 2);
  CHECK(count(*db, "SELECT count(*) FROM event_mention") == 2);
  CHECK(count(*db, "SELECT count(*) FROM event_mention WHERE cluster IS NULL OR event_id IS NULL") == 0);
  CHECK(count(*db, "SELECT count(*) FROM event_participant") == 2);
  CHECK(count(*db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
  // Tuesday's meeting told by both outlets: one node, two documents.
  CHECK(count(*db, "SELECT count(DISTINCT event_id) FROM event_mention") == 1);
  CHECK(count(*db, "SELECT documents FROM events") == 2);
  CHECK(count(*db, "SELECT count(*) FROM event_link") == 1);

  // A later batch links its new mention to the stored ones, read from the table.
  const auto third = talks("https://wire.example/talks", "Wire", "In Antwerp, Marta Vinck met the owners on Tuesday.", "2025-03-04");
  tmp.store({third});
  auto again = store::open_database(tmp.path(), store::OpenMode::read_only);
  CHECK(count(*again, "SELECT count(*) FROM event_mention") == 3);
  CHECK(count(*again, "SELECT count(DISTINCT event_id) FROM event_mention") == 1);
  CHECK(count(*again, "SELECT documents FROM events") == 3);
}

TEST_CASE("store: within a document, a mention joins the nearest earlier cluster it can, by word for most kinds") {
  testing::DocBuilder d("https://gazette.example/storm", "Storm", "Gazette", "2025-03-05",
                        "Storm\nA fire broke out at the depot. A flood followed on the quay. The fire spread to the sheds. "
                        "The flood receded by night. Officials met at noon. They met again at six. The talks ended late. "
                        "The port announced a fund. It unveiled a grant. It launched it at once.");
  // Kinds that need the same word: the second "fire" joins the first fire, not
  // the nearer flood; the second flood joins the first flood.
  d.event("fire", EventKind::disaster, "fire", {}, -1, "");
  d.event("flood", EventKind::disaster, "flood", {}, -1, "");
  d.event("fire", EventKind::disaster, "fire", {}, -1, "", 1);
  d.event("flood", EventKind::disaster, "flood", {}, -1, "", 1);
  // A kind retold in other words: "talks" joins the nearest meeting that agrees
  // with it (the one at six), not the first.
  d.event("met", EventKind::meeting, "meet", {}, -1, "2025-03-04");
  d.event("met", EventKind::meeting, "meet", {}, -1, "2025-03-05", 1);
  d.event("talks", EventKind::meeting, "talk", {}, -1, "");
  // A cluster also meets mentions through the words its later members brought:
  // "unveiled" (announce, launch) joins "announced"; "launched" shares only
  // launch, with "unveiled".
  d.event("announced", EventKind::other, "announce", {}, -1, "");
  d.event("unveiled", EventKind::other, "unveil", {}, -1, "");
  d.event("launched", EventKind::other, "launch", {}, -1, "");
  testing::TempDb tmp("in-document-clusters");
  tmp.store({d});
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
  const auto cluster_of = [&](uint32_t start) {
    store::Stmt q = db->prepare("SELECT cluster FROM event_mention WHERE span_start = :s", "cluster_of");
    q.bind(":s", static_cast<int64_t>(start));
    REQUIRE(q.step());
    return q.int64(0);
  };
  const auto at = [&](std::string_view s, int nth = 0) { return d.find(s, nth).begin; };  // ASCII: bytes are code points
  CHECK(cluster_of(at("fire", 1)) == cluster_of(at("fire")));
  CHECK(cluster_of(at("flood", 1)) == cluster_of(at("flood")));
  CHECK(cluster_of(at("fire")) != cluster_of(at("flood")));
  CHECK(cluster_of(at("talks")) == cluster_of(at("met", 1)));
  CHECK(cluster_of(at("met", 1)) != cluster_of(at("met")));
  CHECK(cluster_of(at("unveiled")) == cluster_of(at("announced")));
  CHECK(cluster_of(at("launched")) == cluster_of(at("announced")));
  CHECK(count(*db, "SELECT count(DISTINCT cluster) FROM event_mention") == 5);
}
