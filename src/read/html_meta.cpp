// Title, publication date and JSON-LD of an HTML page, read from the flat tree.
// Dates are ranked by how surely they mean "published": an explicit
// published-time meta first, then JSON-LD, microdata, generic date metas, and the
// first <time datetime> last.
#include "read/html_meta.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

#include "common/utf8.h"
#include "read/dates.h"

namespace chronicle::read::html {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// White space collapsed to single spaces, trimmed.
std::string tidy(std::string_view s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    size_t j = i;
    const char32_t c = utf8::next(s, j);
    if (utf8::is_space(c) || c == 0) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.append(s.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

enum Rank { kFirstTime = 1, kGenericMeta = 2, kMicrodata = 3, kJsonLd = 4, kPublishedMeta = 5 };

struct DateSlot {
  int rank = 0;
  std::string value;
  void offer(int r, std::string_view text) {
    if (r > rank) take(r, normalize_date(text));
  }
  void take(int r, std::optional<std::string> d) {
    if (r <= rank || !d) return;
    rank = r;
    value = std::move(*d);
  }
};

constexpr std::array<std::string_view, 8> kPublishedKeys{
    "article:published_time", "og:published_time", "article.published", "datepublished",
    "parsely-pub-date", "og:article:published_time", "published_time", "article:published"};
constexpr std::array<std::string_view, 14> kDateKeys{
    "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
    "dcterms.created", "dcterms.date", "dcterms.issued", "sailthru.date", "originalpublicationdate",
    "article_date_original", "displaydate"};

template <size_t N>
bool one_of(const std::array<std::string_view, N>& keys, std::string_view k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

bool article_type(const nlohmann::json& type) {
  auto check = [](const std::string& t) {
    const std::string l = lower_ascii(t);
    return l.find("article") != std::string::npos || l.find("posting") != std::string::npos ||
           l.find("report") != std::string::npos;
  };
  if (type.is_string()) return check(type.get<std::string>());
  if (type.is_array())
    for (const auto& t : type)
      if (t.is_string() && check(t.get<std::string>())) return true;
  return false;
}

struct JsonFinds {
  std::string headline, published, body;
  bool article_headline = false;
};

void walk_json(const nlohmann::json& j, JsonFinds& f, int depth) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const auto& e : j) walk_json(e, f, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  const bool article = j.contains("@type") && article_type(j["@type"]);
  auto str = [&](const char* key) -> std::string {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (const std::string h = str("headline"); !h.empty() && (f.headline.empty() || (article && !f.article_headline))) {
    f.headline = h;
    f.article_headline = article;
  }
  if (const std::string d = str("datePublished"); !d.empty() && (f.published.empty() || article)) f.published = d;
  if (const std::string b = str("articleBody"); b.size() > f.body.size()) f.body = b;
  for (const auto& [key, value] : j.items())
    if (value.is_object() || value.is_array()) walk_json(value, f, depth + 1);
}

void read_json_ld(std::string_view text, JsonFinds& f) {
  if (text.size() > (4u << 20)) return;
  const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (!j.is_discarded()) walk_json(j, f, 0);
}

// A date as metas write it: ISO and prose via normalize_date, and the compact
// forms "2019/11/19", "2019.11.19" and "20191119".
std::optional<std::string> meta_date(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  auto digits = [&](size_t from, size_t n) {
    if (from + n > v.size()) return false;
    for (size_t k = from; k < from + n; ++k)
      if (v[k] < '0' || v[k] > '9') return false;
    return true;
  };
  std::string iso;
  if (v.size() >= 10 && digits(0, 4) && (v[4] == '/' || v[4] == '.') && v[7] == v[4] && digits(5, 2) && digits(8, 2))
    iso = std::string(v.substr(0, 4)) + "-" + std::string(v.substr(5, 2)) + "-" + std::string(v.substr(8, 2));
  else if (v.size() == 8 && digits(0, 8))
    iso = std::string(v.substr(0, 4)) + "-" + std::string(v.substr(4, 2)) + "-" + std::string(v.substr(6, 2));
  return normalize_date(iso.empty() ? v : std::string_view(iso));
}

// A meta name that says "date of publication" without being one of the known ones.
bool publication_like(std::string_view k) {
  return (k.find("publish") != std::string_view::npos && k.find("publisher") == std::string_view::npos) ||
         k.find("pubdate") != std::string_view::npos || k.find("pub-date") != std::string_view::npos ||
         k.find("post-date") != std::string_view::npos || k.find("postdate") != std::string_view::npos ||
         k.find("post_date") != std::string_view::npos || k == "pdate";
}

void read_meta(const Tree& tree, uint32_t i, DateSlot& date, std::string& og_title, std::string& site) {
  const char* content = tree.attr(i, "content");
  if (!content) return;
  // Each of property, name and itemprop may name the meta, itemprop with several words.
  for (const char* attr : {"property", "name", "itemprop"}) {
    const char* value = tree.attr(i, attr);
    if (!value) continue;
    const std::string all = lower_ascii(value);
    std::string_view rest = all;
    while (!rest.empty()) {
      const size_t sp = rest.find(' ');
      const std::string_view k = rest.substr(0, sp);
      rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
      if (k.empty()) continue;
      if ((k == "og:title" || k == "twitter:title") && og_title.empty()) og_title = tidy(content);
      else if ((k == "og:site_name" || k == "application-name") && site.empty()) site = tidy(content);
      else if (one_of(kPublishedKeys, k)) date.take(kPublishedMeta, meta_date(content));
      else if (one_of(kDateKeys, k) || publication_like(k)) date.take(kGenericMeta, meta_date(content));
    }
  }
}

// Separators that join a headline and a site or section name in <title>.
constexpr std::array<std::string_view, 10> kSeparators{" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
                                                       " \xC2\xB7 ", " \xE2\x80\xA2 ", " \xC2\xAB ", " \xC2\xBB ", " / "};

size_t words_in(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool space = c == ' ';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

std::string folded(std::string_view s) { return utf8::fold(s); }

}  // namespace

std::string strip_site_name(const std::string& title, const std::string& h1, const std::string& site) {
  // Split at every separator, keeping the pieces.
  std::vector<std::string_view> parts;
  std::string_view rest(title);
  for (;;) {
    size_t at = std::string_view::npos, len = 0;
    for (std::string_view sep : kSeparators) {
      const size_t p = rest.find(sep);
      if (p < at) at = p, len = sep.size();
    }
    if (at == std::string_view::npos) break;
    parts.push_back(rest.substr(0, at));
    rest.remove_prefix(at + len);
  }
  parts.push_back(rest);
  if (parts.size() == 1) return title;
  auto join = [&](size_t from, size_t to) {  // [from, to) with the original separators
    const char* b = parts[from].data();
    const char* e = parts[to - 1].data() + parts[to - 1].size();
    return std::string(b, static_cast<size_t>(e - b));
  };
  if (!h1.empty()) {
    const std::string h = folded(h1);
    for (size_t from = 0; from < parts.size(); ++from)
      for (size_t to = from + 1; to <= parts.size(); ++to)
        if (folded(join(from, to)) == h) return join(from, to);
  }
  size_t from = 0, to = parts.size();
  const std::string s = site.empty() ? std::string() : folded(site);
  auto is_site = [&](std::string_view p) {
    if (s.empty()) return false;
    const std::string f = folded(p);
    return f == s || (f.size() > 3 && s.find(f) != std::string::npos) || (s.size() > 3 && f.find(s) != std::string::npos);
  };
  // Trailing parts: the site name, or short labels after a longer headline.
  while (to - from > 1 && (is_site(parts[to - 1]) || (words_in(parts[to - 1]) <= 4 && words_in(join(from, to - 1)) >= 3)))
    --to;
  // A leading site name.
  while (to - from > 1 && is_site(parts[from])) ++from;
  return join(from, to);
}

PageMeta page_meta(const Tree& tree) {
  PageMeta meta;
  DateSlot date;
  std::string og_title, title_tag, site;
  JsonFinds json;
  for (uint32_t i = 0; i < tree.size(); ++i) {
    const Node& n = tree[i];
    if (n.is(kText)) continue;
    switch (n.tag) {
      case GUMBO_TAG_META:
        read_meta(tree, i, date, og_title, site);
        break;
      case GUMBO_TAG_TITLE:
        if (title_tag.empty()) title_tag = tidy(tree.raw_text(i));
        break;
      case GUMBO_TAG_SCRIPT:
        if (const char* type = tree.attr(i, "type"); type && lower_ascii(type) == "application/ld+json")
          read_json_ld(tree.raw_text(i), json);
        break;
      case GUMBO_TAG_H1:
        if (meta.h1.empty() && !n.is(kDead)) meta.h1 = tree.text_under(i);
        break;
      case GUMBO_TAG_TIME:
        if (const char* dt = tree.attr(i, "datetime")) {
          const char* prop = tree.attr(i, "itemprop");
          date.offer(prop && lower_ascii(prop) == "datepublished" ? kMicrodata : tree.attr(i, "pubdate") ? kGenericMeta : kFirstTime, dt);
        }
        break;
      default:
        break;
    }
    if (n.tag != GUMBO_TAG_META && n.tag != GUMBO_TAG_TIME)
      if (const char* prop = tree.attr(i, "itemprop"); prop && lower_ascii(prop) == "datepublished") {
        const char* v = tree.attr(i, "content");
        if (!v) v = tree.attr(i, "datetime");
        if (v) date.offer(kMicrodata, v);
        else date.offer(kMicrodata, tree.text_under(i));
      }
  }
  if (!json.published.empty()) date.offer(kJsonLd, json.published);
  meta.published = date.value;
  meta.json_body = std::move(json.body);
  std::string base = !og_title.empty() ? og_title : !json.headline.empty() ? tidy(json.headline) : !title_tag.empty() ? title_tag : meta.h1;
  meta.title = strip_site_name(base, meta.h1, site);
  if (meta.title.size() > 400) meta.title.clear();
  return meta;
}

}  // namespace chronicle::read::html
