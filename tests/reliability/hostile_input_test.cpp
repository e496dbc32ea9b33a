// Hostile input for `chronicle ingest`: text full of quotes, SQL, control
// characters, NUL, bidi marks and emoji is stored and printed as data; huge
// files and lines, deep HTML, thousands of empty files, symbolic link loops and
// files that change while being read each end in a clear message or a stored
// document, never a crash, with peak memory measured against the bound
// (docs/reliability.md: about 60 MB + 250 bytes per byte of the largest
// document accepted, --max-mb, 4 MiB by default).
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/utf8.h"
#include "support/db_check.h"
#include "support/process.h"
#include "support/util.h"

using namespace chronicle;
using test::quote;

namespace {

std::string ingest(const std::string& db, const std::string& args) { return test::kBinary + " ingest -q --jobs 2 --db " + quote(db) + " " + args; }

size_t lines_containing(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A file of `bytes` bytes of prose on one line, written in chunks.
void write_one_line(const std::filesystem::path& p, size_t bytes, const std::string& prefix = "", const std::string& suffix = "") {
  std::ofstream out(p, std::ios::binary);
  out << prefix;
  const std::string chunk = "The port stayed closed while Anna Berg met Omar Lind in Oslo. ";
  for (size_t n = 0; n < bytes; n += chunk.size()) out << chunk;
  out << suffix;
}

constexpr long kBaseRssKb = 100 * 1024;  // binary, lexicons, models, SQLite cache

}  // namespace

TEST_CASE("hostile input: quotes, SQL, control characters, NUL, bidi marks and emoji are stored and printed as data") {
  test::TempDir dir;
  const std::string nasty_id = "id'\"; DROP TABLE document;--";
  const std::string text =
      "Robert'); DROP TABLE entity;-- met \"Anna Berg\" in Oslo on Monday. "
      "Bell\x07 escape\x1b[31mred\x1b[0m del\x7f tab\there. "
      "Nul" + std::string(1, '\0') + "byte. "
      "Right\xE2\x80\x8Fto\xE2\x80\xAEleft override. "
      "Family \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 and flag \xF0\x9F\x87\xA7\xF0\x9F\x87\xAA. "
      "Cafe\xCC\x81 O'Brien-D\xC3\xBAnlaing said: \"'quoted' %s %n {} \\\\ \".";
  nlohmann::json line = {{"id", nasty_id}, {"title", "T'itle\x01\"; --"}, {"source", "Src\xE2\x80\xAE"}, {"published", "2026-03-02"}, {"text", text}};
  test::write_file(dir / "in/nasty.jsonl", line.dump() + "\n");
  test::write_file(dir / "in/nasty.html", "<html><body><article><p>Anna Berg wrote &lt;script&gt;alert('x')&lt;/script&gt; "
                                          "and &#x202E;reversed&#x202C; text &#0; in Oslo on Monday.</p></article></body></html>");
  test::write_file(dir / "in/nasty.txt", "Omar Lind said \"'); DELETE FROM documents; --\" in Ghent \xE2\x80\x8F on Friday. \xF0\x9F\x98\x80\n");
  const std::string db = (dir / "x.db").string();
  const auto r = test::run(ingest(db, quote(dir / "in")));
  CHECK(r.status == 0);
  CHECK(r.err == "");
  CHECK(test::db_problems(db) == "");
  CHECK(test::db_count(db, "SELECT count(*) FROM documents") == 3);

  std::string expected = text;
  utf8::replace_nul(expected);  // U+0000 is stored as U+FFFD, one code point for one
  {
    store::Db d(db, store::OpenMode::read_only);
    store::Stmt s = d.prepare("SELECT uri, title, source, text, length(text) FROM documents WHERE uri LIKE 'id%'", "t");
    REQUIRE(s.step());
    CHECK(s.str(0) == nasty_id);
    CHECK(s.str(1) == "T'itle\x01\"; --");
    CHECK(s.str(2) == "Src\xE2\x80\xAE");
    CHECK(s.str(3) == expected);
    CHECK(s.int64(4) == static_cast<int64_t>(utf8::count(text)));  // SQLite sees every code point
  }
  CHECK(test::chronicle("stats --db " + quote(db)).status == 0);
  // A plain sqlite3 session prints the stored text back as it was given.
  const auto printed = test::run("sqlite3 " + quote(db) + " \"SELECT uri FROM documents WHERE uri LIKE 'id%'\"");
  CHECK(printed.out == nasty_id + "\n");
  // `chronicle extract` prints valid JSON carrying the same text.
  const auto extracted = test::chronicle("extract " + quote(dir / "in/nasty.jsonl"));
  REQUIRE(extracted.status == 0);
  CHECK(nlohmann::json::parse(extracted.out)["text"].get<std::string>() == expected);
}

TEST_CASE("hostile input: a 100 MB single-line file and a 50 MB JSON line are refused with a message, in little memory") {
  test::TempDir dir;
  write_one_line(dir / "huge.txt", 100u << 20);
  write_one_line(dir / "huge.jsonl", 50u << 20, "{\"id\": \"big\", \"text\": \"", "\"}\n{\"id\": \"after\", \"text\": \"Anna Berg spoke in Oslo on Monday.\"}\n");
  const std::string db = (dir / "x.db").string();
  const auto m = test::measure(ingest(db, quote(dir / "huge.txt") + " " + quote(dir / "huge.jsonl")));
  CHECK(m.status == 1);
  CHECK(m.err.find("huge.txt: file is 100.0 MB, larger than the 4.0 MB limit") != std::string::npos);
  CHECK(m.err.find("huge.jsonl:1: JSON line longer than the 4.0 MB limit") != std::string::npos);
  CHECK(test::db_count(db, "SELECT count(*) FROM documents WHERE uri = 'after'") == 1);  // the next line still counts
  if (!test::kSanitized) CHECK(m.peak_rss_kb < kBaseRssKb + 2 * 4 * 1024);  // never more than the limit of the line in memory
  MESSAGE("100 MB file + 50 MB line: peak RSS " << m.peak_rss_kb / 1024 << " MB in " << m.seconds << " s");
}

TEST_CASE("hostile input: the largest accepted document is processed within the memory bound, one at a time") {
  test::TempDir dir;
  // Two documents of 600 KB under --max-mb 1: the byte budget lets one in at a
  // time, so the peak is that of one document (two at once would pass 300 MB).
  std::string lines;
  for (int i = 0; i < 2; ++i) {
    std::string text;
    while (text.size() < 600 * 1024) text += fmt::format("Anna Berg met Omar Lind in Oslo on Monday, said the {} union. ", i);
    lines += nlohmann::json{{"id", fmt::format("big{}", i)}, {"text", text}}.dump() + "\n";
  }
  test::write_file(dir / "big.jsonl", lines);
  const std::string db = (dir / "x.db").string();
  const auto m = test::measure(ingest(db, "--max-mb 1 " + quote(dir / "big.jsonl")));
  CHECK(m.status == 0);
  CHECK(test::db_count(db, "SELECT count(*) FROM documents") == 2);
  if (!test::kSanitized) CHECK(m.peak_rss_kb < 60 * 1024 + 300 * 600);  // 300 bytes per byte of one 600 KB document
  MESSAGE("2 x 600 KB documents, --max-mb 1: peak RSS " << m.peak_rss_kb / 1024 << " MB in " << m.seconds << " s");
}

TEST_CASE("hostile input: HTML nested 100,000 levels deep is refused quickly") {
  test::TempDir dir;
  std::string page = "<html><body>";
  for (int i = 0; i < 100000; ++i) page += "<div>";
  page += "<p>Anna Berg spoke in Oslo on Monday.</p>";
  for (int i = 0; i < 100000; ++i) page += "</div>";
  test::write_file(dir / "deep.html", page + "</body></html>");
  const std::string db = (dir / "x.db").string();
  const auto m = test::measure(ingest(db, quote(dir / "deep.html")));
  CHECK(m.status == 1);
  CHECK(m.err.find("deep.html: HTML elements nested") != std::string::npos);
  if (!test::kSanitized) CHECK(m.seconds < 20);
  if (!test::kSanitized) CHECK(m.peak_rss_kb < kBaseRssKb + 100 * 1024);
}

TEST_CASE("hostile input: a directory of 10,000 empty files gives one message each and stores the one good file") {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "in");
  for (int i = 0; i < 10000; ++i) std::ofstream(dir / "in" / fmt::format("e{:05d}.txt", i));
  test::write_file(dir / "in/good.txt", "Anna Berg spoke in Oslo on Monday.\n");
  const std::string db = (dir / "x.db").string();
  const auto m = test::measure(test::kBinary + " ingest --jobs 2 --db " + quote(db) + " " + quote(dir / "in"));
  CHECK(m.status == 1);
  CHECK(lines_containing(m.err, ": empty file, skipped") == 10000);
  CHECK(m.out.find("1 new") != std::string::npos);
  CHECK(m.out.find("10000 skipped") != std::string::npos);
  CHECK(test::db_count(db, "SELECT count(*) FROM documents") == 1);
  MESSAGE("10,000 empty files: " << m.seconds << " s, peak RSS " << m.peak_rss_kb / 1024 << " MB");
}

