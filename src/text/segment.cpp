// Tokeniser, sentence and paragraph splitter, and quotation finder.
//
// Tokens: runs of letters and digits joined by inner '.', '-', '\'', '’', '&'
// ("U.S", "Ukraine-Russia", "AT&T", "1.13bn"); a trailing '.' stays on known
// abbreviations, initials and dotted forms ("Dec.", "J.", "U.S."); the possessive
// "'s" is split off; every other punctuation mark is its own token (runs of the
// same mark such as "..." or "''" stay together).
#include "text/segment.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/utf8.h"

namespace chronicle::text {

namespace {

constexpr std::array<std::string_view, 62> kAbbreviations{
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm",
    "rep", "sen", "gov", "pres", "rev", "hon", "st", "jr", "sr", "inc", "corp", "ltd", "co",
    "bros", "vs", "etc", "no", "nos", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri",
    "sat", "sun", "ft", "mt", "approx", "dept", "est", "govt", "int", "messrs", "cmdr"};

// Capitalised words that begin a new sentence even after an abbreviation ("U.S. The").
constexpr std::array<std::string_view, 24> kSentenceStarters{
    "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "This", "That",
    "There", "His", "Her", "Their", "Its", "On", "At", "As", "After", "While", "However"};

bool joiner(char32_t c) { return c == '.' || c == '-' || c == '\'' || c == 0x2019 || c == '&' || c == 0x2010 || c == 0x2011; }
bool is_dash(char32_t c) { return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212; }

bool opening_quote(char32_t c) { return c == 0x201C || c == 0x201E || c == 0xAB || c == 0x201F; }
bool closing_quote(char32_t c) { return c == 0x201D || c == 0xBB; }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool known_abbreviation(std::string_view word) {
  const std::string w = ascii_lower(word);
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), w) != kAbbreviations.end();
}

class Tokenizer {
 public:
  explicit Tokenizer(Analysis& a) : a_(a), s_(a.text) {}

  void run() {
    bool line_start = true, paragraph_start = true;
    size_t i = 0;
    while (i < s_.size()) {
      size_t j = i;
      const char32_t c = utf8::next(s_, j);
      if (utf8::is_space(c) || (utf8::is_control(c) && c != 0x200D)) {
        if (c == '\n') {
          if (line_start) paragraph_start = true;
          line_start = true;
        }
        i = j;
        continue;
      }
      const size_t before = a_.tokens.size();
      if (utf8::is_letter(c) || utf8::is_digit(c)) {
        i = word(i);
      } else {
        i = punct(i, c, j);
      }
      if (a_.tokens.size() > before) {
        Token& t = a_.tokens[before];
        if (line_start) t.flags |= kLineStart;
        if (paragraph_start) t.flags |= kParagraphStart;
        line_start = paragraph_start = false;
      }
    }
  }

 private:
  size_t word(size_t start) {
    size_t i = start, end = start;
    while (i < s_.size()) {
      size_t j = i;
      const char32_t c = utf8::next(s_, j);
      if (utf8::is_letter(c) || utf8::is_digit(c) || c == 0x200D || (c >= 0x300 && c < 0x370)) {
        end = i = j;
        continue;
      }
      if (joiner(c) && j < s_.size()) {
        size_t k = j;
        const char32_t d = utf8::next(s_, k);
        if (utf8::is_letter(d) || utf8::is_digit(d)) {
          i = j;
          continue;
        }
      }
      break;
    }
    std::string_view w = s_.substr(start, end - start);
    // Possessive "'s" / "’s" becomes its own token.
    size_t split = std::string_view::npos;
    if (w.size() > 2 && (w.back() == 's' || w.back() == 'S')) {
      if (w[w.size() - 2] == '\'') split = w.size() - 2;
      else if (w.size() > 4 && w.substr(w.size() - 4, 3) == "\xE2\x80\x99") split = w.size() - 4;
    }
    if (split != std::string_view::npos) {
      push_word(start, start + split, false);
      push(start + split, end, 0);
      return end;
    }
    // A trailing '.' belongs to abbreviations, initials and dotted forms.
    bool dot = false;
    if (end < s_.size() && s_[end] == '.') {
      const bool inner_dot = w.find('.') != std::string_view::npos && w.find_first_of("0123456789") == std::string_view::npos;
      const bool initial = utf8::count(w) == 1 && utf8::is_upper([&] { size_t k = 0; return utf8::next(w, k); }());
      dot = inner_dot || initial || known_abbreviation(w);
    }
    push_word(start, dot ? end + 1 : end, dot);
    return dot ? end + 1 : end;
  }

