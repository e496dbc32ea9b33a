// Article body extraction. Steps, each over the flat tree with index ranges
// (no recursion):
//  1. class/id hints for every element; boilerplate by tag (nav, aside, footer,
//     forms controls) or by `junk` hint is set aside;
//  2. the page's text runs (inline text between block boundaries) are found and
//     each run of 25 or more characters that is not mostly link text scores its
//     container ancestors: 1 + commas + one point per 100 characters (at most
//     3), full to the first, half to the second, a third of a level's worth
//     beyond; scores start from the tag and class hints and end multiplied by
//     (1 - link density);
//  3. the best container is refined (a common ancestor of close runners-up, a
//     parent that scores higher, a lone-child wrapper) and joined by siblings
//     that score well or read as prose;
//  4. inside, blocks that look like boilerplate (image strips, link lists, tiny
//     fragments, negative hints, forms) are removed, innermost first;
//  5. the rest is rendered as paragraphs.
#include "read/html_body.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "common/embedded.h"
#include "common/utf8.h"
#include "read/furniture.h"

namespace chronicle::read::html {

namespace {

// ---- class and id hints -----------------------------------------------------

struct HintTable {
  std::array<std::vector<std::string>, 4> parts;  // by HintKind: substrings
  std::array<std::vector<std::string>, 4> words;  // by HintKind: whole words
};

enum HintKind { kGood = 0, kBad = 1, kJunk = 2, kKeep = 3 };

HintTable load_hints() {
  HintTable table;
  embedded::for_each_row("html_hints.txt", [&](const std::vector<std::string_view>& cols) {
    if (cols.size() < 2 || cols[1].empty()) return;
    const std::string_view kind = cols[0], pattern = cols[1];
    const int k = kind == "good" ? kGood : kind == "bad" ? kBad : kind == "junk" ? kJunk : kind == "keep" ? kKeep : -1;
    if (k < 0) return;
    if (pattern[0] == '=') table.words[k].emplace_back(pattern.substr(1));
    else table.parts[k].emplace_back(pattern);
  });
  return table;
}

const HintTable& hint_table() {
  static const HintTable table = load_hints();
  return table;
}

struct Hint {
  int weight = 0;     // +25 good, -25 bad or junk, 0 both or neither
  bool good = false;
  bool junk = false;
};

bool is_lower_byte(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper_byte(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alnum_byte(char c) { return is_lower_byte(c) || is_upper_byte(c) || (c >= '0' && c <= '9'); }

// Words of a class or id value, lower case: split at non-alphanumerics and at
// camelCase humps ("articleBody" -> article, body).
std::vector<std::string> hint_words(std::string_view value) {
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (!is_alnum_byte(c)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      continue;
    }
    if (is_upper_byte(c) && i > 0 && is_lower_byte(value[i - 1]) && !word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
    word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

Hint judge(std::string_view value) {
  const HintTable& table = hint_table();
  std::string lower(value);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::vector<std::string> words = hint_words(value);
  std::array<bool, 4> found{};
  for (int k = 0; k < 4; ++k) {
    for (const std::string& p : table.parts[k])
      if (lower.find(p) != std::string::npos) found[k] = true;
    for (const std::string& w : table.words[k])
      if (!found[k] && std::find(words.begin(), words.end(), w) != words.end()) found[k] = true;
  }
  Hint h;
  h.good = found[kGood] || found[kKeep];
  h.junk = found[kJunk];
  h.weight = (found[kGood] ? 25 : 0) - (found[kBad] || found[kJunk] ? 25 : 0);
  return h;
}

class HintCache {
 public:
  const Hint& get(const char* value) {
    auto [it, fresh] = cache_.try_emplace(value);
    if (fresh) it->second = judge(value);
    return it->second;
  }

 private:
  std::unordered_map<std::string, Hint> cache_;
};

// ---- per-element figures ------------------------------------------------------

struct Stats {
  uint32_t chars = 0, link_chars = 0, commas = 0, list_chars = 0, heading_chars = 0;
  uint32_t paragraphs = 0, images = 0, items = 0, inputs = 0, embeds = 0;
  void add(const Stats& o, bool list) {
    chars += o.chars;
    link_chars += o.link_chars;
    commas += o.commas;
    list_chars += list ? o.chars : o.list_chars;
    heading_chars += o.heading_chars;
    paragraphs += o.paragraphs;
    blocks = blocks || o.blocks;
    images += o.images;
    items += o.items;
    inputs += o.inputs;
    embeds += o.embeds;
  }
  bool blocks = false;  // a block element somewhere inside
  double link_density() const { return chars ? static_cast<double>(link_chars) / chars : 0.0; }
};

uint32_t count_commas(std::string_view s) {
  uint32_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') ++n;
    else if (s.compare(i, 3, "\xEF\xBC\x8C") == 0 || s.compare(i, 3, "\xE3\x80\x81") == 0 || s.compare(i, 2, "\xD8\x8C") == 0) ++n;
  }
  return n;
}

bool is_heading(GumboTag t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6; }
bool is_list(GumboTag t) { return t == GUMBO_TAG_UL || t == GUMBO_TAG_OL; }

// Elements that are page furniture wherever they are.
bool furniture_tag(GumboTag t) {
  return t == GUMBO_TAG_NAV || t == GUMBO_TAG_ASIDE || t == GUMBO_TAG_FOOTER;
}

bool furniture_role(const char* role) {
  if (!role) return false;
  const std::string_view r(role);
  return r == "menu" || r == "menubar" || r == "complementary" || r == "navigation" || r == "alert" ||
         r == "alertdialog" || r == "dialog" || r == "banner" || r == "contentinfo";
}

// Elements a paragraph's text belongs to directly (their parent is the container).
bool paragraph_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      return true;
    default:
      return false;
  }
}

double tag_score(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
    case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_TH: return -5;
    default: return 0;
  }
}

// ---- text runs -------------------------------------------------------------------

struct Run {
  uint32_t owner = kNoNode;  // nearest block element
  std::string text;
  uint32_t chars = 0, link_chars = 0, commas = 0;
  bool line_break = false;
};

// The text runs under `root` in document order; `skip(i)` leaves out the subtree of
// element i. Without `kWithText` only the figures of each run are filled in.
template <bool kWithText, class Skip>
std::vector<Run> collect_runs(const Tree& tree, uint32_t root, Skip skip) {
  std::vector<Run> runs;
  std::vector<std::pair<uint32_t, uint32_t>> blocks;  // (end, element) of open blocks
  Run run;
  bool open = false;
  int breaks = 0;  // <br> since the last run; a block boundary counts as two
  auto flush = [&](bool by_break) {
    if (open) {
      while (!run.text.empty() && run.text.back() == ' ') run.text.pop_back();
      const bool kept = run.chars > 0;
      if (kept) runs.push_back(std::move(run));
      run = Run{};
      open = false;
      if (kept) breaks = 0;
    }
    breaks = by_break ? breaks + 1 : 2;
  };
  const uint32_t end = tree[root].end;
  for (uint32_t i = root; i < end;) {
    while (!blocks.empty() && blocks.back().first <= i) {
      flush(false);
      blocks.pop_back();
    }
    const Node& n = tree[i];
    if (n.is(kDead) || (!n.is(kText) && skip(i))) {
      i = n.end;
      continue;
    }
    if (n.is(kText)) {
      const std::string_view t = tree.text(i);
      if (!open) {
        run.owner = blocks.empty() ? root : blocks.back().second;
        run.line_break = breaks == 1 && !runs.empty();
        open = true;
      }
      if constexpr (kWithText) {
        if (!t.empty() && (t[0] != ' ' || (!run.text.empty() && run.text.back() != ' '))) {
          run.text.append(t[0] == ' ' && run.text.empty() ? t.substr(1) : t);
        } else if (t.size() > 1) {
          run.text.append(t.substr(1));
        }
      }
      run.chars += n.chars;
      if (n.is(kInLink)) run.link_chars += n.chars;
      run.commas += count_commas(t);
    } else if (n.is(kBreak)) {
      flush(true);
    } else if (n.is(kBlock)) {
      flush(false);
      blocks.push_back({n.end, i});
    }
    ++i;
  }
  flush(false);
  return runs;
}

// ---- the extractor -------------------------------------------------------------------

class Extractor {
 public:
  Extractor(const Tree& tree, const BodyOptions& options)
      : tree_(tree), options_(options), weight_(tree.size(), 0), set_aside_(tree.size(), 0), removed_(tree.size(), 0),
        stats_(tree.size()), score_(tree.size(), 0.0), scored_(tree.size(), 0) {}

