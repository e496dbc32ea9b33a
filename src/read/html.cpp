// The HTML reader: bytes to UTF-8 (declared charset, else detected, via ICU),
// checks that keep the parser within time and memory (nesting depth, element
// count), gumbo parsing into a flat tree (html_tree), metadata (html_meta) and
// the article body (html_body), with the text-furniture rules applied to the
// resulting paragraphs.
#include "read/html.h"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "common/utf8.h"
#include "read/dates.h"
#include "read/furniture.h"
#include "read/html_body.h"
#include "read/html_meta.h"
#include "read/html_tree.h"

namespace chronicle::read {

namespace {

// Limits that keep parsing cheap whatever the page: real pages nest well under
// a hundred levels and hold some thousands of elements.
constexpr size_t kMaxDepth = 2000;
constexpr size_t kMaxElements = 1'000'000;
// A body shorter than this makes the extractor try again with looser rules.
constexpr size_t kShortBody = 500;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The charset a page declares in its first bytes (<meta charset> or http-equiv).
std::string declared_charset(std::string_view bytes) {
  const std::string head = lower(bytes.substr(0, 16384));
  for (size_t at = head.find("charset"); at != std::string::npos; at = head.find("charset", at + 7)) {
    size_t i = at + 7;
    while (i < head.size() && (head[i] == ' ' || head[i] == '=' || head[i] == '"' || head[i] == '\'')) ++i;
    if (i == at + 7 || head.find('=', at + 7) != head.find_first_not_of(' ', at + 7)) continue;
    size_t end = i;
    while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) || std::strchr("-_:.", head[end]))) ++end;
    if (end > i) return head.substr(i, end - i);
  }
  return {};
}

// The converter name for a declared charset, following the HTML standard's
// aliases where they differ from ICU's (Latin-1 means windows-1252, and so on).
std::string converter_name(std::string charset) {
  if (charset == "iso-8859-1" || charset == "latin1" || charset == "us-ascii" || charset == "ascii" || charset == "iso8859-1")
    return "windows-1252";
  if (charset == "gb2312" || charset == "gbk" || charset == "x-gbk") return "gb18030";
  if (charset == "euc-kr" || charset == "ks_c_5601-1987") return "windows-949";
  if (charset == "tis-620" || charset == "iso-8859-11") return "windows-874";
  if (charset == "shift_jis" || charset == "x-sjis" || charset == "sjis") return "windows-31j";
  if (charset == "iso-8859-9") return "windows-1254";
  return charset;
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

// ICU's guess at the charset of undeclared bytes, or empty when unsure.
std::string detected_charset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  if (U_FAILURE(status)) return {};
  std::string name;
  const auto sample = static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 16));
  ucsdet_enableInputFilter(det, true);  // ignore markup
  ucsdet_setText(det, bytes.data(), sample, &status);
  const UCharsetMatch* match = ucsdet_detect(det, &status);
  if (U_SUCCESS(status) && match) {
    const int32_t confidence = ucsdet_getConfidence(match, &status);
    const char* n = ucsdet_getName(match, &status);
    if (U_SUCCESS(status) && n && confidence >= 30) name = lower(n);
  }
  ucsdet_close(det);
  return name;
}

// Share of the multi-byte sequences of `s` that are not well-formed UTF-8.
bool mostly_utf8(std::string_view s) {
  size_t good = 0, bad = 0;
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const auto rest = s.substr(i, std::min<size_t>(4, s.size() - i));
    size_t len = 1;
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xC2 && b <= 0xDF) len = 2;
    else if (b >= 0xE0 && b <= 0xEF) len = 3;
    else if (b >= 0xF0 && b <= 0xF4) len = 4;
    if (len > 1 && rest.size() >= len && !utf8::first_invalid(rest.substr(0, len))) {
      ++good;
      i += len;
    } else {
      ++bad;
      ++i;
    }
  }
  return bad * 10 <= good;
}

// Bytes that are binary rather than a page: many NULs or control bytes early on.
bool looks_binary(std::string_view bytes) {
  const size_t probe = std::min<size_t>(bytes.size(), 8192);
  size_t control = 0;
  for (size_t i = 0; i < probe; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    control += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
  }
  return probe > 0 && control * 20 > probe;
}

std::string without_nul(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '\0'), s.end());
  return s;
}

bool same_text(std::string_view a, std::string_view b) { return !a.empty() && utf8::fold(a) == utf8::fold(b); }