  void push_word(size_t b, size_t e, bool dot) {
    uint16_t flags = kWord;
    std::string_view w = s_.substr(b, e - b);
    size_t k = 0;
    const char32_t first = utf8::next(w, k);
    if (utf8::is_digit(first)) flags |= kNumber;
    if (utf8::is_upper(first)) flags |= kCapitalized;
    bool letters = false, all_upper = true;
    for (size_t i = 0; i < w.size();) {
      const char32_t c = utf8::next(w, i);
      if (utf8::is_letter(c)) {
        letters = true;
        if (!utf8::is_upper(c)) all_upper = false;
      }
    }
    if (letters && all_upper) flags |= kAllCaps;
    if (dot || w.find('.') != std::string_view::npos) flags |= kHasDot;
    push(b, e, flags);
  }

  size_t punct(size_t start, char32_t c, size_t after) {
    size_t end = after;
    uint16_t flags = kPunct;
    if (c == '`' || c == '\'') {
      // `` and '' (typewriter-style quotes used by some newswires)
      if (end < s_.size() && s_[end] == static_cast<char>(c)) {
        ++end;
        flags |= kQuoteMark | (c == '`' ? kOpenQuote : 0);  // '' both opens and closes (NYT style)
      } else if (c == '\'') {
        flags |= kQuoteMark;
      }
    } else if (c == '"') {
      flags |= kQuoteMark;
    } else if (opening_quote(c)) {
      flags |= kQuoteMark | kOpenQuote;
    } else if (closing_quote(c)) {
      flags |= kQuoteMark | kCloseQuote;
    } else if (c == 0x2018 || c == 0x2019) {
      flags |= kQuoteMark;
    } else if (c == '.' || c == '!' || c == '?' || c == 0x2026) {
      flags |= kTerminal;
      while (end < s_.size() && (s_[end] == '.' || s_[end] == '!' || s_[end] == '?')) ++end;
    } else if (is_dash(c) || c == '*' || c == '=' || c == '_' || c == '#') {
      while (end < s_.size()) {
        size_t k = end;
        if (utf8::next(s_, k) != c) break;
        end = k;
      }
    }
    push(start, end, flags);
    return end;
  }

  void push(size_t b, size_t e, uint16_t flags) {
    a_.tokens.push_back(Token{Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)}, flags, 0});
  }

  Analysis& a_;
  std::string_view s_;
};

// Decides whether single line breaks end sentences: they do unless the text is
// hard-wrapped prose (most lines long and similar in length).
bool hard_wrapped(std::string_view s) {
  size_t lines = 0, wrapped = 0, start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\n') {
      const size_t len = i - start;
      if (len > 0) {
        ++lines;
        const char last = s[i - 1];
        if (len >= 50 && len <= 100 && last != '.' && last != '"' && last != ':') ++wrapped;
      }
      start = i + 1;
    }
  }
  return lines >= 6 && wrapped * 2 > lines;
}

// True when the token is glued to the word after it and not to the one before
// ("... said. "We"): how an ambiguous straight or doubled quote mark opens.
bool opens_word(const Analysis& a, uint32_t t) {
  const auto& toks = a.tokens;
  const bool space_before = t == 0 || toks[t - 1].span.end < toks[t].span.begin;
  const bool glued_after = t + 1 < toks.size() && toks[t + 1].span.begin == toks[t].span.end && !toks[t + 1].is(kLineStart);
  return space_before && glued_after;
}

bool sentence_starter(std::string_view w) {
  return std::find(kSentenceStarters.begin(), kSentenceStarters.end(), w) != kSentenceStarters.end();
}