  std::vector<Paragraph> run() {
    root_ = find_body();
    if (root_ == kNoNode) return {};
    judge_elements();
    measure();
    const std::vector<Run> runs = collect_runs<false>(tree_, root_, [&](uint32_t i) { return set_aside_[i] != 0; });
    score_runs(runs);
    const uint32_t top = choose_top();
    std::vector<uint32_t> kept = with_siblings(top);
    if (std::getenv("CHRONICLE_HTML_DEBUG")) debug(top, kept);
    if (options_.clean) {
      mark_figures();
      for (uint32_t k : kept) clean(k);
    }
    return render(kept);
  }

 private:
  uint32_t find_body() const {
    for (uint32_t i = 0; i < tree_.size(); ++i)
      if (!tree_[i].is(kText) && tree_[i].tag == GUMBO_TAG_BODY) return i;
    return tree_.size() ? 0 : kNoNode;
  }

  void judge_elements() {
    HintCache cache;
    for (uint32_t i = root_; i < tree_[root_].end; ++i) {
      const Node& n = tree_[i];
      if (n.is(kText) || n.is(kDead)) continue;
      Hint sum;
      for (const char* name : {"class", "id"}) {
        const char* value = tree_.attr(i, name);
        if (!value || !*value) continue;
        const Hint& h = cache.get(value);
        sum.weight += h.weight;
        sum.good |= h.good;
        sum.junk |= h.junk;
      }
      if (const char* prop = tree_.attr(i, "itemprop"); prop && std::string_view(prop) == "articleBody") {
        sum.weight += 50;
        sum.good = true;
      }
      weight_[i] = options_.weigh_classes ? sum.weight : 0;
      if (i == root_) continue;
      const bool structural = furniture_tag(n.tag) || furniture_role(tree_.attr(i, "role"));
      const bool protected_tag = n.tag == GUMBO_TAG_ARTICLE || n.tag == GUMBO_TAG_MAIN || n.tag == GUMBO_TAG_A;
      if (structural || (options_.strip_junk && sum.junk && !sum.good && !protected_tag)) set_aside_[i] = 1;
    }
  }

