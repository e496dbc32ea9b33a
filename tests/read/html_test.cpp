// The HTML reader: article body, title, publication date, charsets, and pages
// that are empty, broken, binary, huge or nested beyond reason.
#include <doctest/doctest.h>

#include <string>

#include "read/html.h"
#include "read/html_meta.h"
#include "read/html_tree.h"
#include "read/reader.h"

using namespace chronicle;

namespace {

read::Unit html_unit(std::string bytes, std::string origin = "page.html") {
  read::Unit u;
  u.origin = origin;
  u.path = origin;
  u.format = Format::html;
  u.bytes = std::move(bytes);
  return u;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A news page with the furniture real pages carry around one article.
const char* kNewsPage = R"(<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Envoys agree on a second round of talks | The Daily Example</title>
<meta property="og:title" content="Envoys agree on a second round of talks">
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2025-12-14T09:30:00Z">
<script>var tracking = "<p>not text</p>";</script>
<style>.story p { margin: 0 }</style>
</head><body>
<header class="site-header"><a href="/">The Daily Example</a>
  <nav><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
</header>
<div class="page-wrap">
 <main>
  <article class="story">
   <h1>Envoys agree on a second round of talks</h1>
   <div class="byline">By Jane Example</div>
   <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
   <div class="story-body">
    <p>Negotiators from both delegations met for nine hours in Geneva on Sunday, officials said, and agreed to meet again next week.</p>
    <p>The talks, which focused on prisoner exchanges and energy supplies, were described by one participant as difficult but useful.</p>
    <div class="ad ad-inline">Advertisement</div>
    <p>A spokesperson for the host government said the venue would stay the same, and that observers would again be present.</p>
    <figure><img src="a.jpg"><figcaption>Delegates leave the venue on Sunday evening.</figcaption></figure>
    <p>Neither side released a joint statement, but both said that progress had been made on the humanitarian questions.</p>
   </div>
   <div class="related-stories"><h3>Related</h3><ul>
    <li><a href="/1">Markets rally as talks resume in Geneva</a></li>
    <li><a href="/2">Opinion: what a ceasefire would mean for the region</a></li>
   </ul></div>
  </article>
 </main>
 <aside class="sidebar"><h3>Most read</h3><ol><li><a href="/3">Storm closes schools across the north</a></li></ol></aside>
</div>
<footer><p>Copyright 2025 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>)";

}  // namespace

TEST_CASE("html: the article body without the page furniture around it") {
  const Document doc = read::parse_html(html_unit(kNewsPage));
  CHECK(doc.title == "Envoys agree on a second round of talks");
  CHECK(doc.published == "2025-12-14T09:30:00Z");
  CHECK(doc.format == Format::html);
  // Title, blank line, then the paragraphs separated by blank lines.
  CHECK(doc.text.starts_with("Envoys agree on a second round of talks\n\nNegotiators from both delegations"));
  CHECK(has(doc.text, "useful.\n\nA spokesperson"));
  CHECK(has(doc.text, "humanitarian questions."));
  for (std::string furniture : {"World", "Share on", "Advertisement", "Markets rally", "Most read", "Storm closes",
                                "Copyright", "Privacy", "not text", "margin", "Delegates leave", "By Jane"}) {
    CAPTURE(furniture);
    CHECK_FALSE(has(doc.text, furniture));
  }
  // The headline is not repeated from the <h1>.
  CHECK(doc.text.find("Envoys agree") == doc.text.rfind("Envoys agree"));
}

