// Page furniture in plain text: rules from data/furniture.txt on lines written
// here, and the real scraped articles of ../shared/corpus/berlin read at test time.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/pipeline.h"
#include "read/furniture.h"
#include "read/reader.h"

using namespace chronicle;

namespace {

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Document read_text(const std::filesystem::path& p) {
  read::Unit u;
  u.origin = u.path = p.string();
  u.format = Format::text;
  u.bytes = slurp(p);
  return read::parse(u, read::Options{});
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string line; std::getline(ss, line);) out.push_back(line);
  return out;
}

bool ends_with_stop(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s.ends_with(".") || s.ends_with("\"") || s.ends_with("\xE2\x80\x9D") || s.ends_with("?");
}

const std::filesystem::path kBerlin = std::filesystem::path(CHRONICLE_SHARED_DIR) / "corpus" / "berlin";

}  // namespace

TEST_CASE("furniture: lines by their shape and wording") {
  const struct {
    const char* line;
    read::LineKind kind;
  } cases[] = {
      {"  \xE2\x80\xA2 Politics", read::LineKind::drop},                     // navigation bullet
      {"\xE2\x80\xA2 The envoy arrived on Sunday and met the minister.", read::LineKind::keep},
      {"Follow us on our channel for alerts and updates about the region!", read::LineKind::drop},
      {"Follow the money, investigators told the committee on Friday.", read::LineKind::keep},
      {"For More visit ExampleNews", read::LineKind::drop},
      {"(Reporting by Ann Example in Rome; Editing by Bo Sample and Cy Person)", read::LineKind::drop},
      {"Reporting by the agency suggested that the talks had stalled, two officials said.", read::LineKind::drop},
      {"By Ann Example and Bo Sample", read::LineKind::drop},
      {"By Sunday evening the talks had ended without a deal.", read::LineKind::keep},
      {"By contrast, the second round went well", read::LineKind::keep},
      {"Home", read::LineKind::drop},
      {"Home prices rose again in the spring, the survey found.", read::LineKind::keep},
      {"Menu \xC2\xBB", read::LineKind::drop},
      {"Related", read::LineKind::tail},
      {"Relatedly, the ministry said it would review the rules.", read::LineKind::keep},
      {"Next In Europe", read::LineKind::tail},
      {"More:", read::LineKind::tail},
      {"More than fifty people were hurt", read::LineKind::keep},
      {"More Great Example Stories", read::LineKind::tail},
      {"Sources used:", read::LineKind::tail},
      {"Copyright 2025 Example Media. All rights reserved.", read::LineKind::drop},
      {"Copyright lawsuits by authors against software firms grew this year, lawyers said.", read::LineKind::keep},
      {"Delegates leave the hall after the vote.Image: Example Agency", read::LineKind::drop},
      {"The minister met her counterpart in Rome on Monday. Example Ministry/Handout via REUTERS", read::LineKind::drop},
      {"The minister said the photo: was fake, and later apologised for the remark.", read::LineKind::keep},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.line));
    CHECK(read::classify_line(c.line) == c.kind);
  }
}

TEST_CASE("furniture: a tail list is cut unless article paragraphs follow it") {
  const std::vector<std::string_view> list = {
      "The council approved the plan on Tuesday, and work will begin in the spring, officials said.",
      "More from Europe",
      "Storm closes schools in the north",
      "Ministers meet to discuss fishing quotas",
  };
  CHECK(read::drop_furniture(list).size() == 1);
  const std::vector<std::string_view> interleaved = {
      "The council approved the plan on Tuesday, and work will begin in the spring, officials said.",
      "Related",
      "The plan had been delayed twice before, in part because of disagreements over the cost of the new bridge and "
      "over who would pay for the temporary ferry that residents will need while the work goes on.",
  };
  CHECK(read::drop_furniture(interleaved).size() == 2);
  // The list under the heading goes, up to the next sentence of the article.
  const std::vector<std::string_view> list_inside = {
      "The council approved the plan on Tuesday, and work will begin in the spring, officials said.",
      "Don't miss",
      "Storm closes schools in the north [VIDEO]",
      "Will the bridge ever reopen?",
      "Residents said they were relieved by the news.",
      "The ferry will run every twenty minutes.",
  };
  const auto kept = read::drop_furniture(list_inside);
  REQUIRE(kept.size() == 3);
  CHECK(kept[1] == "Residents said they were relieved by the news.");
}

