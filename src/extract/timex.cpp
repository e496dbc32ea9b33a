// Time-expression recognition and normalisation (TimeML TIMEX3 type and value).
// Recognises absolute dates ("December 14, 2025", "14 Dec 2025", "2025-12-14"),
// months and years ("December 2025", "in 2022"), weekdays ("on Sunday"), and
// deictic words ("today", "yesterday", "last year"), resolving the relative ones
// against the document's anchor day.
#include "extract/timex.h"

#include <fmt/format.h>

#include <array>
#include <chrono>

#include "extract/pipeline.h"
#include "read/dates.h"

namespace chronicle::extract {

namespace {

constexpr std::array<std::string_view, 7> kWeekdays{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

int weekday_number(std::string_view w) {
  const std::string l = text::lower_ascii(w);
  for (size_t i = 0; i < kWeekdays.size(); ++i)
    if (l == kWeekdays[i]) return static_cast<int>(i);
  return -1;
}

int to_int(std::string_view w) {
  if (w.empty() || w.size() > 4) return -1;
  int n = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

int day_of(std::string_view w) {
  if (w.size() > 2 && (w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd") || w.ends_with("th"))) w.remove_suffix(2);
  const int n = to_int(w);
  return n >= 1 && n <= 31 ? n : -1;
}

bool is_year(std::string_view w) {
  const int n = to_int(w);
  return w.size() == 4 && n >= 1000 && n <= 2999;
}

class TimexExtractor : public Extractor {
 public:
  std::string_view name() const override { return "timex"; }

  void extract(Context& ctx) const override {
    const text::Analysis& a = ctx.text;
    const std::optional<Day> anchor = Day::parse(ctx.facts.anchor);
    for (uint32_t t = 0; t < a.tokens.size();) {
      Timex tx;
      const uint32_t end = match(a, t, anchor, tx);
      if (end > t) {
        tx.span = Span{a.tokens[t].span.begin, a.tokens[end - 1].span.end};
        ctx.facts.timexes.push_back(std::move(tx));
        t = end;
      } else {
        ++t;
      }
    }
  }

 private:
  // Tries to match a time expression starting at token t; returns its end token
  // (exclusive), or t when nothing matches.
  uint32_t match(const text::Analysis& a, uint32_t t, const std::optional<Day>& anchor, Timex& tx) const {
    const size_t n = a.tokens.size();
    auto word = [&](uint32_t i) { return i < n ? a.str(i) : std::string_view{}; };
    auto lower = [&](uint32_t i) { return text::lower_ascii(word(i)); };
    const std::string w = lower(t);
    tx.type = "DATE";
    // ISO date.
    if (auto iso = read::normalize_date(word(t)); iso && word(t).size() >= 10 && word(t)[4] == '-') {
      tx.value = iso->substr(0, 10);
      return t + 1;
    }
    // Month [Day][,] [Year]
    if (const int m = read::month_number(word(t)); m && a.tokens[t].is(text::kCapitalized)) {
      if (w == "may" && !(day_of(word(t + 1)) > 0 || is_year(word(t + 1)))) return t;
      uint32_t e = t + 1;
      int d = 0, y = 0;
      if (day_of(word(e)) > 0 && !is_year(word(e))) d = day_of(word(e++));
      uint32_t ye = e;
      if (word(ye) == ",") ++ye;
      if (is_year(word(ye))) {
        y = to_int(word(ye));
        e = ye + 1;
      }
      if (!d && !y) {
        // a bare month name: this year's month relative to the anchor
        if (!anchor) return t;
        tx.value = fmt::format("{:04d}-{:02d}", anchor->year, m);
        return e;
      }
      if (!y) {
        if (!anchor) { tx.value = fmt::format("XXXX-{:02d}-{:02d}", m, d); return e; }
        y = anchor->year;
      }
      tx.value = d ? fmt::format("{:04d}-{:02d}-{:02d}", y, m, d) : fmt::format("{:04d}-{:02d}", y, m);
      return e;
    }
    // Day Month [Year]
    if (day_of(word(t)) > 0 && !is_year(word(t)) && read::month_number(word(t + 1)) && a.tokens[t + 1].is(text::kCapitalized)) {
      const int d = day_of(word(t)), m = read::month_number(word(t + 1));
      uint32_t e = t + 2;
      int y = anchor ? anchor->year : 0;
      if (is_year(word(e))) y = to_int(word(e++));
      tx.value = y ? fmt::format("{:04d}-{:02d}-{:02d}", y, m, d) : fmt::format("XXXX-{:02d}-{:02d}", m, d);
      return e;
    }
    // Weekdays: the closest such day around the anchor (past unless "next").
    if (const int wd = weekday_number(word(t)); wd >= 0) {
      if (!anchor) { tx.value = "XXXX-WXX-" + std::to_string(wd + 1); return t + 1; }
      int delta = wd - anchor->weekday();
      const std::string prev = t > 0 ? lower(t - 1) : "";
      if (prev == "next") { if (delta <= 0) delta += 7; }
      else if (delta > 0) delta -= 7;
      tx.value = anchor->plus_days(delta).iso();
      return t + 1;
    }
    if (w == "today" || w == "yesterday" || w == "tomorrow" || w == "tonight") {
      if (!anchor) { tx.value = w == "today" || w == "tonight" ? "PRESENT_REF" : "XXXX-XX-XX"; return t + 1; }
      tx.value = anchor->plus_days(w == "yesterday" ? -1 : w == "tomorrow" ? 1 : 0).iso();
      return t + 1;
    }
    if ((w == "last" || w == "next" || w == "this") && anchor) {
      const std::string unit = lower(t + 1);
      const int dir = w == "last" ? -1 : w == "next" ? 1 : 0;
      if (unit == "year") { tx.value = std::to_string(anchor->year + dir); return t + 2; }
      if (unit == "month") {
        int y = anchor->year, m = anchor->month + dir;
        if (m < 1) { m = 12; --y; }
        if (m > 12) { m = 1; ++y; }
        tx.value = fmt::format("{:04d}-{:02d}", y, m);
        return t + 2;
      }
      if (unit == "week") {
        const Day d = anchor->plus_days(7 * dir);
        tx.value = iso_week(d);
        return t + 2;
      }
    }
    // A year on its own after a preposition: "in 2022".
    if (is_year(word(t)) && t > 0) {
      const std::string prev = lower(t - 1);
      if (prev == "in" || prev == "since" || prev == "of" || prev == "until" || prev == "by" || prev == "from" || prev == "early" || prev == "late" || prev == "mid") {
        tx.value = std::string(word(t));
        return t + 1;
      }
    }
    return t;
  }

  static std::string iso_week(const Day& d) {
    using namespace std::chrono;
    const sys_days sd = year_month_day{year{d.year}, month{static_cast<unsigned>(d.month)}, day{static_cast<unsigned>(d.day)}};
    const sys_days thursday = sd + days{3 - d.weekday()};
    const year_month_day ty{thursday};
    const sys_days jan1 = year_month_day{ty.year(), January, day{1}};
    const int week = static_cast<int>((thursday - jan1).count() / 7) + 1;
    return fmt::format("{:04d}-W{:02d}", static_cast<int>(ty.year()), week);
  }
};

}  // namespace

std::optional<Day> Day::parse(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  Day d{to_int(iso.substr(0, 4)), to_int(iso.substr(5, 2)), to_int(iso.substr(8, 2))};
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  return d;
}

namespace {

std::chrono::sys_days to_sys(const Day& d) {
  return std::chrono::year_month_day{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
                                     std::chrono::day{static_cast<unsigned>(d.day)}};
}

}  // namespace

int Day::weekday() const { return static_cast<int>(std::chrono::weekday{to_sys(*this)}.iso_encoding()) - 1; }

Day Day::plus_days(int n) const {
  const std::chrono::year_month_day r{to_sys(*this) + std::chrono::days{n}};
  return Day{static_cast<int>(r.year()), static_cast<int>(static_cast<unsigned>(r.month())), static_cast<int>(static_cast<unsigned>(r.day()))};
}

std::string Day::iso() const { return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day); }

std::unique_ptr<Extractor> make_timex_extractor() { return std::make_unique<TimexExtractor>(); }

}  // namespace chronicle::extract