TEST_CASE("html: pages in other languages and charsets") {
  SUBCASE("German, UTF-8") {
    const Document doc = read::parse_html(html_unit(
        "<html><head><meta charset=\"utf-8\"><title>Gespräche in Genf</title></head><body>"
        "<nav><a href=\"/\">Startseite</a> <a href=\"/politik\">Politik</a></nav><div class=\"artikel\">"
        "<p>Die Unterhändler haben sich am Sonntag in Genf getroffen, wie Beamte mitteilten, und wollen sich nächste Woche erneut treffen.</p>"
        "<p>Über die Ergebnisse wurde zunächst nichts bekannt, doch beide Seiten sprachen von Fortschritten.</p></div></body></html>"));
    CHECK(doc.title == "Gespräche in Genf");
    CHECK(has(doc.text, "Die Unterhändler haben sich am Sonntag"));
    CHECK(has(doc.text, "Über die Ergebnisse"));
    CHECK_FALSE(has(doc.text, "Startseite"));
  }
  SUBCASE("Chinese next to a longer English link list") {
    const Document doc = read::parse_html(html_unit(
        "<html><head><meta charset=\"utf-8\"><title>北京会谈</title></head><body><ul class=\"links\">"
        "<li><a href=\"/1\">Markets open higher as traders weigh the latest figures from the region</a></li>"
        "<li><a href=\"/2\">Weather service warns of storms across the north this weekend</a></li></ul>"
        "<div class=\"main\"><p>双方代表周日在日内瓦举行了九个小时的会谈，官员表示，双方同意下周再次会面。</p>"
        "<p>一位与会者说，会谈集中讨论了交换战俘和能源供应问题，过程艰难但有益。</p></div></body></html>"));
    CHECK(doc.title == "北京会谈");
    CHECK(has(doc.text, "双方代表周日在日内瓦举行了九个小时的会谈"));
    CHECK(has(doc.text, "过程艰难但有益。"));
    CHECK_FALSE(has(doc.text, "Markets open"));
  }
  SUBCASE("Arabic") {
    const Document doc = read::parse_html(html_unit(
        "<html dir=\"rtl\"><head><meta charset=\"utf-8\"></head><body><nav><a href=\"/\">الرئيسية</a></nav><article>"
        "<p>التقى المفاوضون من الجانبين يوم الأحد في جنيف لمدة تسع ساعات، وقال مسؤولون إنهم اتفقوا على الاجتماع مجددا الأسبوع المقبل.</p>"
        "</article></body></html>"));
    CHECK(has(doc.text, "التقى المفاوضون من الجانبين"));
    CHECK_FALSE(has(doc.text, "الرئيسية"));
  }
  SUBCASE("Russian, windows-1251 declared in http-equiv") {
    // "Переговоры" and a sentence, encoded in windows-1251.
    const std::string page =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body><p>"
        "\xCF\xE5\xF0\xE5\xE3\xEE\xE2\xEE\xF0\xFB \xEF\xF0\xEE\xE4\xEE\xEB\xE6\xE0\xF2\xF1\xFF \xE2 \xC6\xE5\xED\xE5\xE2\xE5, "
        "\xF1\xEE\xEE\xE1\xF9\xE8\xEB\xE8 \xF7\xE8\xED\xEE\xE2\xED\xE8\xEA\xE8.</p></body></html>";
    const Document doc = read::parse_html(html_unit(page));
    CHECK(has(doc.text, "Переговоры продолжатся в Женеве, сообщили чиновники."));
  }
  SUBCASE("French, ISO-8859-1 means windows-1252") {
    const std::string page =
        "<html><head><meta charset=iso-8859-1></head><body><p>Le pr\xE9sident a rencontr\xE9 ses homologues \xE0 Gen\xE8ve "
        "\x96 une premi\xE8re depuis des mois, a annonc\xE9 l'\xC9lys\xE9\x65.</p></body></html>";
    const Document doc = read::parse_html(html_unit(page));
    CHECK(has(doc.text, "Le président a rencontré ses homologues à Genève – une première"));
    CHECK(has(doc.text, "l'Élysée."));
  }
  SUBCASE("Japanese, Shift_JIS") {
    // "首相は火曜日に協議が続くと述べた。" in Shift_JIS.
    const std::string page =
        "<html><head><meta charset=\"Shift_JIS\"></head><body><p>"
        "\x8E\xF1\x91\x8A\x82\xCD\x89\xCE\x97\x6A\x93\xFA\x82\xC9\x8B\xA6\x8B\x63\x82\xAA\x91\xB1\x82\xAD\x82\xC6\x8F\x71"
        "\x82\xD7\x82\xBD\x81\x42</p></body></html>";
    const Document doc = read::parse_html(html_unit(page));
    CHECK(has(doc.text, "首相は火曜日に協議が続くと述べた。"));
  }
  SUBCASE("UTF-16 with a byte-order mark") {
    const std::string ascii = "<html><body><p>The negotiators met in Geneva on Monday, officials said.</p></body></html>";
    std::string page = "\xFF\xFE";
    for (char c : ascii) page += std::string{c, '\0'};
    const Document doc = read::parse_html(html_unit(page));
    CHECK(has(doc.text, "The negotiators met in Geneva on Monday, officials said."));
  }
}

