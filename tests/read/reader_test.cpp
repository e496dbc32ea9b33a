// The read stage: format detection, front matter, JSON Lines, dates, datelines
// and the errors bad input gets.
#include <doctest/doctest.h>

#include "read/dates.h"
#include "read/reader.h"
#include "support/util.h"

using namespace chronicle;

namespace {

read::Unit unit(const std::string& path, std::string bytes, Format f, size_t line = 0) {
  read::Unit u;
  u.path = path;
  u.origin = line ? path + ":" + std::to_string(line) : path;
  u.line = line;
  u.format = f;
  u.bytes = std::move(bytes);
  return u;
}

}  // namespace

TEST_CASE("read: format detection by name and by content") {
  const struct {
    const char* path;
    const char* head;
    Format format;
  } cases[] = {
      {"a.txt", "<html>", Format::text},          // the extension wins
      {"a.md", "", Format::text},
      {"a.HTML", "", Format::html},
      {"a.htm", "", Format::html},
      {"page", "  <!DOCTYPE html><html>", Format::html},
      {"page", "<html lang=en>", Format::html},
      {"a.jsonl", "{}", Format::jsonl},
      {"a.ndjson", "{}", Format::jsonl},
      {"notes", "Just words.", Format::text},
  };
  for (const auto& c : cases) {
    CAPTURE(c.path);
    CHECK(read::detect_format(c.path, c.head) == c.format);
  }
}

TEST_CASE("read: dates in the forms news pages use") {
  const struct {
    const char* text;
    const char* iso;
  } cases[] = {
      {"2025-12-14", "2025-12-14"},
      {"2025-12-14T09:30:00Z", "2025-12-14T09:30:00Z"},
      {"December 14, 2025", "2025-12-14"},
      {"Monday, 15 Dec 2025", "2025-12-15"},
      {"Mon, 15 Dec 2025 10:00:00 GMT", "2025-12-15"},
      {"15.12.2025", "2025-12-15"},
      {"March 2026", "2026-03"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(read::normalize_date(c.text).value_or("none") == c.iso);
  }
  CHECK_FALSE(read::normalize_date("the talks went on"));
  CHECK(read::date_line("  \xE2\x80\xA2 Monday, 15 Dec 2025").value_or("") == "2025-12-15");
  CHECK(read::date_line("December 15, 2025, 04:20December 15, 2025, 04:20").value_or("") == "2025-12-15");
  CHECK_FALSE(read::date_line("The talks in Berlin on Sunday lasted five hours and ended late."));
}

TEST_CASE("read: datelines give the place and the day") {
  auto d = read::find_dateline("NEW YORK, Dec 14 (Reuters) - Two experts said on Sunday that ...");
  REQUIRE(d);
  CHECK(d->place == "NEW YORK");
  CHECK(d->date.month == 12);
  CHECK(d->date.day == 14);
  CHECK_FALSE(read::find_dateline("The minister said - and repeated - that talks would go on."));
}

TEST_CASE("read: text with front matter, title and anchor") {
  const std::string text =
      "---\ntitle: Port talks\npublished: 2026-03-03\nsource: Brussels Wire\n---\n"
      "Port talks\n\nBRUSSELS, March 2 (BW) - Talks began on Monday.\n";
  const Document doc = read::parse(unit("a.txt", text, Format::text), {});
  CHECK(doc.title == "Port talks");
  CHECK(doc.published == "2026-03-03");
  CHECK(doc.source == "Brussels Wire");
  CHECK(doc.dateline == "BRUSSELS");
  CHECK(doc.anchor == "2026-03-02");  // the dateline's day, in the publication year
  CHECK(doc.text.starts_with("Port talks\n\nBRUSSELS"));
}

TEST_CASE("read: JSON Lines keeps the caller's text exactly") {
  const std::string line = R"({"id": "d1", "url": "https://x.example/1", "title": "T", "published": "2025-12-14", "text": "Caf\u00e9 talks\r\nended."})";
  const Document doc = read::parse(unit("in.jsonl", line, Format::jsonl, 3), {});
  CHECK(doc.uri == "https://x.example/1");
  CHECK(doc.text == "Caf\xC3\xA9 talks\r\nended.");
  CHECK(doc.published == "2025-12-14");
  CHECK(doc.anchor == "2025-12-14");
}

TEST_CASE("read: bad input gets a clear error naming the file and line") {
  const struct {
    const char* name;
    read::Unit u;
    const char* where;
    const char* message;
  } cases[] = {
      {"broken json", unit("in.jsonl", "{\"text\": \"unterminated", Format::jsonl, 7), "in.jsonl:7", "broken JSON"},
      {"json without text", unit("in.jsonl", "{\"title\": \"x\"}", Format::jsonl, 2), "in.jsonl:2", "no \"text\""},
      {"json array", unit("in.jsonl", "[1, 2]", Format::jsonl, 1), "in.jsonl:1", "not an object"},
      {"latin-1 text", unit("old.txt", "line one\nline two caf\xE9\n", Format::text), "old.txt:2", "invalid UTF-8"},
      {"empty", unit("empty.txt", "  \n\n", Format::text), "empty.txt", "empty"},
      {"binary", unit("blob.txt", std::string("\x7f" "ELF\0\0\x01", 7), Format::text), "blob.txt", "binary"},
      {"empty html", unit("e.html", "", Format::html), "e.html", "empty"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    try {
      (void)read::parse(c.u, {});
      FAIL("no error for ", c.name);
    } catch (const read::ReadError& e) {
      CHECK(e.where() == c.where);
      CHECK(std::string(e.what()).find(c.message) != std::string::npos);
    }
  }
}

TEST_CASE("read: the walker lists directories recursively in sorted order and survives symlink loops") {
  test::TempDir dir;
  test::write_file(dir / "b/2.txt", "two words here");
  test::write_file(dir / "b/1.txt", "one word here");
  test::write_file(dir / "a.txt", "alpha text here");
  test::write_file(dir / ".hidden/x.txt", "hidden text");
  std::filesystem::create_directory_symlink(dir.path(), dir / "b/loop");
  read::Walker walker({dir.path().string(), (dir / "missing.txt").string()}, {});
  std::vector<std::string> seen;
  std::vector<read::Problem> problems;
  read::Unit u;
  while (walker.next(u, problems)) seen.push_back(std::filesystem::path(u.path).lexically_relative(dir.path()).string());
  CHECK(seen == std::vector<std::string>{"a.txt", "b/1.txt", "b/2.txt"});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("no such file") != std::string::npos);
}

TEST_CASE("read: a JSON line over the size limit is skipped, the next one is read") {
  test::TempDir dir;
  const std::string big(3000, 'x');
  test::write_file(dir / "in.jsonl", "{\"text\": \"" + big + "\"}\n{\"text\": \"small\"}\n");
  read::Options opt;
  opt.max_bytes = 1000;
  read::Walker walker({(dir / "in.jsonl").string()}, opt);
  std::vector<read::Problem> problems;
  read::Unit u;
  REQUIRE(walker.next(u, problems));
  CHECK(u.line == 2);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.ends_with("in.jsonl:1"));
  CHECK(problems[0].message.find("limit") != std::string::npos);
}
