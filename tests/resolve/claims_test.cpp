// Claim resolution: one quotation carried by several outlets with small wording
// differences is one claim, in whatever order or batches its articles come;
// a later claim that names an earlier speaker and answers what they said is
// linked to it (claim_link).
#include <doctest/doctest.h>

#include <filesystem>

#include "../graph/story.h"
#include "graph/claims.h"
#include "resolve/claims.h"
#include "store/schema.h"
#include "support/util.h"

using namespace chronicle;

TEST_CASE("claims: small wording differences are the same claim, negation or other words are not") {
  using resolve::claim_words;
  using resolve::same_claim;
  CHECK(same_claim(claim_words("They will try to wiggle out of the port deal again"),
                   claim_words("They will try to wriggle out of the port deal again")));
  CHECK(same_claim(claim_words("It's a way for Sandström to show the union is willing to talk"),
                   claim_words("It is a way for Sandstrom to show that the union is willing to talk")));
  CHECK_FALSE(same_claim(claim_words("The union will accept the offer this week"), claim_words("The union will not accept the offer this week")));
  CHECK_FALSE(same_claim(claim_words("The strike ends on Friday at noon"), claim_words("The mayor has ignored the workers for months")));
  // Short claims only meet their exact copies.
  CHECK(same_claim(claim_words("Not now."), claim_words("not now")));
  CHECK_FALSE(same_claim(claim_words("We agree"), claim_words("We agreed")));
  CHECK(resolve::claim_similarity(claim_words("a b c d"), claim_words("a b c d")) == 1);
}

TEST_CASE("claims: the quick bounds of same_claim never turn away a pair the rule takes") {
  // The rule: the same words, or four words or more each, the same polarity
  // and a similarity of kSameClaim or more. same_claim() rejects most pairs on
  // bounds first (lengths, hashed word keys, first and last letters); over the
  // sentences of samples/ and altered copies of them it must agree with the rule.
  using resolve::claim_words;
  std::vector<std::vector<std::string>> texts;
  for (const auto& f : std::filesystem::directory_iterator(test::kSourceDir / "samples")) {
    const std::string text = test::read_file(f.path());
    for (size_t at = 0; at < text.size();) {
      const size_t end = std::min(text.find_first_of(".?!\n", at), text.size());
      std::vector<std::string> words = claim_words(std::string_view(text).substr(at, end - at));
      at = end + 1;
      if (words.size() < 2) continue;
      texts.push_back(words);
      std::vector<std::string> shorter(words.begin(), words.end() - 1), edited = words, longer = words;
      for (size_t i = 0; i < edited.size(); i += 3) edited[i].back() = edited[i].back() == 'x' ? 'y' : 'x';
      longer.insert(longer.end(), {"and", "then", "some"});
      for (auto* v : {&shorter, &edited, &longer}) texts.push_back(*v);
    }
  }
  REQUIRE(texts.size() > 200);
  std::vector<resolve::ClaimText> described;
  for (const auto& t : texts) described.push_back(resolve::claim_text(t));
  size_t same = 0, differ = 0;
  for (size_t i = 0; i < texts.size(); ++i)
    for (size_t j = i; j < texts.size() && j < i + 64; ++j) {
      const auto& a = texts[i];
      const auto& b = texts[j];
      const bool rule = a == b || (a.size() >= resolve::kMinWords && b.size() >= resolve::kMinWords &&
                                   resolve::negated(a) == resolve::negated(b) && resolve::claim_similarity(a, b) >= resolve::kSameClaim);
      const bool quick = resolve::same_claim(described[i], described[j]);
      if (quick != rule) FAIL_CHECK("pair " << i << ", " << j << ": same_claim " << quick << ", rule " << rule);
      ++(rule ? same : differ);
    }
  // Both answers are common among these pairs.
  CHECK(same > 500);
  CHECK(differ > 10000);
}

namespace {

using testing::DocBuilder;

DocBuilder quote_doc(std::string uri, std::string source, std::string published, std::string verb) {
  DocBuilder d(std::move(uri), "Port talks", std::move(source), published,
               "Port talks\nAnna Berg said: \"They will try to " + verb + " out of the port deal again.\"");
  const int32_t berg = d.entity("Anna Berg", EntityKind::person);
  d.claim("They will try to " + verb + " out of the port deal again.", "said", d.mention("Anna Berg", berg), true, published.substr(0, 10));
  return d;
}

DocBuilder answer_doc() {
  DocBuilder d("https://courier.example/answer", "Owners answer", "Courier", "2025-03-06",
               "Owners answer\nOmar Lind dismissed claims that the owners would wriggle out of the port deal made with Berg.");
  const int32_t lind = d.entity("Omar Lind", EntityKind::person), berg = d.entity("Anna Berg", EntityKind::person);
  d.mention("Berg", berg);
  d.claim("the owners would wriggle out of the port deal made with Berg", "dismissed", d.mention("Omar Lind", lind), false, "2025-03-06");
  return d;
}

int64_t count(store::Db& db, const char* sql) {
  store::Stmt s = db.prepare(sql, "count");
  return s.step() ? s.int64(0) : -1;
}

}  // namespace