TEST_CASE("html: charset conversion keeps valid UTF-8 as it is") {
  CHECK(read::html_to_utf8("<p>Zürich – ok</p>") == "<p>Zürich – ok</p>");
  CHECK(read::html_to_utf8("\xEF\xBB\xBF<p>x</p>") == "<p>x</p>");
  // Declared UTF-8 with one stray byte: the byte becomes U+FFFD, the rest stays.
  const std::string mixed = read::html_to_utf8("<meta charset=utf-8><p>Zürich \xFF und Genf, Köln, Düsseldorf</p>");
  CHECK(has(mixed, "Zürich \xEF\xBF\xBD und Genf, Köln, Düsseldorf"));
}

TEST_CASE("html: title without the site name") {
  const struct {
    const char* title;
    const char* h1;
    const char* site;
    const char* expected;
  } cases[] = {
      {"Envoys agree on new talks | The Daily Example", "", "", "Envoys agree on new talks"},
      {"Envoys agree on new talks - World - The Daily Example", "", "The Daily Example", "Envoys agree on new talks"},
      {"Daily Example: Envoys agree on new talks", "", "", "Daily Example: Envoys agree on new talks"},
      {"The Daily Example | Envoys agree on new talks in Geneva", "", "The Daily Example", "Envoys agree on new talks in Geneva"},
      {"Trade war - what comes next - Business Weekly", "Trade war - what comes next", "", "Trade war - what comes next"},
      {"Just a headline", "", "", "Just a headline"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.title));
    CHECK(read::html::strip_site_name(c.title, c.h1, c.site) == c.expected);
  }
}

TEST_CASE("html: publication date from metadata, JSON-LD or <time>") {
  const std::string body = "<p>The committee voted on Thursday to approve the budget, members said, after a long debate.</p>";
  const struct {
    std::string head;
    std::string in_body;
    const char* expected;
  } cases[] = {
      {"<meta property=\"article:published_time\" content=\"2025-03-02T08:00:00+01:00\">", "", "2025-03-02T08:00:00+01:00"},
      {"<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
       "\"headline\":\"Budget approved\",\"datePublished\":\"2024-11-05\"}</script>", "", "2024-11-05"},
      {"<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\"},{\"@type\":\"Article\","
       "\"datePublished\":\"2023-07-19T10:15:00Z\"}]}</script>", "", "2023-07-19T10:15:00Z"},
      {"", "<time datetime=\"2022-01-31\">Monday</time>", "2022-01-31"},
      // The explicit published time wins over a generic date and a <time> element.
      {"<meta name=\"date\" content=\"2021-05-05\"><meta property=\"article:published_time\" content=\"2021-06-06\">",
       "<time datetime=\"2020-01-01\">then</time>", "2021-06-06"},
      {"<script type=\"application/ld+json\">{ broken json </script>", "", ""},
      // itemprop with several words; compact and slashed dates in site-specific metas.
      {"<meta property=\"article:published\" itemprop=\"datePublished dateCreated\" content=\"2019-11-19T11:00:09Z\">", "",
       "2019-11-19T11:00:09Z"},
      {"<meta name=\"sn-post-date\" content=\"2019/11/19\">", "", "2019-11-19"},
      {"<meta name=\"pdate\" content=\"20191118\">", "", "2019-11-18"},
      {"<meta name=\"publisher\" content=\"2019/11/19\">", "", ""},
      {"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"0001-01-01T00:00:00Z\"}</script>", "", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.head);
    const read::Article a = read::extract_article("<html><head>" + c.head + "</head><body>" + c.in_body + body + "</body></html>");
    CHECK(a.published == c.expected);
    CHECK(has(a.body, "approve the budget"));
  }
}

