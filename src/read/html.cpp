// HTML article extraction with gumbo. The body is the block of the page whose
// paragraphs carry the most text that is not link text; blocks inside nav,
// header, footer, aside, forms and scripts never count.
#include "read/html.h"

#include <fmt/format.h>
#include <gumbo.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <vector>

#include "common/utf8.h"
#include "read/dates.h"
#include "read/furniture.h"

namespace chronicle::read {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The charset named in the first bytes of a page (<meta charset> or http-equiv).
std::string declared_charset(std::string_view bytes) {
  const std::string head = lower(bytes.substr(0, 4096));
  size_t at = head.find("charset=");
  if (at == std::string::npos) return {};
  at += 8;
  while (at < head.size() && (head[at] == '"' || head[at] == '\'' || head[at] == ' ')) ++at;
  size_t end = at;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) || head[end] == '-' || head[end] == '_')) ++end;
  return head.substr(at, end - at);
}

std::string convert(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 16, '\0');
  const int32_t n = ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                                 static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return {};
  out.resize(static_cast<size_t>(n));
  return out;
}

const char* attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

bool skipped_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

bool furniture_class(const GumboNode* n) {
  for (const char* name : {"class", "id", "role"}) {
    const char* v = attr(n, name);
    if (!v) continue;
    const std::string l = lower(v);
    for (const char* bad : {"share", "social", "related", "comment", "newsletter", "promo", "advert", "cookie",
                            "navigation", "breadcrumb", "subscribe", "sidebar", "footer", "menu", "banner", "caption"})
      if (l.find(bad) != std::string::npos) return true;
  }
  return false;
}

bool block_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_TD: case GUMBO_TAG_BR:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
      return true;
    default:
      return false;
  }
}

void append_text(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t j = i;
    const char32_t c = utf8::next(s, j);
    if (utf8::is_space(c)) {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
    } else {
      out.append(s.substr(i, j - i));
    }
    i = j;
  }
}

// Inline text of a node; `links` collects the part inside <a>.
void inline_text(const GumboNode* n, std::string& out, size_t& link_chars, bool in_link, int depth) {
  if (depth > 200) return;
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
    const size_t before = out.size();
    append_text(out, n->v.text.text);
    if (in_link) link_chars += out.size() - before;
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT || skipped_tag(n->v.element.tag)) return;
  if (n->v.element.tag == GUMBO_TAG_BR) {
    out.push_back(' ');
    return;
  }
  const bool link = in_link || n->v.element.tag == GUMBO_TAG_A;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    inline_text(static_cast<const GumboNode*>(kids.data[i]), out, link_chars, link, depth + 1);
}

struct Block {
  const GumboNode* node;
  const GumboNode* parent;
  std::string text;
  size_t link_chars = 0;
  bool heading = false;
};

bool has_block_child(const GumboNode* n) {
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    const auto* k = static_cast<const GumboNode*>(kids.data[i]);
    if (k->type == GUMBO_NODE_ELEMENT && block_tag(k->v.element.tag) && k->v.element.tag != GUMBO_TAG_BR) return true;
  }
  return false;
}

void collect_blocks(const GumboNode* n, std::vector<Block>& out, int depth) {
  if (n->type != GUMBO_NODE_ELEMENT || depth > 400) return;
  const GumboTag tag = n->v.element.tag;
  if (skipped_tag(tag) || furniture_class(n)) return;
  const bool leaf_block = tag == GUMBO_TAG_P || (tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6) ||
                          tag == GUMBO_TAG_PRE || ((tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_LI || tag == GUMBO_TAG_BLOCKQUOTE || tag == GUMBO_TAG_TD) && !has_block_child(n));
  if (leaf_block) {
    Block b{n, n->parent, {}, 0, tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6};
    inline_text(n, b.text, b.link_chars, false, 0);
    while (!b.text.empty() && b.text.back() == ' ') b.text.pop_back();
    while (!b.text.empty() && b.text.front() == ' ') b.text.erase(0, 1);
    if (!b.text.empty()) out.push_back(std::move(b));
    return;
  }
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) collect_blocks(static_cast<const GumboNode*>(kids.data[i]), out, depth + 1);
}

const GumboNode* find_tag(const GumboNode* n, GumboTag tag, int depth = 0) {
  if (n->type != GUMBO_NODE_ELEMENT || depth > 400) return nullptr;
  if (n->v.element.tag == tag) return n;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    if (const GumboNode* f = find_tag(static_cast<const GumboNode*>(kids.data[i]), tag, depth + 1)) return f;
  return nullptr;
}