TEST_CASE("claims: one quotation in two outlets is one claim, in any order and batching") {
  const auto a = quote_doc("https://gazette.example/q", "Gazette", "2025-03-04", "wiggle");
  const auto b = quote_doc("https://post.example/q", "Post", "2025-03-05", "wriggle");
  std::string first_key;
  for (int order = 0; order < 3; ++order) {
    CAPTURE(order);
    testing::TempDb tmp("claims-merge");
    if (order == 0) tmp.store({a, b});
    if (order == 1) tmp.store({b, a});
    if (order == 2) {
      tmp.store({b});
      tmp.store({a});
    }
    auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
    CHECK(count(*db, "SELECT count(*) FROM claims") == 1);
    CHECK(count(*db, "SELECT documents FROM claims") == 2);
    CHECK(count(*db, "SELECT count(*) FROM evidence WHERE item_kind = 'claim'") == 2);
    store::Stmt k = db->prepare("SELECT key, date FROM claim", "key");
    REQUIRE(k.step());
    if (order == 0) first_key = k.str(0);
    CHECK(k.str(0) == first_key);
    CHECK(k.str(1) == "2025-03-04");  // first said
  }
}

TEST_CASE("claims: copies without a speaker are one claim, quoted if one is and dated by the earliest, in any order") {
  const auto copy = [](std::string uri, std::string published, bool quoted) {
    DocBuilder d(std::move(uri), "Harbour notice", "Wire", published,
                 "Harbour notice\nThe harbour will stay closed until the storm has passed, the notice said.");
    d.claim("The harbour will stay closed until the storm has passed", "said", -1, quoted, published);
    return d;
  };
  const auto early = copy("https://wire.example/early", "2025-03-04", false);
  const auto late = copy("https://wire.example/late", "2025-03-06", true);
  for (int order = 0; order < 3; ++order) {
    CAPTURE(order);
    testing::TempDb tmp("claims-copies");
    if (order == 0) tmp.store({early, late});
    if (order == 1) tmp.store({late, early});  // the node is made from the later copy, then the earlier joins it
    if (order == 2) {
      tmp.store({late});
      tmp.store({early});
    }
    auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
    CHECK(count(*db, "SELECT count(*) FROM claim") == 1);
    store::Stmt c = db->prepare("SELECT date, quoted, speaker_entity_id IS NULL FROM claim", "copy");
    REQUIRE(c.step());
    CHECK(c.str(0) == "2025-03-04");
    CHECK(c.int64(1) == 1);
    CHECK(c.int64(2) == 1);
  }
}

TEST_CASE("claims: a later claim naming the speaker and her words is linked to hers, as a contradiction when it dismisses them") {
  for (int batches = 1; batches <= 2; ++batches) {
    CAPTURE(batches);
    testing::TempDb tmp("claims-link");
    if (batches == 1) {
      tmp.store({answer_doc(), quote_doc("https://gazette.example/q", "Gazette", "2025-03-04", "wiggle")});
    } else {
      tmp.store({answer_doc()});
      tmp.store({quote_doc("https://gazette.example/q", "Gazette", "2025-03-04", "wiggle")});
    }
    auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
    store::Stmt s = db->prepare(R"sql(
      SELECT a.speaker, k.relation, b.speaker FROM claim_link k
        JOIN claims a ON a.id = k.claim_id JOIN claims b ON b.id = k.target_id)sql", "links");
    REQUIRE(s.step());
    CHECK(s.str(0) == "Omar Lind");
    CHECK(s.str(1) == "contradicts");
    CHECK(s.str(2) == "Anna Berg");
    CHECK_FALSE(s.step());
    s.reset();
    // The query side shows the link from both ends.
    const std::vector<graph::Claim> all = graph::claims(*db, {});
    REQUIRE(all.size() == 2);
    for (const graph::Claim& c : all) {
      REQUIRE(c.links.size() == 1);
      CHECK(c.links[0].relation == "contradicts");
      CHECK(c.links[0].incoming == (c.speaker == "Anna Berg"));
      CHECK(c.links[0].speaker == (c.speaker == "Anna Berg" ? "Omar Lind" : "Anna Berg"));
    }
    // And the claims command prints it under each claim.
    const auto printed = test::chronicle("claims --db " + test::quote(tmp.path()));
    CHECK(printed.status == 0);
    CHECK(printed.out.find("contradicted by Omar Lind (2025-03-06)") != std::string::npos);
    CHECK(printed.out.find("contradicts Anna Berg (2025-03-04)") != std::string::npos);
  }
}

TEST_CASE("claims: an earlier claim does not answer a later one, nor a speaker himself") {
  testing::TempDb tmp("claims-nolink");
  // Lind speaks before Berg: nothing of his can answer her.
  auto early = answer_doc();
  early.doc.published = "2025-03-01", early.doc.anchor = "2025-03-01";
  early.facts.claims[0].date = "2025-03-01";
  tmp.store({early, quote_doc("https://gazette.example/q", "Gazette", "2025-03-04", "wiggle")});
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
  CHECK(count(*db, "SELECT count(*) FROM claim_link") == 0);
}