  // Bottom-up figures for every element, leaving out dead and set-aside subtrees.
  void measure() {
    const uint32_t end = tree_[root_].end;
    for (uint32_t i = end; i-- > root_;) {
      const Node& n = tree_[i];
      Stats& s = stats_[i];
      if (n.is(kText)) {
        if (!n.is(kDead)) {
          s.chars = n.chars;
          s.link_chars = n.is(kInLink) ? n.chars : 0;
          s.commas = count_commas(tree_.text(i));
        }
      } else {
        own_counts(n.tag, s);
        if (is_heading(n.tag)) s.heading_chars = s.chars;
      }
      if (i == root_ || n.parent == kNoNode) continue;
      if (!excluded(i)) {
        stats_[n.parent].add(s, !n.is(kText) && is_list(n.tag));
        if (!n.is(kText) && n.is(kBlock)) stats_[n.parent].blocks = true;
      } else if (!set_aside_[i]) {
        // Form controls and embeds show no text but still count.
        stats_[n.parent].inputs += s.inputs;
        stats_[n.parent].embeds += s.embeds;
      }
    }
  }

  bool excluded(uint32_t i) const { return set_aside_[i] != 0 || (tree_[i].is(kDead) && !tree_[i].is(kText)); }

  static void own_counts(GumboTag t, Stats& s) {
    switch (t) {
      case GUMBO_TAG_P: ++s.paragraphs; break;
      case GUMBO_TAG_IMG: ++s.images; break;
      case GUMBO_TAG_LI: ++s.items; break;
      case GUMBO_TAG_INPUT: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_BUTTON: ++s.inputs; break;
      case GUMBO_TAG_EMBED: case GUMBO_TAG_OBJECT: case GUMBO_TAG_IFRAME: ++s.embeds; break;
      default: break;
    }
  }

