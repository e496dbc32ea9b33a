// Applies data/furniture.txt to lines of scraped text, plus two rules of shape
// rather than wording: short bulleted lines without a sentence end are
// navigation, and a short "By Name Surname" line is a byline.
#include "read/furniture.h"

#include <algorithm>
#include <array>
#include <utility>

#include "common/embedded.h"
#include "common/utf8.h"

namespace chronicle::read {

namespace {

enum class RuleKind { line, list, drop, tail, credit, caption };

struct Rule {
  RuleKind kind;
  std::string phrase;
  size_t max_words;
};

RuleKind kind_of(std::string_view k, bool& ok) {
  ok = true;
  if (k == "line") return RuleKind::line;
  if (k == "list") return RuleKind::list;
  if (k == "drop") return RuleKind::drop;
  if (k == "tail") return RuleKind::tail;
  if (k == "credit") return RuleKind::credit;
  if (k == "caption") return RuleKind::caption;
  ok = false;
  return RuleKind::drop;
}

std::vector<Rule> load_rules() {
  std::vector<Rule> out;
  embedded::for_each_row("furniture.txt", [&](const std::vector<std::string_view>& cols) {
    bool ok = false;
    const RuleKind kind = kind_of(cols[0], ok);
    if (!ok || cols.size() < 2 || cols[1].empty()) return;
    size_t max_words = 8;
    if (cols.size() > 2) {
      max_words = 0;
      for (char c : cols[2])
        if (c >= '0' && c <= '9') max_words = max_words * 10 + static_cast<size_t>(c - '0');
    }
    out.push_back(Rule{kind, std::string(cols[1]), max_words});
  });
  return out;
}

const std::vector<Rule>& rules() {
  static const std::vector<Rule> table = load_rules();
  return table;
}

bool is_bullet_at(std::string_view s) {
  return s.starts_with("\xE2\x80\xA2") || s.starts_with("\xC2\xB7") || s.starts_with("\xE2\x96\xBA") ||
         s.starts_with("\xC2\xA0") || s.starts_with("\xE2\x80\xA3") || s.starts_with("\xE2\x96\xAA");
}

// Removes leading spaces and list bullets, and trailing spaces.
std::string_view strip_bullets(std::string_view s) {
  for (;;) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '-' || s.front() == '*' || s.front() == '>')) s.remove_prefix(1);
    if (is_bullet_at(s)) {
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
  return is_bullet_at(s) || s.starts_with("* ") || s.starts_with("- ");
}

bool ends_sentence(std::string_view s) {
  while (!s.empty() && (s.back() == '"' || s.back() == ')' || s.back() == '\'' || s.back() == ' ')) s.remove_suffix(1);
  if (s.ends_with("\xE2\x80\x9D") || s.ends_with("\xE2\x80\x99") || s.ends_with("\xC2\xBB")) s.remove_suffix(s.ends_with("\xC2\xBB") ? 2 : 3);
  if (s.ends_with("\xE3\x80\x82")) return true;  // ideographic full stop
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?');
}

bool is_letter_byte(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || (static_cast<unsigned char>(c) & 0x80) != 0; }

// `folded` starts with `phrase`, and the phrase ends at a word boundary unless it
// ends in a space or a colon itself.
bool starts_with_phrase(std::string_view folded, const std::string& phrase) {
  if (!folded.starts_with(phrase)) return false;
  if (folded.size() == phrase.size() || phrase.back() == ':' || phrase.back() == ' ') return true;
  return !is_letter_byte(folded[phrase.size()]);
}

// The line without trailing ":", "»", "›", "|" and spaces.
std::string_view without_trailing_marks(std::string_view s) {
  for (;;) {
    while (!s.empty() && (s.back() == ':' || s.back() == '|' || s.back() == ' ' || s.back() == '>')) s.remove_suffix(1);
    if (s.ends_with("\xC2\xBB")) s.remove_suffix(2);
    else if (s.ends_with("\xE2\x80\xBA")) s.remove_suffix(3);
    else return s;
  }
}

// The last fragment of a line, after its last sentence end: where a photo credit sits.
std::string_view last_fragment(std::string_view s) {
  for (size_t i = s.size(); i-- > 0;)
    if (s[i] == '.' || s[i] == '!' || s[i] == '?') {
      std::string_view rest = s.substr(i + 1);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      return rest;
    }
  return s;
}

// "By Jane Example", "By Jane Example and John Doe": a short line of capitalised
// words after "By" with no sentence end.
bool byline(std::string_view line, size_t words) {
  if (words < 2 || words > 8 || ends_sentence(line)) return false;
  if (!(line.starts_with("By ") || line.starts_with("by ") || line.starts_with("BY "))) return false;
  size_t capitalised = 0, other = 0;
  std::string_view rest = line.substr(3);
  while (!rest.empty()) {
    const size_t sp = rest.find(' ');
    const std::string_view w = rest.substr(0, sp);
    rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
    if (w.empty()) continue;
    if (w == "and" || w == "&" || w == "," || w == "|") continue;
    size_t i = 0;
    const char32_t c = utf8::next(w, i);
    (utf8::is_upper(c) ? capitalised : other) += 1;
  }
  return capitalised >= 1 && other <= 1;
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
  const bool sentence = ends_sentence(line);
  // Rules look at the head of a line and at its last fragment only.
  size_t head = std::min<size_t>(line.size(), 160);
  while (head < line.size() && (static_cast<unsigned char>(line[head]) & 0xC0) == 0x80) ++head;
  const std::string folded = utf8::lower(line.substr(0, head));
  const std::string tail_fragment = sentence ? std::string() : utf8::lower(last_fragment(line));
  const std::string_view fragment = tail_fragment;
  for (const Rule& r : rules()) {
    switch (r.kind) {
      case RuleKind::credit:
        if (starts_with_phrase(folded, r.phrase)) return LineKind::drop;
        break;
      case RuleKind::caption:
        if (!fragment.empty() && word_count(fragment) <= 12 && fragment.find(r.phrase) != std::string_view::npos)
          return LineKind::drop;
        break;
      default:
        break;
    }
  }
  if (words > 20) return LineKind::keep;
  // A short bulleted line without a sentence end is navigation.
  if (bulleted(raw) && words <= 5 && !sentence) return LineKind::drop;
  if (byline(line, words)) return LineKind::drop;
  const std::string_view bare = without_trailing_marks(folded);
  for (const Rule& r : rules()) {
    switch (r.kind) {
      case RuleKind::line:
        if (bare == r.phrase) return LineKind::drop;
        break;
      case RuleKind::list:
        if (bare == r.phrase) return LineKind::tail;
        break;
      case RuleKind::drop:
        if (words <= r.max_words && starts_with_phrase(folded, r.phrase)) return LineKind::drop;
        break;
      case RuleKind::tail:
        if (words <= r.max_words && starts_with_phrase(folded, r.phrase)) return LineKind::tail;
        break;
      default:
        break;
    }
  }
  return LineKind::keep;
}

namespace {

// A line that reads as a sentence of the article rather than a headline: it ends
// with a full stop (headlines may end with a question mark, not with a stop), and
// is more than a few words.
bool prose(std::string_view raw) {
  const std::string_view l = strip_bullets(raw);
  if (word_count(l) < 6 || !ends_sentence(l) || classify_line(raw) != LineKind::keep) return false;
  std::string_view t = l;
  while (!t.empty() && (t.back() == '"' || t.back() == ')' || t.back() == '\'' || t.back() == ' ')) t.remove_suffix(1);
  if (t.ends_with("\xE2\x80\x9D") || t.ends_with("\xE2\x80\x99")) t.remove_suffix(3);
  return !t.ends_with("?");
}

// `line` goes on with the sentence `before` leaves open: text wrapped at a fixed
// width, not a line of its own.
bool continues(std::string_view before, std::string_view line) {
  const std::string_view b = strip_bullets(before);
  if (b.empty() || bulleted(before) || ends_sentence(b) || word_count(b) < 8 || b.back() == ':') return false;
  const std::string_view l = strip_bullets(line);
  return !l.empty() && !bulleted(line);
}

}  // namespace

std::vector<std::string_view> drop_furniture(const std::vector<std::string_view>& lines) {
  std::vector<std::string_view> out;
  out.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    // A line that carries on a sentence wrapped from the line before is prose.
    if (i > 0 && continues(lines[i - 1], lines[i])) {
      out.push_back(lines[i]);
      continue;
    }
    const LineKind kind = classify_line(lines[i]);
    if (kind == LineKind::drop) continue;
    if (kind == LineKind::tail) {
      // The list under the heading goes: up to the next paragraph of prose, or to
      // the end when none follows.
      size_t next = i + 1;
      while (next < lines.size() && !prose(lines[next])) ++next;
      if (next == lines.size()) break;
      i = next - 1;
      continue;
    }
    out.push_back(lines[i]);
  }
  return out;
}

}  // namespace chronicle::read