TEST_CASE("html: a page that renders its article with scripts falls back to the JSON-LD articleBody") {
  const std::string sentence = "The committee voted on Thursday to approve the budget, members said, after a long debate. ";
  std::string article;
  for (int i = 0; i < 6; ++i) article += sentence;
  const std::string page =
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Budget approved\","
      "\"articleBody\":\"" + article + "\\nA second paragraph &amp; more, with the vote count of 31 to 20.\"}</script></head>"
      "<body><nav><a href=\"/\">Home</a></nav><div id=\"app\"><p>Please enable JavaScript to read this site, which uses "
      "it to show articles, comments and the weather.</p></div></body></html>";
  const read::Article a = read::extract_article(page);
  CHECK(a.title == "Budget approved");
  CHECK(has(a.body, "approve the budget, members said"));
  CHECK(has(a.body, "debate.\n\nA second paragraph & more, with the vote count"));
  CHECK_FALSE(has(a.body, "enable JavaScript"));
}

TEST_CASE("html: headline from JSON-LD, <title> or <h1> when og:title is missing") {
  const std::string body = "<p>The committee voted on Thursday to approve the budget, members said, after a long debate.</p>";
  CHECK(read::extract_article("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
                              "\"Budget approved\"}</script><title>Home | Example</title></head><body>" + body + "</body></html>")
            .title == "Budget approved");
  CHECK(read::extract_article("<html><head><title>Budget approved after long debate - Example News</title></head><body>" +
                              body + "</body></html>")
            .title == "Budget approved after long debate");
  CHECK(read::extract_article("<html><body><h1>Budget approved</h1>" + body + "</body></html>").title == "Budget approved");
}

TEST_CASE("html: an article split around an inline promotion keeps both halves") {
  const Document doc = read::parse_html(html_unit(
      "<html><head><title>Split story</title></head><body><div class=\"wrap\"><div class=\"nav\"><a href=\"/\">Home</a></div>"
      "<div class=\"col\"><div class=\"story-text\"><p>The first part says that the council met on Tuesday, and that the "
      "mayor spoke for an hour about the bridge.</p><p>Residents, who had waited for months, said they were relieved, though "
      "some doubted it.</p></div><div class=\"inline-promo\"><a href=\"/x\">Sign up for our morning briefing</a></div>"
      "<div class=\"story-text\"><p>The second part says that the ferry will run every twenty minutes, and that fares will "
      "stay the same.</p><p>Officials said the bridge would reopen in the autumn, if the weather allowed.</p></div>"
      "<div class=\"comments\"><h3>Comments</h3><p>Great article, thanks for writing it, I have been waiting for this news "
      "for a long time.</p></div></div></div></body></html>"));
  CHECK(has(doc.text, "The first part says"));
  CHECK(has(doc.text, "The second part says"));
  CHECK(has(doc.text, "reopen in the autumn"));
  CHECK_FALSE(has(doc.text, "morning briefing"));
  CHECK_FALSE(has(doc.text, "Great article"));
}

TEST_CASE("html: old-style pages with text split by <br>") {
  const Document doc = read::parse_html(html_unit(
      "<html><body><table><tr><td class=\"menu\"><a href=\"/\">Home</a><br><a href=\"/news\">News</a></td><td>"
      "<font face=\"Arial\">The council met on Monday evening and voted to close the bridge for repairs, the mayor said."
      "<br><br>Work is expected to take three months, and a ferry will run in the meantime, officials added.</font>"
      "</td></tr></table></body></html>"));
  CHECK(has(doc.text, "for repairs, the mayor said.\n\nWork is expected"));
  CHECK_FALSE(has(doc.text, "Home"));
}

TEST_CASE("html: pages without an article are refused with a clear message") {
  const char* pages[] = {
      "",
      "   \n\t  ",
      "<html><head><title>Nothing</title></head><body></body></html>",
      "<html><body><nav><a href=\"/a\">World</a> <a href=\"/b\">Sport</a></nav><div><a href=\"/c\">A headline about "
      "something somewhere today</a> <a href=\"/d\">Another headline about something else entirely</a></div></body></html>",
  };
  for (std::string page : pages) {
    CAPTURE(page);
    CHECK_THROWS_AS(read::parse_html(html_unit(page)), read::ReadError);
  }
}