  void touch(uint32_t i) {
    if (scored_[i]) return;
    scored_[i] = 1;
    score_[i] = tag_score(tree_[i].tag) + weight_[i];
  }

  void score_runs(const std::vector<Run>& runs) {
    std::unordered_map<uint32_t, uint32_t> runs_of;  // owner -> runs
    for (const Run& r : runs) ++runs_of[r.owner];
    for (const Run& r : runs) {
      if (r.chars < 25 || r.link_chars * 2 > r.chars) continue;
      const Node& owner = tree_[r.owner];
      const bool paragraph = paragraph_tag(owner.tag) ||
                             (runs_of[r.owner] == 1 && !stats_[r.owner].blocks);
      uint32_t at = paragraph ? owner.parent : r.owner;
      const double points = 1.0 + r.commas + std::min(std::floor(r.chars / 100.0), 3.0);
      for (int level = 0; level < 5 && at != kNoNode && at >= root_; ++level, at = tree_[at].parent) {
        touch(at);
        score_[at] += points / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
        if (at == root_) break;
      }
    }
    for (uint32_t i = root_; i < tree_[root_].end; ++i)
      if (scored_[i]) score_[i] *= 1.0 - stats_[i].link_density();
  }

  uint32_t choose_top() {
    std::vector<uint32_t> best;  // top five, best first
    for (uint32_t i = root_; i < tree_[root_].end; ++i) {
      if (!scored_[i]) continue;
      auto at = std::find_if(best.begin(), best.end(), [&](uint32_t b) { return score_[i] > score_[b]; });
      best.insert(at, i);
      if (best.size() > 5) best.pop_back();
    }
    if (best.empty()) {
      // No paragraph anywhere: the page's text, without link lists.
      fallback_ = true;
      return root_;
    }
    uint32_t top = best[0];
    // A shared ancestor of three close runners-up.
    std::vector<uint32_t> close;
    for (size_t k = 1; k < best.size(); ++k)
      if (score_[best[k]] >= 0.75 * score_[top]) close.push_back(best[k]);
    if (close.size() >= 3) {
      for (uint32_t p = tree_[top].parent; p != kNoNode && p >= root_ && p != root_; p = tree_[p].parent) {
        size_t inside = 0;
        for (uint32_t c : close) inside += c > p && c < tree_[p].end;
        if (inside >= 3) {
          top = p;
          break;
        }
      }
    }
    touch(top);
    // A parent that scores higher than the path up to it.
    double last = score_[top];
    const double threshold = last / 3;
    for (uint32_t p = tree_[top].parent; p != kNoNode && p > root_; p = tree_[p].parent) {
      if (!scored_[p]) continue;
      if (score_[p] < threshold) break;
      if (score_[p] > last) {
        top = p;
        break;
      }
      last = score_[p];
    }
    // Wrappers with a single child element.
    while (tree_[top].parent != kNoNode && tree_[top].parent > root_ && element_children(tree_[top].parent) == 1)
      top = tree_[top].parent;
    return top;
  }

  size_t element_children(uint32_t e) const {
    size_t n = 0;
    for (uint32_t j = e + 1; j < tree_[e].end; j = tree_[j].end)
      if (!tree_[j].is(kText) && !excluded(j)) ++n;
    return n;
  }

