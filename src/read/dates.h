// Publication dates and datelines: recognising a date written in the usual news
// forms and turning it into ISO 8601, and finding the dateline that opens a
// wire story ("NEW YORK, Dec 14 (Reuters) -").
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace chronicle::read {

struct CivilDate {
  int year = 0, month = 0, day = 0;  // 0 = unknown part
  std::string iso() const;           // "2025-12-14", "2025-12" or "2025"
};

// Month number (1-12) of an English month name or abbreviation ("Dec", "Dec.",
// "december"), or 0.
int month_number(std::string_view word);

// Parses a date written as ISO 8601 ("2025-12-14", "2025-12-14T09:30:00Z"),
// RFC 2822 ("Mon, 15 Dec 2025 10:00:00 GMT") or prose ("December 14, 2025",
// "Monday, 15 Dec 2025", "15.12.2025"). Returns the ISO form: the date, or the
// date and time when the input was ISO with a time. nullopt if it is not a date.
std::optional<std::string> normalize_date(std::string_view s);

// A whole line that is only a date, perhaps with a weekday, time, bullet or
// section name ("• Monday, 15 Dec 2025", "December 15, 2025, 04:20"): its ISO date.
std::optional<std::string> date_line(std::string_view line);

struct Dateline {
  std::string place;  // as written, e.g. "NEW YORK"
  CivilDate date;     // month and day when the dateline gives them
  size_t length = 0;  // bytes the dateline takes at the start of the paragraph
};

// The dateline at the start of `paragraph`, if there is one.
std::optional<Dateline> find_dateline(std::string_view paragraph);

}  // namespace chronicle::read