void split_sentences(Analysis& a) {
  const bool wrapped = hard_wrapped(a.text);
  auto& toks = a.tokens;
  // Paragraph of each token: a paragraph starts after a blank line.
  std::vector<uint32_t> para(toks.size());
  uint32_t p = 0;
  for (uint32_t t = 0; t < toks.size(); ++t) {
    if (t > 0 && toks[t].is(kParagraphStart)) ++p;
    para[t] = p;
  }
  uint32_t first = 0;
  auto close = [&](uint32_t last) {
    if (last <= first) return;
    Sentence s;
    s.first = first;
    s.last = last;
    s.span = Span{toks[first].span.begin, toks[last - 1].span.end};
    s.paragraph = para[first];
    for (uint32_t t = first; t < last; ++t) toks[t].sentence = static_cast<uint32_t>(a.sentences.size());
    a.sentences.push_back(s);
    first = last;
  };
  for (uint32_t t = 0; t < toks.size(); ++t) {
    if (t > first && (para[t] != para[t - 1] || (toks[t].is(kLineStart) && !wrapped))) close(t);
    const Token& tok = toks[t];
    const bool terminal = tok.is(kTerminal) || (tok.is(kHasDot) && a.str(t).back() == '.');
    if (!terminal || t + 1 >= toks.size()) continue;
    // Swallow closing quotes and brackets after the terminal mark.
    uint32_t end = t + 1;
    while (end < toks.size() && !toks[end].is(kLineStart)) {
      const std::string_view w = a.str(end);
      // A straight, doubled or mistyped curly mark closes here unless it opens
      // the next word ('done. "Next' starts the next sentence).
      const bool ambiguous = w == "\"" || w == "''" || w == "\xE2\x80\x9C";
      if (ambiguous && (opens_word(a, end) || toks[end].span.begin > toks[end - 1].span.end)) break;
      if (toks[end].is(kCloseQuote) || w == ")" || w == "]" || ambiguous || w == "\xE2\x80\x99") ++end;
      else break;
    }
    if (end >= toks.size() || toks[end].is(kLineStart)) continue;
    const Token& next = toks[end];
    const std::string_view nw = a.str(end);
    const bool upper_next = next.is(kCapitalized) || next.is(kNumber) || next.is(kQuoteMark) ||
                            (next.is(kPunct) && !next.is(kTerminal) && nw != "," && nw != ")" && nw != ";");
    if (!upper_next) continue;
    // After an abbreviation only a clear sentence opener ends the sentence:
    // a common first word, or a quotation mark opening a capitalised word.
    const bool quote_opens = (next.is(kOpenQuote) || ((nw == "\"" || nw == "''") && opens_word(a, end))) &&
                             end + 1 < toks.size() && toks[end + 1].is(kCapitalized);
    if (!tok.is(kTerminal) && !sentence_starter(nw) && !quote_opens) continue;
    close(end);
    t = end - 1;
  }
  close(static_cast<uint32_t>(toks.size()));
}

void collect_paragraphs(Analysis& a) {
  for (uint32_t s = 0; s < a.sentences.size(); ++s) {
    const Sentence& sent = a.sentences[s];
    if (a.paragraphs.empty() || a.sentences[a.paragraphs.back().first_sentence].paragraph != sent.paragraph) {
      a.paragraphs.push_back(Paragraph{sent.span, s, s + 1});
    } else {
      a.paragraphs.back().span.end = sent.span.end;
      a.paragraphs.back().last_sentence = s + 1;
    }
  }
  // Renumber sentence paragraphs densely.
  for (uint32_t p = 0; p < a.paragraphs.size(); ++p)
    for (uint32_t s = a.paragraphs[p].first_sentence; s < a.paragraphs[p].last_sentence; ++s) a.sentences[s].paragraph = p;
}

bool space_before(const Analysis& a, uint32_t t) {
  if (t == 0) return true;
  return a.tokens[t - 1].span.end < a.tokens[t].span.begin;
}
void find_quotes(Analysis& a) {
  auto& toks = a.tokens;
  for (const Paragraph& p : a.paragraphs) {
    const uint32_t first = a.sentences[p.first_sentence].first;
    const uint32_t last = a.sentences[p.last_sentence - 1].last;
    int64_t open = -1;
    const uint32_t paragraph = static_cast<uint32_t>(&p - a.paragraphs.data());
    for (uint32_t t = first; t < last; ++t) {
      Token& tok = toks[t];
      if (!tok.is(kQuoteMark)) continue;
      const std::string_view w = a.str(t);
      bool opens = tok.is(kOpenQuote), closes = tok.is(kCloseQuote);
      if (w == "\"" || w == "''") {
        if (open < 0) opens = opens_word(a, t) || (t > 0 && !toks[t - 1].is(kWord) && !toks[t - 1].is(kTerminal) && a.str(t - 1) != ",");
        else closes = true;
        if (open < 0 && !opens) closes = false;
      } else if (w == "\xE2\x80\x98" && open < 0 && space_before(a, t)) {
        continue;  // single quotes are too ambiguous with apostrophes to pair reliably
      } else if (!opens && !closes) {
        continue;
      }
      // A mistyped closer: an opening mark glued to the word before it and not
      // to the one after ("a fascist?“ he asked").
      const bool glued_after = t + 1 < last && toks[t + 1].span.begin == tok.span.end;
      if (opens && open >= 0 && !space_before(a, t) && !glued_after && w == "\xE2\x80\x9C") {
        opens = false;
        closes = true;
        tok.flags &= static_cast<uint16_t>(~kOpenQuote);
      }
      if (opens && open < 0) {
        open = t;
        tok.flags |= kOpenQuote;
      } else if (closes && open >= 0) {
        tok.flags |= kCloseQuote;
        const Token& o = toks[static_cast<size_t>(open)];
        Quotation q;
        q.open_token = static_cast<uint32_t>(open);
        q.close_token = t;
        q.outer = Span{o.span.begin, tok.span.end};
        q.inner = Span{o.span.end, tok.span.begin};
        q.paragraph = paragraph;
        if (q.inner.size() > 0) a.quotes.push_back(q);
        open = -1;
      } else if (opens && open >= 0 && w != "\"" && w != "''") {
        open = t;  // re-opened without closing: restart
      }
    }
    if (open >= 0 && static_cast<uint32_t>(open) + 1 < last) {
      const Token& o = toks[static_cast<size_t>(open)];
      Quotation q;
      q.open_token = q.close_token = static_cast<uint32_t>(open);
      q.outer = Span{o.span.begin, toks[last - 1].span.end};
      q.inner = Span{o.span.end, toks[last - 1].span.end};
      q.paragraph = paragraph;
      q.closed = false;
      a.quotes.push_back(q);
    }
  }
}

}  // namespace

