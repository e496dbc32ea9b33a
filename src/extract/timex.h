// Time expressions: finding them in text and normalising them to TimeML TIMEX3
// types and values against an anchor day (the dateline day, else the publication
// day; see Document::anchor), plus the calendar arithmetic that needs, and
// timex_date(), which other extractors call to date an event or claim.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/facts.h"
#include "text/segment.h"

namespace chronicle::extract {

// A proleptic Gregorian calendar day.
struct Day {
  int year = 0, month = 0, day = 0;
  // The day an ISO 8601 text starts with ("2025-12-14", "2025-12-14T09:30Z"), or
  // nullopt if the text does not start with a valid day.
  static std::optional<Day> parse(std::string_view iso);
  int weekday() const;              // 0 = Monday ... 6 = Sunday
  Day plus_days(int n) const;
  Day plus_months(int n) const;     // the day is clamped to the new month's length
  std::string iso() const;          // "2025-12-14"
  std::string iso_week() const;     // "2025-W50" (ISO 8601 week of this day)
  friend auto operator<=>(const Day&, const Day&) = default;
};

// All time expressions of one analysed text, in text order, never overlapping.
// Spans are bytes into text.text. Relative expressions ("on Sunday", "last
// year", "two days ago") are resolved against `anchor` (YYYY-MM-DD...); when it
// is empty or invalid they get underspecified values ("XXXX-12-14", "XXXX-WXX-7").
// Thread-safe: the word lists are loaded once and never change.
std::vector<Timex> find_timexes(const text::Analysis& text, std::string_view anchor);

// The calendar date a TimeML value denotes, for dating events and claims:
//   "2025-12-14", "2025-12-14T09:30", "2025-12-14TMO"  -> "2025-12-14"
//   "2025-12"                                          -> "2025-12"
//   "2025", "2025-Q3", "2025-H1", "2025-SU"            -> "2025"
//   "2025-W50", "2025-W50-WE"                          -> "2025-12" when all the days
//       meant lie in one month, else "2025" when they lie in one year, else ""
// and "" for anything that is not one calendar period: durations ("P4Y"), sets,
// PRESENT_REF / PAST_REF / FUTURE_REF, decades ("199"), centuries ("19") and
// underspecified values ("XXXX-12-14").
std::string timex_date(std::string_view value);

}  // namespace chronicle::extract
