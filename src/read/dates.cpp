// Date recognition for publication dates and datelines. Only the forms news
// pages actually use; the extract stage has the full time-expression grammar.
#include "read/dates.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <vector>

namespace chronicle::read {

namespace {

constexpr std::array<std::string_view, 12> kMonths{"january", "february", "march", "april", "may", "june",
                                                   "july", "august", "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays{"monday", "tuesday", "wednesday", "thursday",
                                                    "friday", "saturday", "sunday"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_weekday(std::string_view w) {
  const std::string l = lower(w);
  for (std::string_view d : kWeekdays)
    if (l == d || (l.size() >= 3 && d.substr(0, l.size()) == l)) return true;
  return false;
}

// Words of a line: runs of letters or digits (other bytes separate them).
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    size_t j = i;
    while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

int number(std::string_view w) {
  if (w.empty() || w.size() > 4) return -1;
  int n = 0;
  for (char c : w) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

// Strips "st", "nd", "rd", "th" from "14th".
int day_number(std::string_view w) {
  if (w.size() > 2) {
    const std::string tail = lower(w.substr(w.size() - 2));
    if (tail == "st" || tail == "nd" || tail == "rd" || tail == "th") w.remove_suffix(2);
  }
  const int n = number(w);
  return n >= 1 && n <= 31 ? n : -1;
}

bool valid(int y, int m, int d) { return y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= 31; }

std::optional<std::string> iso_form(std::string_view s) {
  // YYYY-MM-DD[THH:MM[:SS][.fff][Z|±HH:MM]]
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const int y = number(s.substr(0, 4)), m = number(s.substr(5, 2)), d = number(s.substr(8, 2));
  if (!valid(y, m, d)) return std::nullopt;
  if (s.size() == 10) return std::string(s);
  if ((s[10] == 'T' || s[10] == ' ') && s.size() >= 16 && s[13] == ':') {
    size_t end = 11;
    while (end < s.size() && (std::isdigit(static_cast<unsigned char>(s[end])) || std::string_view(":.+-Z").find(s[end]) != std::string_view::npos)) ++end;
    std::string out(s.substr(0, end));
    out[10] = 'T';
    return out;
  }
  return std::string(s.substr(0, 10));
}

}  // namespace

std::string CivilDate::iso() const {
  if (year == 0) return {};
  if (month == 0) return fmt::format("{:04d}", year);
  if (day == 0) return fmt::format("{:04d}-{:02d}", year, month);
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

int month_number(std::string_view word) {
  std::string l = lower(word);
  if (!l.empty() && l.back() == '.') l.pop_back();
  if (l == "sept") return 9;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (l == kMonths[i]) return static_cast<int>(i) + 1;
    if (l.size() == 3 && kMonths[i].substr(0, 3) == l) return static_cast<int>(i) + 1;
  }
  return 0;
}

std::optional<std::string> normalize_date(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (auto iso = iso_form(s)) return iso;
  const auto w = words(s);
  // Find year, month and day among the words, in any of the usual orders.
  int y = 0, m = 0, d = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const int n = number(w[i]);
    if (const int mn = month_number(w[i]); mn && !m) {
      m = mn;
      if (i + 1 < w.size() && !d && day_number(w[i + 1]) > 0 && number(w[i + 1]) < 1000) d = day_number(w[i + 1]);
      if (i > 0 && !d && day_number(w[i - 1]) > 0) d = day_number(w[i - 1]);
    } else if (n >= 1000 && n <= 2999 && !y) {
      y = n;
    }
  }
  if (!m) {
    // Numeric forms: DD.MM.YYYY or DD/MM/YYYY (day first, as most of the world writes it).
    if (w.size() >= 3 && number(w[2]) >= 1000) {
      const int a = number(w[0]), b = number(w[1]);
      if (b > 12 && a <= 12) { m = a; d = b; } else { d = a; m = b; }
      y = number(w[2]);
    }
  }
  if (!valid(y, m, d ? d : 1)) return std::nullopt;
  return CivilDate{y, m, d}.iso();
}

std::optional<std::string> date_line(std::string_view line) {
  const auto w = words(line);
  if (w.empty() || w.size() > 12 || line.size() > 120) return std::nullopt;
  // Every word must be date-like: weekday, month, number, time part, or a short
  // section name before a bullet; at most two other words.
  int other = 0;
  bool has_month = false, has_year = false;
  for (std::string_view x : w) {
    const int n = number(x);
    if (month_number(x)) has_month = true;
    else if (n >= 1000 && n <= 2999) has_year = true;
    else if (n >= 0 || day_number(x) > 0 || is_weekday(x)) continue;
    else if (lower(x) == "am" || lower(x) == "pm" || lower(x) == "gmt" || lower(x) == "utc" || lower(x) == "updated" || lower(x) == "published") continue;
    else ++other;
  }
  if (other > 2 || !has_year) return std::nullopt;
  if (!has_month && !(w.size() >= 3 && number(w[0]) > 0)) return std::nullopt;
  auto d = normalize_date(line);
  if (!d) {
    // Strip leading non-date words ("World • Monday, 15 Dec 2025").
    for (size_t i = 0; i < w.size() && !d; ++i)
      d = normalize_date(line.substr(static_cast<size_t>(w[i].data() - line.data())));
  }
  if (d && d->size() > 10) d->resize(10);
  return d;
}

std::optional<Dateline> find_dateline(std::string_view p) {
  // PLACE[, REGION][, Mon DD] [(AGENCY)] - text
  const size_t limit = std::min<size_t>(p.size(), 90);
  size_t dash = std::string_view::npos;
  for (size_t i = 0; i < limit; ++i) {
    if (p[i] == '-' && i > 0 && p[i - 1] == ' ' && i + 1 < p.size() && p[i + 1] == ' ') { dash = i; break; }
    if (p.substr(i, 3) == "\xE2\x80\x94" || p.substr(i, 3) == "\xE2\x80\x93") { dash = i; break; }
  }
  if (dash == std::string_view::npos) return std::nullopt;
  std::string_view head = p.substr(0, dash);
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  // Drop "(Reuters)" / "(AP)" at the end.
  if (!head.empty() && head.back() == ')') {
    const size_t open = head.rfind('(');
    if (open == std::string_view::npos) return std::nullopt;
    head = head.substr(0, open);
    while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  }
  const size_t comma = head.find(',');
  std::string_view place = head.substr(0, comma);
  // The place is written in capitals: "NEW YORK", "KYIV".
  int letters = 0;
  for (char c : place) {
    if (std::islower(static_cast<unsigned char>(c))) return std::nullopt;
    letters += std::isupper(static_cast<unsigned char>(c)) != 0;
  }
  if (letters < 2) return std::nullopt;
  Dateline d;
  d.place = std::string(place);
  d.length = dash;
  if (comma != std::string_view::npos) {
    const auto w = words(head.substr(comma));
    for (size_t i = 0; i + 1 < w.size() + 1 && i < w.size(); ++i) {
      if (const int m = month_number(w[i]); m && i + 1 < w.size() && day_number(w[i + 1]) > 0) {
        d.date.month = m;
        d.date.day = day_number(w[i + 1]);
        if (i + 2 < w.size() && number(w[i + 2]) >= 1000) d.date.year = number(w[i + 2]);
      }
    }
  }
  return d;
}

}  // namespace chronicle::read