size_t body_chars(const std::vector<html::Paragraph>& paragraphs) {
  size_t n = 0;
  for (const auto& p : paragraphs) n += p.chars;
  return n;
}

// The body paragraphs: strict rules first, looser ones while the body is short.
std::vector<html::Paragraph> best_body(const html::Tree& tree) {
  constexpr html::BodyOptions kAttempts[] = {{true, true, true}, {false, true, true}, {false, false, true}, {false, false, false}};
  std::vector<html::Paragraph> best;
  size_t best_chars = 0;
  for (const html::BodyOptions& options : kAttempts) {
    std::vector<html::Paragraph> body = html::article_body(tree, options);
    const size_t chars = body_chars(body);
    if (chars > best_chars) {
      best = std::move(body);
      best_chars = chars;
    }
    if (best_chars >= kShortBody) break;
  }
  return best;
}

std::string join_body(std::vector<html::Paragraph> paragraphs, const html::PageMeta& meta) {
  // The headline repeated at the top of the body.
  while (!paragraphs.empty() && (same_text(paragraphs.front().text, meta.title) || same_text(paragraphs.front().text, meta.h1)))
    paragraphs.erase(paragraphs.begin());
  std::vector<std::string_view> lines;
  lines.reserve(paragraphs.size());
  for (const auto& p : paragraphs) lines.push_back(p.text);
  const std::vector<std::string_view> kept = drop_furniture(lines);
  std::string body;
  size_t k = 0;
  for (size_t i = 0; i < paragraphs.size() && k < kept.size(); ++i) {
    if (paragraphs[i].text.data() != kept[k].data()) continue;
    if (!body.empty()) body += paragraphs[i].line_break ? "\n" : "\n\n";
    body += paragraphs[i].text;
    ++k;
  }
  return body;
}

}  // namespace

std::string html_to_utf8(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    std::string out = convert(bytes, bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE");
    if (out.starts_with("\xEF\xBB\xBF")) out.erase(0, 3);
    if (!out.empty() && !utf8::first_invalid(out)) return out;
  }
  if (!utf8::first_invalid(bytes)) return std::string(bytes);
  std::string charset = declared_charset(bytes);
  if (charset == "utf-8" || charset == "utf8" || (charset.empty() && mostly_utf8(bytes))) {
    if (mostly_utf8(bytes)) return utf8::sanitize(bytes);
    charset.clear();
  }
  if (charset.empty()) charset = detected_charset(bytes);
  if (charset.empty() || charset.starts_with("utf")) charset = "windows-1252";
  std::string out = convert(bytes, converter_name(charset));
  if (out.empty() || utf8::first_invalid(out)) out = convert(bytes, "windows-1252");
  if (out.empty() || utf8::first_invalid(out)) out = utf8::sanitize(bytes);
  return out;
}

Article extract_article(std::string_view html) {
  const html::MarkupShape shape = html::measure_markup(html);
  if (shape.max_depth > kMaxDepth)
    throw PageError(fmt::format("HTML elements nested {} levels deep (the limit is {}), skipped", shape.max_depth, kMaxDepth));
  if (shape.elements > kMaxElements)
    throw PageError(fmt::format("HTML page has {} elements (the limit is {}), skipped", shape.elements, kMaxElements));
  const html::Tree tree(html);
  const html::PageMeta meta = html::page_meta(tree);
  Article a;
  a.title = meta.title.empty() ? meta.h1 : meta.title;
  a.published = meta.published;
  a.body = join_body(best_body(tree), meta);
  return a;
}

Document parse_html(const Unit& unit) {
  if (unit.bytes.find_first_not_of(" \t\r\n\f") == std::string::npos) throw ReadError(unit.origin, "empty file, skipped");
  const bool utf16 = unit.bytes.starts_with("\xFF\xFE") || unit.bytes.starts_with("\xFE\xFF");
  if (!utf16 && looks_binary(unit.bytes)) throw ReadError(unit.origin, "binary file (contains NUL or control bytes), skipped");
  const std::string html = without_nul(html_to_utf8(unit.bytes));
  Article a;
  try {
    a = extract_article(html);
  } catch (const PageError& e) {
    throw ReadError(unit.origin, e.what());
  }
  if (a.body.empty()) throw ReadError(unit.origin, "no article text found in the HTML page, skipped");
  Document doc;
  doc.format = Format::html;
  doc.title = a.title;
  doc.published = a.published;
  doc.text = a.title.empty() ? a.body : a.title + "\n\n" + a.body;
  return doc;
}

}  // namespace chronicle::read
