// UTF-8 validation, decoding and code-point offsets.
#include <doctest/doctest.h>

#include "common/utf8.h"

using namespace chronicle;

TEST_CASE("utf8: first_invalid finds ill-formed sequences") {
  const struct {
    const char* text;
    std::optional<size_t> bad;
  } cases[] = {
      {"plain ascii", std::nullopt},
      {"Zelens\xE2\x80\x99kyy \xF0\x9F\x98\x80", std::nullopt},
      {"caf\xE9 latin-1", 3},               // Latin-1 byte
      {"over\xC0\xAFlong", 4},              // overlong '/'
      {"surrogate \xED\xA0\x80", 10},       // U+D800
      {"truncated \xE2\x80", 10},
      {"beyond \xF4\x90\x80\x80", 7},       // > U+10FFFF
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(utf8::first_invalid(c.text) == c.bad);
  }
}

TEST_CASE("utf8: code point offsets map back and forth") {
  const std::string s = "K\xC3\xBD" "iv \xF0\x9F\x98\x80 ok";  // K ý i v space 😀 space o k
  const utf8::CodePoints cp(s);
  CHECK(cp.at(0) == 0);
  CHECK(cp.at(3) == 2);       // 'i' after the two-byte ý
  CHECK(cp.at(6) == 5);       // the emoji
  CHECK(cp.at(static_cast<uint32_t>(s.size())) == utf8::count(s));
  CHECK(cp.byte_of(5) == 6);
}

TEST_CASE("utf8: fold lowers case and removes diacritics") {
  CHECK(utf8::fold("Zelenskyy") == "zelenskyy");
  CHECK(utf8::fold("Kyïv") == "kyiv");
  CHECK(utf8::fold("Türkiye") == "turkiye");
  CHECK(utf8::sanitize("a\xFFz") == "a\xEF\xBF\xBDz");
}
