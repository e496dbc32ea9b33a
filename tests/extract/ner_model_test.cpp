// The name tagger's building blocks: tagger tokens, tag decoding, model files.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "extract/ner_features.h"
#include "extract/ner_model.h"
#include "text/segment.h"

using namespace chronicle;
namespace ner = chronicle::extract::ner;

namespace {

std::vector<std::string> tagger_tokens(const std::string& text) {
  const text::Analysis a = text::analyze(text);
  ner::Features f;
  ner::featurize(a, f);
  std::vector<std::string> out;
  for (const Span& s : f.tokens) out.emplace_back(s.of(text));
  return out;
}

}  // namespace

TEST_CASE("ner: pre-tokenised and running text give the same tagger tokens") {
  const struct {
    const char* text;
    std::vector<std::string> tokens;
  } cases[] = {
      {"England's captain", {"England", "'s", "captain"}},
      {"England 's captain", {"England", "'s", "captain"}},
      {"England\xE2\x80\x99s captain", {"England", "\xE2\x80\x99s", "captain"}},
      {"Tampa , Fla. , said", {"Tampa", ",", "Fla.", ",", "said"}},
      {"He met the U.S. envoy.", {"He", "met", "the", "U.S.", "envoy", "."}},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    CHECK(tagger_tokens(c.text) == c.tokens);
  }
}

TEST_CASE("ner: every token gets features, each sentence and line is a sequence") {
  const std::string text = "BERLIN 2025-12-14\nChancellor Friedrich Merz met envoys. They talked.";
  const text::Analysis a = text::analyze(text);
  ner::Features f;
  ner::featurize(a, f);
  REQUIRE(f.offsets.size() == f.tokens.size() + 1);
  CHECK(f.sentences.size() == 4);  // three sequences plus the end
  for (size_t i = 0; i < f.tokens.size(); ++i) {
    CHECK(f.offsets[i + 1] > f.offsets[i]);
    CHECK(f.offsets[i + 1] - f.offsets[i] <= ner::kMaxKeysPerToken);
    for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) CHECK(f.keys[k] != 0);
  }
}

TEST_CASE("ner: a link's words do not change how the text's words are described") {
  // The tagger counts how each word is written elsewhere in the document; the
  // lower-case "marta" and "vinck" of a link's slug are no such evidence.
  const std::string body = "Marta Vinck wins port vote\nThe union said on Tuesday that Marta Vinck had won the vote .";
  const auto features_of_body = [&](const std::string& text) {
    const text::Analysis a = text::analyze(text);
    ner::Features f;
    ner::featurize(a, f);
    std::vector<std::vector<uint32_t>> out;  // the keys of the body's tokens, from the end
    const size_t n = f.tokens.size();
    for (size_t i = n; i-- > 0 && f.tokens[i].begin >= text.size() - body.size();)
      out.emplace_back(f.keys.begin() + f.offsets[i], f.keys.begin() + f.offsets[i + 1]);
    return out;
  };
  const auto plain = features_of_body(body);
  REQUIRE(plain.size() == 18);
  CHECK(features_of_body("https://news.example/2024/05/marta-vinck-wins-port-vote.html\n" + body) == plain);
  CHECK(features_of_body("http : / / news . example / marta - vinck - wins . html\n" + body) == plain);
  // The same words in prose do count.
  CHECK(features_of_body("marta vinck , the slug said .\n" + body) != plain);
}

TEST_CASE("ner: BILOU tags decode into names") {
  using ner::make_tag;
  const uint8_t per = 0, loc = 2;
  const std::vector<uint8_t> tags = {ner::kO, make_tag(per, ner::kBegin), make_tag(per, ner::kInside),
                                     make_tag(per, ner::kLast), ner::kO, make_tag(loc, ner::kUnit),
                                     make_tag(loc, ner::kUnit)};
  const auto names = ner::names_of(tags);
  REQUIRE(names.size() == 3);
  CHECK((names[0].first == 1 && names[0].last == 4 && names[0].type == per));
  CHECK((names[1].first == 5 && names[1].last == 6 && names[1].type == loc));
  CHECK((names[2].first == 6 && names[2].last == 7 && names[2].type == loc));
  CHECK_FALSE(ner::allowed(make_tag(per, ner::kBegin), ner::kO));
  CHECK_FALSE(ner::allowed(ner::kTagCount, make_tag(per, ner::kLast)));
  CHECK(ner::allowed(make_tag(per, ner::kLast), make_tag(loc, ner::kUnit)));
}

TEST_CASE("ner: the shipped model loads; broken model files are refused") {
  CHECK(ner::Model::shipped().features() > 10000);
  const struct {
    std::string bytes;
    const char* why;
  } broken[] = {
      {"", "no header end"},
      {std::string("# header\n") + '\0' + "XXXX", "not a chronicle name model"},
      {std::string("# header\n") + '\0' + "CNER", "unknown format"},
  };
  for (const auto& b : broken) {
    std::string error;
    CHECK(ner::Model::parse(b.bytes, &error).empty());
    CHECK(error == b.why);
  }
}

TEST_CASE("ner: featurized by type, a token has the keys of its type and its neighbours' types, and the same tags") {
  // Title-case and capitals headlines (read as capitals), repeated words,
  // sentences of one and two tokens, and a second document reusing the types.
  const std::string texts[] = {
      "Dock Workers Strike At Port Of Antwerp\nThe union said on Tuesday that Marta Vinck had won. Vinck agreed. Yes.\nOK",
      "PORT TALKS RESUME\nMarta Vinck met the minister in Brussels on Monday, the union said.",
  };
  for (const std::string& text : texts) {
    CAPTURE(text);
    const text::Analysis a = text::analyze(text);
    ner::Features full, typed;
    ner::featurize(a, full);
    ner::featurize_by_type(a, typed);
    REQUIRE_FALSE(full.by_type);
    REQUIRE(typed.by_type);
    REQUIRE(typed.tokens == full.tokens);
    REQUIRE(typed.types.size() == typed.tokens.size());
    std::vector<uint32_t> keys;
    for (size_t s = 0; s + 1 < typed.sentences.size(); ++s) {
      const int64_t b = typed.sentences[s], e = typed.sentences[s + 1];
      for (int64_t i = b; i < e; ++i) {
        const auto at = [&](int64_t j) { return j >= b && j < e ? typed.types[static_cast<size_t>(j)] : ner::TypeTable::kNone; };
        keys.assign(typed.keys.begin() + typed.offsets[i], typed.keys.begin() + typed.offsets[i + 1]);
        ner::TypeTable::keys(at(i), extract::kSelf, keys);
        ner::TypeTable::keys(at(i - 1), extract::kBefore1, keys);
        ner::TypeTable::keys(at(i - 2), extract::kBefore2, keys);
        ner::TypeTable::keys(at(i + 1), extract::kAfter1, keys);
        ner::TypeTable::keys(at(i + 2), extract::kAfter2, keys);
        std::vector<uint32_t> expected(full.keys.begin() + full.offsets[i], full.keys.begin() + full.offsets[i + 1]);
        std::sort(keys.begin(), keys.end());
        std::sort(expected.begin(), expected.end());
        CHECK(keys == expected);
      }
    }
    std::vector<uint8_t> by_keys, by_types;
    ner::Model::shipped().tag(full, by_keys);
    ner::Model::shipped().tag(typed, by_types);
    CHECK(by_types == by_keys);
    CHECK(std::count(by_types.begin(), by_types.end(), ner::kO) < static_cast<long>(by_types.size()));  // it finds names
  }
}
