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
// a hundred levels and hold some thousands of elements. The parser's time grows
// with elements times depth, so big pages may nest less deep.
constexpr size_t kMaxDepth = 1000;
constexpr size_t kMaxDepthTimesElements = 400'000'000;
constexpr size_t kMaxElements = 1'000'000;
constexpr size_t kMaxReopened = 2'000'000;
// A body shorter than this makes the extractor try again with looser rules.
constexpr size_t kShortBody = 500;
// A JSON-LD articleBody this long (code points) is used to check the body.
constexpr size_t kJsonCheck = 400;

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

// Share of the non-ASCII sequences of `s` that are well-formed UTF-8 (1 when
// there are none).
double utf8_share(std::string_view s) {
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
  return good + bad == 0 ? 1.0 : static_cast<double>(good) / static_cast<double>(good + bad);
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

// Hashes of the runs of four words of a text (words: letters and digits), sorted.
std::vector<uint64_t> shingles(std::string_view text) {
  std::vector<uint64_t> words, out;
  uint64_t h = 0;
  bool in = false;
  for (size_t i = 0; i < text.size();) {
    const char32_t c = utf8::next(text, i);
    if (utf8::is_letter(c) || utf8::is_digit(c)) {
      h = (in ? h : 1469598103934665603ull) ^ static_cast<uint64_t>(c);
      h *= 1099511628211ull;
      in = true;
    } else if (in) {
      words.push_back(h);
      in = false;
    }
  }
  if (in) words.push_back(h);
  for (size_t i = 0; i + 4 <= words.size(); ++i)
    out.push_back(words[i] * 31 * 31 * 31 + words[i + 1] * 31 * 31 + words[i + 2] * 31 + words[i + 3]);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Share of `of` found in `in` (both sorted).
double coverage(const std::vector<uint64_t>& of, const std::vector<uint64_t>& in) {
  if (of.empty()) return 1.0;
  size_t found = 0;
  for (size_t i = 0, j = 0; i < of.size() && j < in.size();) {
    if (of[i] == in[j]) ++found, ++i, ++j;
    else if (of[i] < in[j]) ++i;
    else ++j;
  }
  return static_cast<double>(found) / static_cast<double>(of.size());
}

std::string joined(const std::vector<html::Paragraph>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) out.append(p.text).push_back('\n');
  return out;
}

// Paragraphs of a JSON-LD articleBody (plain text or markup).
std::vector<html::Paragraph> json_paragraphs(std::string body) {
  std::vector<html::Paragraph> out;
  if (body.find('<') == std::string::npos) {
    std::string marked;
    for (char c : body) marked += c == '\n' ? std::string("<br>") : std::string(1, c);
    body = std::move(marked);
  }
  const html::MarkupShape shape = html::measure_markup(body);
  if (shape.max_depth > kMaxDepth || shape.elements > kMaxElements / 10 || shape.reopened > kMaxReopened) return out;
  const html::Tree tree(body);
  std::string text;
  for (uint32_t i = 0; i < tree.size(); ++i) {
    if (!tree[i].is(html::kText)) {
      if (tree[i].is(html::kBlock) || tree[i].is(html::kBreak)) text += '\n';
      continue;
    }
    if (!tree[i].is(html::kDead)) text += tree.text(i);
  }
  std::string_view rest = text;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '\r')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty()) continue;
    html::Paragraph p;
    p.text = std::string(line);
    p.chars = static_cast<uint32_t>(utf8::count(line));
    out.push_back(std::move(p));
  }
  return out;
}

// The body paragraphs: strict rules first, looser ones while the body is short.
// A JSON-LD articleBody, when the page has a long one, checks the choice: when
// the extracted body misses most of it, the attempt that covers it best wins,
// and the JSON-LD text itself when none covers half of it.
std::vector<html::Paragraph> best_body(const html::Tree& tree, const std::string& json_body) {
  constexpr html::BodyOptions kAttempts[] = {{true, true, true}, {false, true, true}, {false, false, true}, {false, false, false}};
  std::vector<html::Paragraph> best;
  size_t best_chars = 0;
  for (const html::BodyOptions& options : kAttempts) {
    std::vector<html::Paragraph> body = html::article_body(tree, options);
    const size_t chars = body_chars(body);
    if (chars > 2 * best_chars) {
      best = std::move(body);
      best_chars = chars;
    }
    if (best_chars >= kShortBody) break;
  }
  if (utf8::count(json_body) < kJsonCheck) return best;
  const std::vector<uint64_t> reference = shingles(json_body);
  double best_cover = coverage(reference, shingles(joined(best)));
  if (best_cover >= 0.5) return best;
  for (const html::BodyOptions& options : kAttempts) {
    std::vector<html::Paragraph> body = html::article_body(tree, options);
    const double cover = coverage(reference, shingles(joined(body)));
    if (cover > best_cover + 0.1) {
      best = std::move(body);
      best_cover = cover;
    }
  }
  if (best_cover >= 0.5) return best;
  return json_paragraphs(json_body);
}

