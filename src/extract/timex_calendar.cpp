// Calendar arithmetic for time expressions (Day) and timex_date(), which turns a
// TimeML value into the date other extractors store (see timex.h).
#include <fmt/format.h>

#include <chrono>

#include "extract/timex.h"

namespace chronicle::extract {

namespace {

int digits(std::string_view s) {
  if (s.empty()) return -1;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::chrono::sys_days to_sys(const Day& d) {
  using namespace std::chrono;
  return year_month_day{year{d.year}, month{static_cast<unsigned>(d.month)}, day{static_cast<unsigned>(d.day)}};
}

Day from_sys(std::chrono::sys_days s) {
  const std::chrono::year_month_day r{s};
  return Day{static_cast<int>(r.year()), static_cast<int>(static_cast<unsigned>(r.month())),
             static_cast<int>(static_cast<unsigned>(r.day()))};
}

// Monday of ISO week `week` of ISO year `year`.
Day week_monday(int year, int week) {
  const Day jan4{year, 1, 4};
  return jan4.plus_days(-jan4.weekday() + 7 * (week - 1));
}

// The date of a week value: the month (or year) holding days [first, last].
std::string span_date(const Day& first, const Day& last) {
  if (first.year != last.year) return {};
  if (first.month != last.month) return fmt::format("{:04d}", first.year);
  return fmt::format("{:04d}-{:02d}", first.year, first.month);
}

std::string week_date(std::string_view v) {
  // YYYY-Www or YYYY-Www-WE
  const int year = digits(v.substr(0, 4)), week = digits(v.substr(6, 2));
  if (year < 0 || week < 1 || week > 53) return {};
  const Day monday = week_monday(year, week);
  if (v.size() == 8) return span_date(monday, monday.plus_days(6));
  if (v.substr(8) == "-WE") return span_date(monday.plus_days(5), monday.plus_days(6));
  return {};
}

}  // namespace

std::optional<Day> Day::parse(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  const Day d{digits(iso.substr(0, 4)), digits(iso.substr(5, 2)), digits(iso.substr(8, 2))};
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
                                        std::chrono::day{static_cast<unsigned>(d.day)}};
  if (!ymd.ok()) return std::nullopt;
  return d;
}

int Day::weekday() const { return static_cast<int>(std::chrono::weekday{to_sys(*this)}.iso_encoding()) - 1; }

Day Day::plus_days(int n) const { return from_sys(to_sys(*this) + std::chrono::days{n}); }

Day Day::plus_months(int n) const {
  const int total = year * 12 + (month - 1) + n;
  Day d{total / 12, total % 12 + 1, day};
  const std::chrono::year_month_day_last last{std::chrono::year{d.year},
                                              std::chrono::month_day_last{std::chrono::month{static_cast<unsigned>(d.month)}}};
  d.day = std::min(d.day, static_cast<int>(static_cast<unsigned>(last.day())));
  return d;
}

std::string Day::iso() const { return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day); }

std::string Day::iso_week() const {
  const Day thursday = plus_days(3 - weekday());
  const int week = static_cast<int>((to_sys(thursday) - to_sys(Day{thursday.year, 1, 1})).count() / 7) + 1;
  return fmt::format("{:04d}-W{:02d}", thursday.year, week);
}

std::string timex_date(std::string_view v) {
  if (v.size() < 4 || digits(v.substr(0, 4)) < 0) return {};
  if (v.size() == 4) return std::string(v);
  if (v[4] != '-' || v.size() < 7) return {};
  const std::string_view rest = v.substr(5);
  if (rest[0] == 'W') return week_date(v);
  if (rest[0] == 'Q' || rest[0] == 'H' || rest == "SP" || rest == "SU" || rest == "FA" || rest == "WI")
    return std::string(v.substr(0, 4));
  if (digits(v.substr(5, 2)) < 1) return {};
  if (v.size() == 7) return std::string(v);
  if (v.size() >= 10 && v[7] == '-' && digits(v.substr(8, 2)) >= 1 && (v.size() == 10 || v[10] == 'T'))
    return std::string(v.substr(0, 10));
  return {};
}

}  // namespace chronicle::extract