TEST_CASE("html: broken markup and NUL bytes still give the text") {
  const Document broken = read::parse_html(html_unit(
      "<html><body><p>Unclosed <b>bold <i>italic <div>block</p></b> &amp; &#xZZ; <<<>>> </ta ble>"
      "<p>The negotiators met in Geneva on Monday, officials said, and talks went on late."));
  CHECK(has(broken.text, "The negotiators met in Geneva on Monday"));
  const Document nul = read::parse_html(html_unit(std::string("<html><body><p>The negotiators met") + '\0' +
                                                   " in Geneva on Monday, officials said.</p></body></html>"));
  CHECK(has(nul.text, "The negotiators met in Geneva on Monday"));
  CHECK_FALSE(has(nul.text, std::string(1, '\0')));
  std::string binary;
  for (int i = 0; i < 4000; ++i) binary += static_cast<char>((i * 7919) % 256);
  CHECK_THROWS_AS(read::parse_html(html_unit(binary)), read::ReadError);
}

TEST_CASE("html: runaway nesting is refused before parsing") {
  auto repeat = [](const std::string& s, int n) {
    std::string out;
    out.reserve(s.size() * static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  const std::string para = "<p>Text that is long enough to count as a paragraph of an article, surely.</p>";
  const std::string pages[] = {
      "<html><body>" + repeat("<div>", 100000) + para + repeat("</div>", 100000) + "</body></html>",
      "<html><body>" + repeat("<b>", 100000) + para + "</body></html>",
      "<html><body>" + repeat("<div/>", 100000) + para + "</body></html>",
      "<html><body>" + repeat("<x-item></x-other>", 100000) + para + "</body></html>",
      // The adoption agency keeps the blocks open when </b> closes the <b> below them.
      "<html><body>" + repeat("<b>" + repeat("<div>", 20) + "x</b>", 5000) + para + "</body></html>",
      // Formatting elements left open are rebuilt inside every later paragraph.
      "<html><body><p>" + [&] {
        std::string open;
        for (int i = 0; i < 900; ++i) open += "<b id=" + std::to_string(i) + ">";
        return open;
      }() + "</p>" + repeat(para, 5000) + "</body></html>",
  };
  for (const std::string& page : pages) {
    CAPTURE(page.substr(0, 60));
    try {
      read::parse_html(html_unit(page));
      FAIL("a page nested this deep was parsed");
    } catch (const read::ReadError& e) {
      CHECK(e.where() == "page.html");
      const std::string message = e.what();
      CHECK((has(message, "nested") || has(message, "formatting elements")));
    }
  }
}

TEST_CASE("html: the nesting estimate follows the parser's rules") {
  const struct {
    const char* html;
    size_t depth;
  } cases[] = {
      {"<html><body><div><div><p>x</div></div></body></html>", 2},  // html and body close implicitly
      {"<p>a<p>b<p>c<li>d<li>e", 0},            // implied end tags do not nest
      {"<div><br><img src=x><hr></div>", 1},     // void elements
      {"<div><svg><path/><path/></svg></div>", 2},  // self-closed foreign elements
      {"<script>if (a < b) { x = '<div><div>'; }</script><div></div>", 1},
      {"<!-- <div><div><div> --><div></div>", 1},
      {"<div title=\"a > b\"><span>x</span></div>", 2},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.html));
    CHECK(read::html::measure_markup(c.html).max_depth == c.depth);
  }
}

TEST_CASE("html: lean markup drops scripts, styles and comments but keeps JSON-LD") {
  std::string lean;
  read::html::measure_markup(
      "<head><script>var a = 1;</script><script type=\"application/ld+json\">{\"headline\":\"H\"}</script>"
      "<style>p{}</style></head><body><!-- note --><p>x</p></body>",
      &lean);
  CHECK(lean == "<head><script></script><script type=\"application/ld+json\">{\"headline\":\"H\"}</script>"
                "<style></style></head><body><p>x</p></body>");
}

TEST_CASE("html: a big page is processed in bounded time") {
  const std::string para =
      "<p>The minister said on Tuesday that the talks would continue, and that both sides had agreed to meet again.</p>\n";
  std::string page = "<html><head><title>Long report</title></head><body><article>";
  while (page.size() < (8u << 20)) page += para;
  page += "</article></body></html>";
  const Document doc = read::parse_html(html_unit(page));
  CHECK(doc.title == "Long report");
  CHECK(doc.text.size() > (6u << 20));
}
