// Time expressions: spans, TimeML types and values against an anchor day, and
// timex_date() for other extractors.
#include <doctest/doctest.h>

#include "support/util.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "extract/timex.h"
#include "text/segment.h"

using namespace chronicle;

namespace {

struct Found {
  std::string text, type, value;
};

// The time expression of `sentence` whose text is `span`, or an empty Found.
Found find(const std::string& sentence, const char* anchor, const std::string& span) {
  const text::Analysis a = text::analyze(sentence);
  for (const Timex& t : extract::find_timexes(a, anchor)) {
    const std::string text(t.span.of(sentence));
    if (text == span) return Found{text, t.type, t.value};
  }
  return Found{};
}

std::string all_spans(const std::string& sentence, const char* anchor) {
  const text::Analysis a = text::analyze(sentence);
  std::string out;
  for (const Timex& t : extract::find_timexes(a, anchor)) out += "[" + std::string(t.span.of(sentence)) + "]";
  return out;
}

struct Case {
  const char* sentence;
  const char* anchor;
  const char* span;
  const char* type;
  const char* value;
};

void check(const Case* begin, const Case* end) {
  for (const Case* c = begin; c != end; ++c) {
    const std::string sentence = c->sentence, anchor = c->anchor, spans = all_spans(c->sentence, c->anchor);
    CAPTURE(sentence);
    CAPTURE(anchor);
    CAPTURE(spans);
    const Found f = find(c->sentence, c->anchor, c->span);
    CHECK(f.text == c->span);
    CHECK(f.type == c->type);
    CHECK(f.value == c->value);
  }
}

}  // namespace

TEST_CASE("timex: calendar dates in news forms") {
  const Case cases[] = {
      {"The ceasefire took effect on December 14, 2025, officials said.", "2025-12-20", "December 14, 2025", "DATE", "2025-12-14"},
      {"Talks resumed on 14 Dec 2025 in Geneva.", "2025-12-20", "14 Dec 2025", "DATE", "2025-12-14"},
      {"The envoy arrived on Dec. 14 and left two days later.", "2025-12-20", "Dec. 14", "DATE", "2025-12-14"},
      {"The report is dated 2025-12-14 and runs to 40 pages.", "2025-12-20", "2025-12-14", "DATE", "2025-12-14"},
      {"The form was signed on 12/14/2025 by both parties.", "2025-12-20", "12/14/2025", "DATE", "2025-12-14"},
      {"Prices rose sharply in March 2024 before falling back.", "2025-12-20", "March 2024", "DATE", "2024-03"},
      {"The treaty was drafted in 1949.", "2025-12-20", "1949", "DATE", "1949"},
      {"Since Russia's full-scale invasion in 2022, exports have collapsed.", "2025-12-15", "2022", "DATE", "2022"},
      {"The company grew quickly in the 1990s and stalled later.", "2025-12-20", "the 1990s", "DATE", "199"},
      {"Such walls were common in the 20th century.", "2025-12-20", "the 20th century", "DATE", "19"},
      {"Sales fell in the third quarter, the firm said.", "2025-12-20", "the third quarter", "DATE", "2025-Q3"},
      {"It posted a third-quarter loss of $5 million.", "2025-12-20", "third-quarter", "DATE", "2025-Q3"},
      {"Profit doubled in the first half of 2024.", "2025-12-20", "the first half of 2024", "DATE", "2024-H1"},
      {"Revenue in fiscal 2024 reached a record.", "2025-12-20", "fiscal 2024", "DATE", "2024"},
      {"The deadline is Friday, Jan. 9, lawyers said.", "2025-12-20", "Friday, Jan. 9", "DATE", "2026-01-09"},
      {"The vote will be held in January.", "2025-12-20", "January", "DATE", "2026-01"},
      {"Exports slumped in October, the ministry said.", "2025-12-20", "October", "DATE", "2025-10"},
      {"The talks began in early March and collapsed.", "2025-12-20", "early March", "DATE", "2025-03"},
      {"The boy was found on Christmas Day by fishermen.", "2025-12-28", "Christmas Day", "DATE", "2025-12-25"},
  };
  check(std::begin(cases), std::end(cases));
}