TEST_CASE("furniture: text wrapped at a fixed width keeps its continuation lines") {
  const std::vector<std::string_view> wrapped = {
      "The mayor urged residents who rely on the ferry to",
      "sign up for the new pass before the deadline, officials said.",
      "",
      "Follow us for updates",
  };
  const auto kept = read::drop_furniture(wrapped);
  REQUIRE(kept.size() == 3);
  CHECK(kept[1].starts_with("sign up for the new pass"));
}

TEST_CASE("furniture: the scraped Berlin articles keep their paragraphs and lose the page furniture") {
  REQUIRE(std::filesystem::is_directory(kBerlin));
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(kBerlin))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() == 5);
  // Furniture the five pages carry, by short marks of each kind.
  const char* furniture[] = {"\xE2\x80\xA2", "Follow us", "Next In", "Others Also Read", "Sources used", "news agency",
                             "For More visit", "Reporting by", "Editing by", "Chief Editor", "You may also like",
                             "Leave a Comment", "More about the war", "Image: keystone", "via REUTERS"};
  const extract::Pipeline pipeline;
  for (const auto& path : files) {
    CAPTURE(path.filename().string());
    const std::string source = slurp(path);
    const Document doc = read_text(path);
    for (const char* f : furniture) {
      CAPTURE(std::string(f));
      CHECK_FALSE(has(doc.text, f));
    }
    // Every article paragraph stays: each long line that ends a sentence, other
    // than a photo caption, is in the text as it was.
    size_t paragraphs = 0;
    for (const std::string& line : lines_of(source)) {
      if (read::word_count(line) < 12 || !ends_with_stop(line) || line.starts_with("(")) continue;
      if (read::classify_line(line) != read::LineKind::keep) continue;
      CAPTURE(line.substr(0, 40));
      CHECK(has(doc.text, line.substr(0, line.find_last_not_of(" \r") + 1)));
      ++paragraphs;
    }
    CHECK(paragraphs >= 6);
    // Names that only the furniture holds never become entities.
    const DocumentFacts facts = pipeline.run(doc);
    for (const auto& e : facts.entities) {
      CAPTURE(e.name);
      for (const char* only_in_furniture : {"DiNapoli", "Reese", "NewsNeck", "Chief Editor", "Bondi", "Morocco", "Keystone"})
        CHECK_FALSE(has(e.name, only_in_furniture));
    }
  }
}

TEST_CASE("furniture: key sentences of the Berlin articles survive, headings included") {
  const struct {
    const char* file_prefix;
    std::vector<std::string> kept;
  } cases[] = {
      {"000_", {"NEW YORK, Dec 14 (Reuters)", "move the needle", "Not everyone dismissed", "more than a word"}},
      {"001_", {"rock-solid promises", "wriggle out of it"}},
      {"002_", {"What happened", "Why it matters", "Frequently Asked Questions", "demilitarised zone"}},
      {"003_", {"WhatsApp chat", "Dmytro Lytvyn"}},
      {"004_", {"Kremlin spokesman Dmitry Peskov", "Territory Remains the Sticking Point", "Diplomacy continues"}},
  };
  for (const auto& c : cases) {
    std::filesystem::path found;
    for (const auto& e : std::filesystem::directory_iterator(kBerlin))
      if (e.path().filename().string().starts_with(c.file_prefix)) found = e.path();
    REQUIRE(!found.empty());
    const Document doc = read_text(found);
    for (const std::string& k : c.kept) {
      CAPTURE(k);
      CHECK(has(doc.text, k));
    }
  }
  // The date line under the headline gives the publication date and goes.
  for (const auto& e : std::filesystem::directory_iterator(kBerlin))
    if (e.path().filename().string().starts_with("000_")) {
      const Document doc = read_text(e.path());
      CHECK(doc.published == "2025-12-15");
      CHECK_FALSE(has(doc.text, "Monday, 15 Dec 2025"));
    }
}