TEST_CASE("hostile input: symbolic link loops and dangling links are reported; links to files are followed") {
  test::TempDir dir;
  const auto d = dir / "in";
  test::write_file(d / "good.txt", "Anna Berg spoke in Oslo on Monday.\n");
  std::filesystem::create_directory_symlink(".", d / "loop");  // a directory link to itself: not followed
  std::filesystem::create_symlink("self", d / "self");
  std::filesystem::create_symlink("b", d / "a");
  std::filesystem::create_symlink("a", d / "b");
  std::filesystem::create_symlink("nowhere", d / "dangling");
  std::filesystem::create_symlink("good.txt", d / "link.txt");
  std::filesystem::create_symlink("top", dir / "top");
  const std::string db = (dir / "x.db").string();
  const auto r = test::run(test::kBinary + " ingest --db " + quote(db) + " " + quote(d) + " " + quote(dir / "top"));
  CHECK(r.status == 1);
  for (const char* name : {"in/a:", "in/b:", "in/self:", "in/dangling:"}) {
    CAPTURE(name);
    CHECK(r.err.find(std::string(name) + " broken or looping symbolic link, skipped") != std::string::npos);
  }
  CHECK(r.err.find("top: Too many levels of symbolic links") != std::string::npos);
  CHECK(test::db_count(db, "SELECT count(*) FROM documents") == 2);  // good.txt and link.txt
}

