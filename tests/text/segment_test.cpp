// Tokens, sentences, paragraphs and quotations.
#include <doctest/doctest.h>

#include <algorithm>

#include "text/segment.h"

using namespace chronicle;

TEST_CASE("segment: sentences split at terminal punctuation, not abbreviations") {
  const struct {
    const char* text;
    size_t sentences;
  } cases[] = {
      {"The talks ended. Both sides left.", 2},
      {"U.S. envoy Steve Witkoff met Mr. Merz on Dec. 14 in Berlin.", 1},
      {"He met the U.S. The talks went on.", 2},
      {"\"We are ready,\" she said. \"Are you?\"", 2},
      {"First paragraph here.\n\nSecond paragraph here.", 2},
      {"Headline without a stop\n\nBody text follows.", 2},
      {"Prices rose 1.5 percent. Markets fell.", 2},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(text::analyze(c.text).sentences.size() == c.sentences);
  }
}

TEST_CASE("segment: possessives split and abbreviations keep their dot") {
  const auto a = text::analyze("Ukraine's offer to the U.S. was noted by Gen. Grynkewich.");
  std::vector<std::string> words;
  for (uint32_t t = 0; t < a.tokens.size(); ++t) words.emplace_back(a.str(t));
  CHECK(words[0] == "Ukraine");
  CHECK(words[1] == "'s");
  CHECK(std::find(words.begin(), words.end(), "U.S.") != words.end());
  CHECK(std::find(words.begin(), words.end(), "Gen.") != words.end());
  CHECK(words.back() == ".");
}

TEST_CASE("segment: quotations in curly, straight and typewriter quotes") {
  const struct {
    const char* text;
    const char* inner;
  } cases[] = {
      {"\xE2\x80\x9CThis doesn\xE2\x80\x99t move the needle,\xE2\x80\x9D he said.", "This doesn\xE2\x80\x99t move the needle,"},
      {"\"It is an effort to appear reasonable,\" Logan said.", "It is an effort to appear reasonable,"},
      {"He said ``we will go'' on Monday.", "we will go"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto a = text::analyze(c.text);
    REQUIRE(a.quotes.size() == 1);
    CHECK(a.str(a.quotes[0].inner) == c.inner);
  }
}

TEST_CASE("segment: a quotation left open at a paragraph end continues") {
  const auto a = text::analyze("\"We will talk.\n\n\"Then we decide,\" he said.");
  REQUIRE(a.quotes.size() == 2);
  CHECK_FALSE(a.quotes[0].closed);
  CHECK(a.quotes[1].closed);
}

TEST_CASE("segment: doubled apostrophes open and close quotations (newswire style)") {
  const auto a = text::analyze("''We will rebuild the bridge,'' the mayor said. ''It takes a year.''");
  REQUIRE(a.quotes.size() == 2);
  CHECK(a.str(a.quotes[0].inner) == "We will rebuild the bridge,");
  CHECK(a.str(a.quotes[1].inner) == "It takes a year.");
}

TEST_CASE("segment: a straight quote glued to the next word opens the next sentence") {
  const auto a = text::analyze("\"Stop,\" said Jo Pratt (D-Ill.) in an interview. \"It takes time.\"");
  REQUIRE(a.quotes.size() == 2);
  CHECK(a.str(a.quotes[1].inner) == "It takes time.");
  REQUIRE(a.sentences.size() == 2);
  CHECK(a.str(a.sentences[1].span) == "\"It takes time.\"");
}

TEST_CASE("segment: a quotation opening after an abbreviation starts a sentence") {
  const auto a = text::analyze("She works for Mic.com. \"You have a plan,\" she said.");
  REQUIRE(a.sentences.size() == 2);
  CHECK(a.str(a.sentences[1].span).starts_with("\"You have"));
}

TEST_CASE("segment: an opening mark typed where a closing one belongs closes the quotation") {
  const auto a = text::analyze("\xE2\x80\x9C" "Do you want that?\xE2\x80\x9C he asked. \xE2\x80\x9CNo.\xE2\x80\x9D");
  REQUIRE(a.quotes.size() == 2);
  CHECK(a.str(a.quotes[0].inner) == "Do you want that?");
  CHECK(a.str(a.quotes[1].inner) == "No.");
}

TEST_CASE("segment: web addresses, written whole, from www, or spaced out by a tokenised corpus") {
  const std::string text =
      "https://news.example/2024/05/marta-vinck-wins-port-vote.html\n"
      "Read more at www.harbour.example/votes, or write to us.\n"
      "http : / / port . example / 2024 / 05 / vinck - wins . html\n"
      "The http header and the hws.www file are not links; neither is xhttp://a.b.\n";
  const text::Analysis a = text::analyze(text);
  std::vector<std::string> found;
  for (const Span s : a.addresses) found.emplace_back(s.of(text));
  CHECK(found == std::vector<std::string>{"https://news.example/2024/05/marta-vinck-wins-port-vote.html", "www.harbour.example/votes",
                                          "http : / / port . example / 2024 / 05 / vinck - wins . html"});
  const auto at = [&](std::string_view word) {
    const auto b = static_cast<uint32_t>(text.find(word));
    return Span{b, b + static_cast<uint32_t>(word.size())};
  };
  CHECK(a.in_address(at("marta")));
  CHECK(a.in_address(at("vinck - wins")));
  CHECK_FALSE(a.in_address(at("Read")));
  CHECK_FALSE(a.in_address(at(", or write")));
  CHECK_FALSE(a.in_address(at("header")));
}