  // With CHRONICLE_HTML_DEBUG set, the candidates and the choice go to stderr.
  std::string describe(uint32_t i) const {
    std::string d = tree_.tag_name(i);
    if (const char* c = tree_.attr(i, "class")) d += "." + std::string(c).substr(0, 40);
    if (const char* c = tree_.attr(i, "id")) d += "#" + std::string(c).substr(0, 40);
    return fmt::format("{} score={:.1f} chars={} weight={}", d, scored_[i] ? score_[i] : -1.0, stats_[i].chars, weight_[i]);
  }

  void debug(uint32_t top, const std::vector<uint32_t>& kept) const {
    std::vector<uint32_t> all;
    for (uint32_t i = root_; i < tree_[root_].end; ++i) if (scored_[i]) all.push_back(i);
    std::sort(all.begin(), all.end(), [&](uint32_t a, uint32_t b) { return score_[a] > score_[b]; });
    for (size_t k = 0; k < all.size() && k < 8; ++k) fmt::print(stderr, "html: candidate {} {}\n", all[k], describe(all[k]));
    fmt::print(stderr, "html: top {} {}\n", top, describe(top));
    size_t up = 0;
    for (uint32_t p = tree_[top].parent; p != kNoNode && up < 30; p = tree_[p].parent, ++up)
      fmt::print(stderr, "html:   inside {} {}\n", p, describe(p));
    for (uint32_t k : kept) fmt::print(stderr, "html: kept {} {}\n", k, describe(k));
  }

  std::vector<uint32_t> with_siblings(uint32_t top) {
    if (top == root_ || tree_[top].parent == kNoNode) return {top};
    const uint32_t parent = tree_[top].parent;
    const double threshold = std::max(10.0, score_[top] * 0.2);
    const char* top_class = tree_.attr(top, "class");
    std::vector<uint32_t> kept;
    for (uint32_t j = parent + 1; j < tree_[parent].end; j = tree_[j].end) {
      const Node& n = tree_[j];
      if (n.is(kText) || excluded(j)) continue;
      if (j == top) {
        kept.push_back(j);
        continue;
      }
      double bonus = 0;
      const char* cls = tree_.attr(j, "class");
      if (top_class && *top_class && cls && std::string_view(cls) == top_class) bonus = score_[top] * 0.2;
      if (scored_[j] && score_[j] + bonus >= threshold) {
        kept.push_back(j);
        continue;
      }
      // A paragraph, or an element holding only inline text (a summary in a <div>).
      if (n.tag == GUMBO_TAG_P || (paragraph_tag(n.tag) && !is_heading(n.tag)) || (!stats_[j].blocks && weight_[j] >= 0)) {
        const Stats& s = stats_[j];
        const double density = s.link_density();
        if (s.chars > 80 && density < 0.25) kept.push_back(j);
        else if (s.chars > 0 && s.chars <= 80 && density == 0 && ends_sentence(j)) kept.push_back(j);
      }
    }
    return kept;
  }

  bool ends_sentence(uint32_t e) const {
    const std::string t = tree_.text_under(e);
    return !t.empty() && (t.back() == '.' || t.ends_with("\xE3\x80\x82"));
  }

  // Removes boilerplate blocks under `top`, innermost first; figures of each block
  // leave out what was removed inside it.
  void mark_figures() {
    in_figure_.assign(tree_.size(), 0);
    for (uint32_t i = root_; i < tree_[root_].end; ++i) {
      const Node& n = tree_[i];
      if (n.is(kText)) continue;
      in_figure_[i] = n.tag == GUMBO_TAG_FIGURE || (n.parent != kNoNode && in_figure_[n.parent]);
    }
  }