TEST_CASE("timex: weekdays and deictic words resolve against the anchor") {
  const Case cases[] = {
      {"Both leaders met in Berlin on Sunday to discuss the plan.", "2025-12-14", "Sunday", "DATE", "2025-12-14"},
      {"Peace talks continued, the Kremlin said on Monday.", "2025-12-15", "Monday", "DATE", "2025-12-15"},
      {"The minister resigned on Friday after the vote.", "2025-12-15", "Friday", "DATE", "2025-12-12"},
      {"The envoys will meet again on Thursday in Miami.", "2025-12-15", "Thursday", "DATE", "2025-12-18"},
      {"He promised an answer by next Tuesday at the latest.", "2025-12-17", "next Tuesday", "DATE", "2025-12-23"},
      {"The strikes began last Friday, residents said.", "2025-12-15", "last Friday", "DATE", "2025-12-12"},
      {"The two sides spoke by phone yesterday.", "2025-12-15", "yesterday", "DATE", "2025-12-14"},
      {"Markets are closed today for the holiday.", "2025-12-15", "today", "DATE", "2025-12-15"},
      {"The verdict is expected tomorrow.", "2025-12-15", "tomorrow", "DATE", "2025-12-16"},
      {"Protesters gathered in the square over the weekend.", "2025-12-15", "the weekend", "DATE", "2025-W50-WE"},
      {"Inflation fell last year but rose again this year.", "2025-12-15", "last year", "DATE", "2024"},
      {"Inflation fell last year but rose again this year.", "2025-12-15", "this year", "DATE", "2025"},
      {"New rules take effect next month.", "2025-12-15", "next month", "DATE", "2026-01"},
      {"The bill passed the lower house this week.", "2025-12-15", "this week", "DATE", "2025-W51"},
      {"The company was founded two days ago in a garage.", "2025-12-15", "two days ago", "DATE", "2025-12-13"},
      {"Troops withdrew last summer after the harvest.", "2025-12-15", "last summer", "DATE", "2024-SU"},
      {"Earnings rose in the third quarter. A year earlier the firm lost money.", "2025-12-15", "A year earlier", "DATE", "2024-Q3"},
      {"The general spoke on Monday morning to reporters.", "2025-12-17", "Monday morning", "TIME", "2025-12-15TMO"},
      {"The blast happened at 9:30 a.m. near the station.", "2025-12-14", "9:30 a.m.", "TIME", "2025-12-14T09:30"},
      {"The offer will expire at 5 p.m. Wednesday.", "2025-12-15", "5 p.m. Wednesday", "TIME", "2025-12-17T17:00"},
      {"Rescue teams worked through the night and into this morning.", "2025-12-15", "this morning", "TIME", "2025-12-15TMO"},
  };
  check(std::begin(cases), std::end(cases));
}

TEST_CASE("timex: durations, sets and vague references") {
  const Case cases[] = {
      {"The war has lasted nearly four years, the UN said.", "2025-12-15", "nearly four years", "DURATION", "P4Y"},
      {"The hostages were held for five hours.", "2025-12-15", "five hours", "DURATION", "PT5H"},
      {"Delegates ended a two-day summit in Rome.", "2025-12-15", "two-day", "DURATION", "P2D"},
      {"He spent 2 1/2 years in prison.", "2025-12-15", "2 1/2 years", "DURATION", "P2Y6M"},
      {"Prices have risen over the past two months.", "2025-12-15", "the past two months", "DURATION", "P2M"},
      {"Net income rose in the first nine months.", "2025-12-15", "the first nine months", "DURATION", "P9M"},
      {"The factory has been idle for decades.", "2025-12-15", "decades", "DURATION", "PXDE"},
      {"Inspectors visit the plant every week.", "2025-12-15", "every week", "SET", "P1W"},
      {"The paper is published daily in two languages.", "2025-12-15", "daily", "SET", "P1D"},
      {"The agency reviews the rules annually.", "2025-12-15", "annually", "SET", "P1Y"},
      {"The firm saves $2 million a year from the change.", "2025-12-15", "a year", "SET", "P1Y"},
      {"Talks are now in their third week.", "2025-12-15", "now", "DATE", "PRESENT_REF"},
      {"The plant currently employs 400 people.", "2025-12-15", "currently", "DATE", "PRESENT_REF"},
      {"Rebels recently seized the airport.", "2025-12-15", "recently", "DATE", "PAST_REF"},
      {"Such attacks were rare in the past.", "2025-12-15", "the past", "DATE", "PAST_REF"},
      {"Nobody knows what the future holds for the region.", "2025-12-15", "the future", "DATE", "FUTURE_REF"},
      {"Several mines closed in recent years.", "2025-12-15", "recent years", "DATE", "PAST_REF"},
  };
  check(std::begin(cases), std::end(cases));
}

TEST_CASE("timex: without an anchor, relative values are underspecified") {
  const Case cases[] = {
      {"The ceasefire began on December 14 in the east.", "", "December 14", "DATE", "XXXX-12-14"},
      {"The minister spoke on Sunday in Kyiv.", "", "Sunday", "DATE", "XXXX-WXX-7"},
      {"Output fell last year in most regions.", "", "last year", "DATE", "XXXX"},
      {"The strike lasted three weeks.", "", "three weeks", "DURATION", "P3W"},
  };
  check(std::begin(cases), std::end(cases));
}

