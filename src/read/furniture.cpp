// Applies data/furniture.txt to lines of scraped text.
#include "read/furniture.h"

#include <utility>

#include "common/embedded.h"
#include "common/utf8.h"

namespace chronicle::read {

namespace {

struct Rule {
  LineKind kind;
  std::string prefix;
};

const std::vector<Rule>& rules() {
  static const std::vector<Rule> table = [] {
    std::vector<Rule> out;
    std::string_view data = embedded::find(embedded::lexicon_files(), "furniture.txt");
    while (!data.empty()) {
      const size_t nl = data.find('\n');
      std::string_view line = data.substr(0, nl);
      data = nl == std::string_view::npos ? std::string_view{} : data.substr(nl + 1);
      if (line.empty() || line[0] == '#') continue;
      const size_t tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      const std::string_view kind = line.substr(0, tab);
      out.push_back(Rule{kind == "tail" ? LineKind::tail : LineKind::drop, std::string(line.substr(tab + 1))});
    }
    return out;
  }();
  return table;
}

// Removes leading spaces and list bullets.
std::string_view strip_bullets(std::string_view s) {
  for (;;) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '-' || s.front() == '*' || s.front() == '>')) s.remove_prefix(1);
    if (s.starts_with("\xE2\x80\xA2") || s.starts_with("\xC2\xB7") || s.starts_with("\xE2\x96\xBA") || s.starts_with("\xC2\xA0")) {
      s.remove_prefix(s.starts_with("\xC2") ? 2 : 3);
      continue;
    }
    break;
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool bulleted(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s.starts_with("\xE2\x80\xA2") || s.starts_with("\xC2\xB7") || s.starts_with("* ") || s.starts_with("\xE2\x96\xBA");
}

bool ends_sentence(std::string_view s) {
  while (!s.empty() && (s.back() == '"' || s.back() == ')' || s.back() == '\'')) s.remove_suffix(1);
  if (s.ends_with("\xE2\x80\x9D") || s.ends_with("\xE2\x80\x99")) s.remove_suffix(3);
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?');
}

}  // namespace

size_t word_count(std::string_view line) {
  size_t n = 0;
  bool in = false;
  for (char c : line) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

LineKind classify_line(std::string_view raw) {
  const std::string_view line = strip_bullets(raw);
  if (line.empty()) return LineKind::keep;
  const size_t words = word_count(line);
  if (words > 8) return LineKind::keep;
  // A short bulleted line without a sentence end is navigation.
  if (bulleted(raw) && words <= 5 && !ends_sentence(line)) return LineKind::drop;
  const std::string folded = utf8::lower(line);
  for (const Rule& r : rules()) {
    if (folded.starts_with(r.prefix)) {
      // "Related" must be the whole first word: not "Relatedly, ..." prose.
      const size_t n = r.prefix.size();
      if (folded.size() > n && r.prefix.back() != ':' && r.prefix.back() != ' ' && std::isalpha(static_cast<unsigned char>(folded[n]))) continue;
      return r.kind;
    }
  }
  return LineKind::keep;
}

std::vector<std::string_view> drop_furniture(const std::vector<std::string_view>& lines) {
  std::vector<std::string_view> out;
  out.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const LineKind kind = classify_line(lines[i]);
    if (kind == LineKind::drop) continue;
    if (kind == LineKind::tail) {
      // Cut here when nothing after reads as article prose (a long sentence).
      bool prose_follows = false;
      for (size_t j = i + 1; j < lines.size() && !prose_follows; ++j) {
        const std::string_view l = strip_bullets(lines[j]);
        prose_follows = word_count(l) >= 25 && ends_sentence(l) && classify_line(lines[j]) == LineKind::keep;
      }
      if (!prose_follows) break;
      continue;
    }
    out.push_back(lines[i]);
  }
  return out;
}

}  // namespace chronicle::read