  void clean(uint32_t top) {
    const uint32_t end = tree_[top].end;
    std::vector<Stats> live(end - top);
    for (uint32_t i = end; i-- > top;) {
      const Node& n = tree_[i];
      Stats& s = live[i - top];
      if (n.is(kText)) {
        s = stats_[i];
      } else {
        own_counts(n.tag, s);
        if (is_heading(n.tag)) s.heading_chars = s.chars;
        if (i != top && !excluded(i) && remove_block(i, s)) removed_[i] = 1;
      }
      if (i == top || removed_[i]) continue;
      if (!excluded(i)) {
        live[n.parent - top].add(s, !n.is(kText) && is_list(n.tag));
      } else if (!set_aside_[i]) {
        live[n.parent - top].inputs += s.inputs;
        live[n.parent - top].embeds += s.embeds;
      }
    }
  }

  bool remove_block(uint32_t i, const Stats& s) const {
    const GumboTag t = tree_[i].tag;
    const int weight = weight_[i];
    if (is_heading(t)) return weight < 0 && s.chars < 200;
    if (t == GUMBO_TAG_FIGCAPTION) return true;
    const bool conditional = t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_UL || t == GUMBO_TAG_OL ||
                             t == GUMBO_TAG_TABLE || t == GUMBO_TAG_FORM || t == GUMBO_TAG_FIELDSET ||
                             t == GUMBO_TAG_HEADER || t == GUMBO_TAG_FIGURE || t == GUMBO_TAG_DL ||
                             t == GUMBO_TAG_UNKNOWN || t == GUMBO_TAG_SPAN || t == GUMBO_TAG_P;
    if (!conditional) return false;
    if (weight + (scored_[i] ? score_[i] : 0.0) < 0) return true;
    if (t == GUMBO_TAG_P || t == GUMBO_TAG_SPAN) return false;
    if (s.commas >= 10) return false;
    const bool list = is_list(t) || (s.chars > 0 && s.list_chars > 0.9 * s.chars);
    const double density = s.link_density();
    const double headings = s.chars ? static_cast<double>(s.heading_chars) / s.chars : 0.0;
    const bool in_figure = in_figure_[i] != 0;
    if (s.images > 1 && s.paragraphs * 2 < s.images && !in_figure) return true;
    if (!list && s.items > s.paragraphs + 100) return true;
    if (s.inputs > s.paragraphs / 3) return true;
    // A tiny fragment goes, unless it heads a list of links: then it stays for the
    // text rules to drop it with the list under it.
    if (!list && headings < 0.9 && s.chars < 25 && (s.images == 0 || s.images > 2) && !in_figure)
      return classify_line(tree_.text_under(i)) != LineKind::tail;
    if (!list && weight < 25 && density > 0.2) return true;
    if (weight >= 25 && density > 0.5) return true;
    if ((s.embeds == 1 && s.chars < 75) || s.embeds > 1) return true;
    return false;
  }

  std::vector<Paragraph> render(const std::vector<uint32_t>& kept) const {
    std::vector<Paragraph> out;
    for (uint32_t k : kept) {
      std::vector<Run> runs = collect_runs<true>(tree_, k, [&](uint32_t i) { return excluded(i) || removed_[i]; });
      for (Run& r : runs) {
        if (fallback_ && r.link_chars * 2 > r.chars) continue;
        Paragraph p;
        p.text = std::move(r.text);
        p.line_break = r.line_break && !out.empty();
        p.heading = is_heading(tree_[r.owner].tag);
        p.chars = r.chars;
        p.link_chars = r.link_chars;
        out.push_back(std::move(p));
      }
    }
    return out;
  }

  const Tree& tree_;
  const BodyOptions& options_;
  uint32_t root_ = kNoNode;
  bool fallback_ = false;
  std::vector<int> weight_;
  std::vector<uint8_t> set_aside_, removed_, in_figure_;
  std::vector<Stats> stats_;
  std::vector<double> score_;
  std::vector<uint8_t> scored_;
};

}  // namespace

std::vector<Paragraph> article_body(const Tree& tree, const BodyOptions& options) {
  return Extractor(tree, options).run();
}

}  // namespace chronicle::read::html