uint32_t Analysis::token_at(uint32_t byte) const {
  auto it = std::lower_bound(tokens.begin(), tokens.end(), byte,
                             [](const Token& t, uint32_t b) { return t.span.begin < b; });
  return static_cast<uint32_t>(it - tokens.begin());
}

int32_t Analysis::quote_of(uint32_t t) const {
  const uint32_t b = tokens[t].span.begin;
  for (size_t q = 0; q < quotes.size(); ++q)
    if (quotes[q].outer.begin <= b && b < quotes[q].outer.end) return static_cast<int32_t>(q);
  return -1;
}

namespace {

// `prefix` is lower-case ASCII.
bool starts_with_ascii_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if ((s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] | 0x20) : s[i]) != prefix[i]) return false;
  return true;
}

void find_addresses(Analysis& a) {
  const std::string_view t = a.text;
  const auto blank = [&](size_t k) { return k < t.size() && (t[k] == ' ' || t[k] == '\t'); };
  // Not inside a word or a longer address ("xhttp", "a.www.b").
  const auto starts_here = [&](size_t k) {
    return k == 0 || !(std::isalnum(static_cast<unsigned char>(t[k - 1])) || t[k - 1] == '.' || t[k - 1] == '/');
  };
  for (size_t p = 0; p < t.size(); ++p) {
    const char c = static_cast<char>(t[p] | 0x20);
    if ((c != 'h' && c != 'w') || !starts_here(p)) continue;
    size_t k = p;
    bool spaced = false;
    if (starts_with_ascii_ci(t.substr(p), "http")) {
      k = p + 4;
      if (k < t.size() && (t[k] | 0x20) == 's') ++k;
      bool scheme = true;  // "://", blanks allowed before each mark
      for (const char mark : {':', '/', '/'}) {
        for (; blank(k); ++k) spaced = true;
        if (!(scheme = k < t.size() && t[k] == mark)) break;
        ++k;
      }
      if (!scheme) continue;
    } else if (starts_with_ascii_ci(t.substr(p), "www.")) {
      k = p + 4;
    } else {
      continue;
    }
    size_t end = t.find_first_of(spaced ? "\r\n" : " \t\r\n", k);
    if (end == std::string_view::npos) end = t.size();
    // Punctuation after a link belongs to the sentence ("see example.com.").
    while (!spaced && end > k && std::string_view(".,;:!?)]}'\"").find(t[end - 1]) != std::string_view::npos) --end;
    while (spaced && end > k && blank(end - 1)) --end;
    a.addresses.push_back({static_cast<uint32_t>(p), static_cast<uint32_t>(end)});
    p = end;
  }
}

}  // namespace

bool Analysis::in_address(Span s) const {
  // The first address ending after s begins; addresses do not overlap.
  const auto it = std::partition_point(addresses.begin(), addresses.end(), [&](Span x) { return x.end <= s.begin; });
  return it != addresses.end() && it->begin < s.end;
}

Analysis analyze(std::string_view text) {
  Analysis a;
  a.text = text;
  a.tokens.reserve(text.size() / 5 + 8);
  Tokenizer(a).run();
  split_sentences(a);
  collect_paragraphs(a);
  find_quotes(a);
  find_addresses(a);
  return a;
}

std::string lower_ascii(std::string_view s) { return ascii_lower(s); }

}  // namespace chronicle::text