TEST_CASE("hostile input: a file rewritten, grown and truncated while it is being read") {
  test::TempDir dir;
  const auto path = dir / "moving.jsonl";
  const std::string good = "{\"id\": \"m\", \"text\": \"Anna Berg met Omar Lind in Oslo on Monday.\"}\n";
  std::string many;
  for (int i = 0; i < 300; ++i) many += fmt::format("{{\"id\": \"m{}\", \"text\": \"Anna Berg met Omar Lind in Oslo on day {}.\"}}\n", i, i);
  test::write_file(path, many);
  std::atomic<bool> stop{false};
  std::thread changer([&] {
    for (unsigned n = 0; !stop; ++n) {
      switch (n % 4) {
        case 0: ::truncate(path.c_str(), static_cast<off_t>((n * 7919) % many.size())); break;  // cut anywhere, even mid-character
        case 1: std::ofstream(path, std::ios::app) << good << "{\"id\": \"half"; break;
        case 2: test::write_file(path, many); break;
        default: std::ofstream(path, std::ios::in | std::ios::out | std::ios::binary).write("\xFF\xFE garbage", 10); break;
      }
    }
  });
  const std::string db = (dir / "x.db").string();
  int statuses[2] = {0, 0};
  for (int run = 0; run < 10; ++run) {
    const auto r = test::run(ingest(db, quote(path)));
    CAPTURE(r.err);
    CHECK((r.status == 0 || r.status == 1));  // stored, or skipped with a message; never a crash
    ++statuses[r.status == 0 ? 0 : 1];
  }
  stop = true;
  changer.join();
  CHECK(test::db_problems(db) == "");
  MESSAGE("changing file: " << statuses[0] << " clean runs, " << statuses[1] << " runs with skipped lines");
}