// A paragraph that is one link written as a headline (title case or capitals, no
// closing stop): a teaser for another story set between the article's paragraphs.
bool headline_link(const html::Paragraph& p) {
  if (p.chars < 10 || p.link_chars * 10 < p.chars * 9) return false;
  const std::string_view t = p.text;
  if (t.ends_with(".") || t.ends_with("?") || t.ends_with("!")) return false;
  size_t words = 0, capitalised = 0, lower_letters = 0;
  bool start = true;
  for (size_t i = 0; i < t.size();) {
    const char32_t c = utf8::next(t, i);
    if (utf8::is_space(c)) {
      start = true;
      continue;
    }
    if (utf8::is_lower(c)) ++lower_letters;
    if (start && utf8::is_letter(c)) {
      ++words;
      capitalised += utf8::is_upper(c) ? 1 : 0;
    }
    start = false;
  }
  return words >= 3 && (lower_letters == 0 || capitalised * 10 >= words * 7);
}

std::string join_body(std::vector<html::Paragraph> paragraphs, const html::PageMeta& meta) {
  // The headline repeated at the top of the body.
  while (!paragraphs.empty() && (same_text(paragraphs.front().text, meta.title) || same_text(paragraphs.front().text, meta.h1)))
    paragraphs.erase(paragraphs.begin());
  std::erase_if(paragraphs, headline_link);
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

// Refuses markup beyond the parser's limits; returns the nesting allowed.
size_t check_shape(const html::MarkupShape& shape) {
  const size_t depth_limit = std::min(kMaxDepth, kMaxDepthTimesElements / std::max<size_t>(shape.elements, 1));
  if (shape.max_depth > depth_limit)
    throw PageError(shape.max_depth > 10000
                        ? fmt::format("HTML elements nested over 10000 levels deep (the limit is {}), skipped", depth_limit)
                        : fmt::format("HTML elements nested {} levels deep (the limit for a page of {} elements is {}), skipped",
                                      shape.max_depth, shape.elements, depth_limit));
  if (shape.elements > kMaxElements)
    throw PageError(fmt::format("HTML page has {} elements (the limit is {}), skipped", shape.elements, kMaxElements));
  if (shape.reopened > kMaxReopened)
    throw PageError(fmt::format("HTML page leaves so many formatting elements open that parsing it would rebuild them "
                                "{} times (the limit is {}), skipped", shape.reopened, kMaxReopened));
  return depth_limit;
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
  // Mostly UTF-8 with some broken sequences: keep it, broken bytes become U+FFFD.
  const double share = utf8_share(bytes);
  if (share >= 0.9 || ((charset == "utf-8" || charset == "utf8") && share >= 0.5)) return utf8::sanitize(bytes);
  if (charset == "utf-8" || charset == "utf8") charset.clear();
  if (charset.empty()) charset = detected_charset(bytes);
  if (charset.empty() || charset.starts_with("utf")) charset = "windows-1252";
  std::string out = convert(bytes, converter_name(charset));
  if (out.empty() || utf8::first_invalid(out)) out = convert(bytes, "windows-1252");
  if (out.empty() || utf8::first_invalid(out)) out = utf8::sanitize(bytes);
  return out;
}

Article extract_article(std::string_view html) {
  std::string lean;
  const html::MarkupShape shape = html::measure_markup(html, &lean);
  const size_t depth_limit = check_shape(shape);
  const html::Tree tree(lean);
  if (tree.depth() > depth_limit + 100)
    throw PageError(fmt::format("HTML elements nested {} levels deep once parsed (the limit is {}), skipped", tree.depth(), depth_limit));
  const html::PageMeta meta = html::page_meta(tree);
  Article a;
  a.title = meta.title.empty() ? meta.h1 : meta.title;
  a.published = meta.published;
  a.body = join_body(best_body(tree, meta.json_body), meta);
  return a;
}

Document parse_html(const Unit& unit) {
  if (unit.bytes.find_first_not_of(" \t\r\n\f") == std::string::npos) throw ReadError(unit.origin, "empty file, skipped");
  const bool utf16 = unit.bytes.starts_with("\xFF\xFE") || unit.bytes.starts_with("\xFE\xFF");
  if (!utf16 && looks_binary(unit.bytes)) throw ReadError(unit.origin, "binary file (contains NUL or control bytes), skipped");
  // Pages already in UTF-8 without NULs (nearly all) are read in place.
  std::string converted;
  std::string_view html = unit.bytes;
  if (html.find('\0') != std::string_view::npos || utf8::first_invalid(html) || html.starts_with("\xEF\xBB\xBF")) {
    converted = without_nul(html_to_utf8(unit.bytes));
    html = converted;
  }
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
  doc.published = std::move(a.published);
  if (a.title.empty()) {
    doc.text = std::move(a.body);
  } else {
    doc.text.reserve(a.title.size() + 2 + a.body.size());
    doc.text.append(a.title).append("\n\n").append(a.body);
  }
  return doc;
}

}  // namespace chronicle::read
