// Time expressions: finding them in text and normalising them to TimeML values
// against an anchor date (the publication date or dateline day).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace chronicle::extract {

struct Day {
  int year = 0, month = 0, day = 0;
  static std::optional<Day> parse(std::string_view iso);  // "2025-12-14[...]"
  int weekday() const;                                    // 0 = Monday
  Day plus_days(int n) const;
  std::string iso() const;
};

}  // namespace chronicle::extract