TEST_CASE("timex: words that only look like times are left alone") {
  const struct {
    const char* sentence;
  } cases[] = {
      {"April Glaspie met the president in Baghdad."},
      {"The army sent 2000 troops to the border."},
      {"The 6-year-old boy was rescued at sea."},
      {"Shares rose 1.50 in heavy trading."},
      {"She may march with the strikers."},
      {"Iraq imports about three-quarters of its food."},
  };
  for (const auto& c : cases) {
    const std::string sentence = c.sentence;
    CAPTURE(sentence);
    CHECK(all_spans(c.sentence, "2025-12-15") == "");
  }
}

TEST_CASE("timex: spans keep modifiers and leave out prepositions and prenominal 'the'") {
  CHECK(all_spans("The firm expects a loss in the fourth quarter.", "2025-12-15") == "[the fourth quarter]");
  CHECK(all_spans("The third-quarter results disappointed.", "2025-12-15") == "[third-quarter]");
  CHECK(all_spans("Survivors of the 1996 bombing gathered.", "2025-12-15") == "[1996]");
  CHECK(all_spans("Prices rose earlier this month.", "2025-12-15") == "[earlier this month]");
  CHECK(all_spans("Delivery is due at the end of 2026.", "2025-12-15") == "[the end of 2026]");
}

TEST_CASE("timex: timex_date gives the calendar date of a value") {
  const struct {
    const char* value;
    const char* date;
  } cases[] = {
      {"2025-12-14", "2025-12-14"}, {"2025-12-14T09:30", "2025-12-14"}, {"2025-12-15TMO", "2025-12-15"},
      {"2025-12", "2025-12"},       {"2025", "2025"},                   {"2025-Q3", "2025"},
      {"2025-SU", "2025"},          {"2025-H1", "2025"},                {"2025-W50-WE", "2025-12"},
      {"2025-W50", "2025-12"},      {"2025-W01", ""},                   {"2026-W05", "2026"},
      {"PAST_REF", ""},             {"P4Y", ""},                        {"XXXX-12-14", ""},
      {"199", ""},                  {"19", ""},                         {"XXXX-WXX-7", ""},
  };
  for (const auto& c : cases) {
    const std::string value = c.value;
    CAPTURE(value);
    CHECK(extract::timex_date(c.value) == c.date);
  }
}

TEST_CASE("timex: calendar arithmetic") {
  const auto d = extract::Day::parse("2025-12-14");
  REQUIRE(d);
  CHECK(d->weekday() == 6);
  CHECK(d->iso_week() == "2025-W50");
  CHECK(d->plus_days(18).iso() == "2026-01-01");
  CHECK(extract::Day{2024, 1, 31}.plus_months(1).iso() == "2024-02-29");
  CHECK(extract::Day{2021, 1, 3}.iso_week() == "2020-W53");
  CHECK_FALSE(extract::Day::parse("2025-02-30"));
  CHECK_FALSE(extract::Day::parse("Dec 14"));
}

TEST_CASE("timex: the Berlin talks articles, anchored on the day after the Sunday meeting" * doctest::skip(chronicle::test::no_berlin())) {
  const std::filesystem::path dir = std::filesystem::path(CHRONICLE_SHARED_DIR) / "corpus" / "berlin";
  if (!std::filesystem::exists(dir)) return;
  size_t sundays = 0, durations = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const text::Analysis a = text::analyze(body);
    for (const Timex& t : extract::find_timexes(a, "2025-12-15")) {
      const std::string span(t.span.of(body));
      CAPTURE(span);
      if (span == "Sunday" || span == "on Sunday") {
        ++sundays;
        CHECK(t.value == "2025-12-14");
      }
      if (span.starts_with("nearly four")) {
        ++durations;
        CHECK(t.value == "P4Y");
      }
      CHECK(!t.value.empty());
      CHECK((t.type == "DATE" || t.type == "TIME" || t.type == "DURATION" || t.type == "SET"));
    }
  }
  CHECK(sundays >= 3);
  CHECK(durations >= 1);
}

TEST_CASE("timex: a weekday after a verb that sends someone to act later is ahead") {
  // 2026-03-02 is a Monday: the Wednesday they are urged to meet is 2026-03-04,
  // the Wednesday they met was 2026-02-25.
  CHECK(find("The minister urged both sides to meet in Ghent on Wednesday.", "2026-03-02", "Wednesday").value == "2026-03-04");
  CHECK(find("The two sides met in Ghent on Wednesday.", "2026-03-02", "Wednesday").value == "2026-02-25");
}

TEST_CASE("timex: the dates of a web address are neither time expressions nor references") {
  // Without the link rule, "2019" in the link would be a timex and the year
  // later relative expressions resolve against.
  CHECK(all_spans("http : / / port . example / 2019 / 05 / vote . html\nThe vote was held in May .", "2024-06-03") == "[May]");
  CHECK(find("http : / / port . example / 2019 / 05 / vote . html\nThe vote was held in May .", "2024-06-03", "May").value == "2024-05");
  CHECK(all_spans("See https://port.example/2019/05/vote.html for the 2019 results .", "2024-06-03") == "[2019]");
}