void find_meta(const GumboNode* n, Article& a, std::string& og_title, int depth = 0) {
  if (n->type != GUMBO_NODE_ELEMENT || depth > 400) return;
  const GumboTag tag = n->v.element.tag;
  if (tag == GUMBO_TAG_META) {
    const char* key = attr(n, "property");
    if (!key) key = attr(n, "name");
    if (!key) key = attr(n, "itemprop");
    const char* content = attr(n, "content");
    if (key && content) {
      const std::string k = lower(key);
      if (k == "og:title" && og_title.empty()) og_title = content;
      if (a.published.empty() && (k == "article:published_time" || k == "datepublished" || k == "pubdate" ||
                                  k == "date" || k == "dc.date" || k == "dc.date.issued" || k == "publish-date" || k == "sailthru.date"))
        a.published = normalize_date(content).value_or("");
    }
  } else if (tag == GUMBO_TAG_TIME && a.published.empty()) {
    if (const char* dt = attr(n, "datetime")) a.published = normalize_date(dt).value_or("");
  } else if (tag == GUMBO_TAG_TITLE && a.title.empty() && n->v.element.children.length > 0) {
    std::string t;
    size_t links = 0;
    inline_text(n, t, links, false, 0);
    a.title = t;
  }
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) find_meta(static_cast<const GumboNode*>(kids.data[i]), a, og_title, depth + 1);
}

std::string trim_copy(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\n')) ++i;
  return s.substr(i);
}

}  // namespace

std::string html_to_utf8(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (!utf8::first_invalid(bytes)) return std::string(bytes);
  std::string charset = declared_charset(bytes);
  if (charset.empty() || charset == "utf-8" || charset == "utf8") charset = "windows-1252";
  std::string out = convert(bytes, charset);
  if (out.empty() || utf8::first_invalid(out)) out = utf8::sanitize(bytes);
  return out;
}

Article extract_article(std::string_view html) {
  Article a;
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  std::string og_title;
  find_meta(out->root, a, og_title);
  if (!og_title.empty()) a.title = og_title;
  a.title = trim_copy(a.title);

  std::vector<Block> blocks;
  const GumboNode* scope = find_tag(out->root, GUMBO_TAG_BODY);
  collect_blocks(scope ? scope : out->root, blocks, 0);
  // Score each parent by the non-link text of its paragraph children.
  std::unordered_map<const GumboNode*, double> score;
  for (const Block& b : blocks) {
    const double text = static_cast<double>(b.text.size() - std::min(b.text.size(), b.link_chars));
    if (b.link_chars * 2 > b.text.size() || b.text.size() < 25) continue;
    score[b.parent] += text;
    if (b.parent && b.parent->parent) score[b.parent->parent] += text * 0.5;
  }
  const GumboNode* best = nullptr;
  double best_score = 0;
  for (const auto& [node, s] : score)
    if (s > best_score) best_score = s, best = node;
  std::vector<std::string_view> lines;
  for (const Block& b : blocks) {
    bool inside = false;
    for (const GumboNode* p = b.node; p; p = p->parent)
      if (p == best) inside = true;
    if (!inside || b.link_chars * 10 > b.text.size() * 6) continue;
    lines.push_back(b.text);
  }
  for (std::string_view line : drop_furniture(lines)) {
    if (!a.body.empty()) a.body += "\n\n";
    a.body.append(line);
  }
  if (!a.title.empty() && a.body.starts_with(a.title)) a.body = trim_copy(a.body.substr(a.title.size()));
  return a;
}

Document parse_html(const Unit& unit) {
  if (unit.bytes.find_first_not_of(" \t\r\n") == std::string::npos) throw ReadError(unit.origin, "empty file, skipped");
  if (std::memchr(unit.bytes.data(), '\0', std::min<size_t>(unit.bytes.size(), 8192)))
    throw ReadError(unit.origin, "binary file (contains NUL bytes), skipped");
  const std::string html = html_to_utf8(unit.bytes);
  Article a = extract_article(html);
  if (a.body.empty()) throw ReadError(unit.origin, "no article text found in the HTML page, skipped");
  Document doc;
  doc.format = Format::html;
  doc.title = a.title;
  doc.published = a.published;
  doc.text = a.title.empty() ? a.body : a.title + "\n\n" + a.body;
  return doc;
}

}  // namespace chronicle::read
