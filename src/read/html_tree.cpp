// The flat page tree: a linear pre-parse measure of the markup, gumbo parsing
// into an arena, and an iterative flattening of gumbo's tree into Tree::nodes_.
#include "read/html_tree.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "common/utf8.h"

namespace chronicle::read::html {

// Bump allocator for gumbo: frees are no-ops and everything goes at once.
class Arena {
 public:
  void* allocate(size_t n) {
    n = (n + 15) & ~size_t{15};
    if (n > kBlock / 4) return own_block(n);
    if (n > left_) {
      cursor_ = own_block(kBlock);
      left_ = kBlock;
    }
    char* p = cursor_;
    cursor_ += n;
    left_ -= n;
    return p;
  }

 private:
  static constexpr size_t kBlock = 256 * 1024;
  char* own_block(size_t n) {
    blocks_.push_back(std::unique_ptr<char[]>(new char[n]));
    return blocks_.back().get();
  }
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cursor_ = nullptr;
  size_t left_ = 0;
};

namespace {

void* arena_allocate(void* arena, size_t n) { return static_cast<Arena*>(arena)->allocate(n); }
void arena_free(void*, void*) {}

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_alpha_byte(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Elements that never hold children in the tree a parser builds from them.
bool is_void(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR: case GUMBO_TAG_COL: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HR: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT: case GUMBO_TAG_LINK: case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR: case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND: case GUMBO_TAG_FRAME: case GUMBO_TAG_IMAGE:
    case GUMBO_TAG_MENUITEM:
      return true;
    default:
      return false;
  }
}

// Elements a following sibling closes implicitly, so they do not pile up.
bool optional_end(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_RB: case GUMBO_TAG_RP: case GUMBO_TAG_RT:
    case GUMBO_TAG_RTC: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_CAPTION: case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BODY: case GUMBO_TAG_A: case GUMBO_TAG_NOBR: case GUMBO_TAG_BUTTON: case GUMBO_TAG_FORM:
      return true;
    default:
      return false;
  }
}

// Elements whose content the tokenizer reads as raw text up to their end tag.
bool raw_text(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_TITLE:
    case GUMBO_TAG_XMP: case GUMBO_TAG_IFRAME: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
      return true;
    default:
      return false;
  }
}

// Position just after the end tag `</name` (case-insensitive) from `from`, or npos.
size_t find_end_tag(std::string_view s, size_t from, std::string_view name) {
  for (size_t i = s.find("</", from); i != std::string_view::npos; i = s.find("</", i + 2)) {
    if (i + 2 + name.size() > s.size()) return std::string_view::npos;
    bool same = true;
    for (size_t k = 0; k < name.size() && same; ++k)
      same = std::tolower(static_cast<unsigned char>(s[i + 2 + k])) == name[k];
    if (same) return i + 2 + name.size();
  }
  return std::string_view::npos;
}

// End of the tag whose name ends at `i`: the position of its '>' (or s.size()),
// with quoted attribute values skipped.
size_t tag_end(std::string_view s, size_t i) {
  bool after_equals = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '>') return i;
    if (after_equals && (c == '"' || c == '\'')) {
      const size_t close = s.find(c, i + 1);
      if (close == std::string_view::npos) return s.size();
      i = close;
      after_equals = false;
    } else if (c == '=') {
      after_equals = true;
    } else if (!is_space_byte(c)) {
      after_equals = false;
    }
  }
  return s.size();
}

// Identity of a tag name for matching end tags: gumbo's enum, or a hash of the
// lower-case name for elements it does not know.
uint32_t tag_id(std::string_view name, GumboTag& tag) {
  char lower[32];
  if (name.size() < sizeof lower) {
    for (size_t k = 0; k < name.size(); ++k) lower[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[k])));
    tag = gumbo_tagn_enum(lower, static_cast<unsigned>(name.size()));
  } else {
    tag = GUMBO_TAG_UNKNOWN;
  }
  if (tag != GUMBO_TAG_UNKNOWN) return static_cast<uint32_t>(tag);
  uint32_t h = 2166136261u;
  for (char c : name) h = (h ^ static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(c)))) * 16777619u;
  return 1024u + (h & 0x7FFFFFFFu);
}

}  // namespace

MarkupShape measure_markup(std::string_view s) {
  MarkupShape shape;
  std::vector<uint32_t> stack;
  std::unordered_map<uint32_t, uint32_t> open;  // tag id -> elements of that id on the stack
  size_t foreign = 0;                           // open <svg> and <math>
  size_t i = 0;
  while ((i = s.find('<', i)) != std::string_view::npos && i + 1 < s.size()) {
    const char c = s[i + 1];
    if (c == '!' || c == '?') {
      const bool comment = s.compare(i, 4, "<!--") == 0;
      const size_t close = comment ? s.find("-->", i + 4) : s.find('>', i);
      i = close == std::string_view::npos ? s.size() : close + (comment ? 3 : 1);
      continue;
    }
    const bool closing = c == '/';
    const size_t name_at = i + 1 + (closing ? 1 : 0);
    if (name_at >= s.size() || !is_alpha_byte(s[name_at])) {
      ++i;
      continue;
    }
    size_t name_end = name_at;
    while (name_end < s.size() && !is_space_byte(s[name_end]) && s[name_end] != '/' && s[name_end] != '>') ++name_end;
    GumboTag tag;
    const uint32_t id = tag_id(s.substr(name_at, name_end - name_at), tag);
    const size_t end = tag_end(s, name_end);
    i = end + 1;
    if (closing) {
      auto it = open.find(id);
      if (it == open.end() || it->second == 0) continue;
      for (;;) {
        const uint32_t top = stack.back();
        stack.pop_back();
        --open[top];
        if (top == GUMBO_TAG_SVG || top == GUMBO_TAG_MATH) --foreign;
        if (top == id) break;
      }
      continue;
    }
    ++shape.elements;
    if (raw_text(tag)) {
      const size_t close = find_end_tag(s, i, gumbo_normalized_tagname(tag));
      i = close == std::string_view::npos ? s.size() : close;
      continue;
    }
    if (tag == GUMBO_TAG_PLAINTEXT) break;
    const bool self_closed = end > name_end && end < s.size() && s[end - 1] == '/';
    if (is_void(tag) || optional_end(tag) || (foreign > 0 && self_closed)) continue;
    stack.push_back(id);
    ++open[id];
    if (tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH) ++foreign;
    shape.max_depth = std::max(shape.max_depth, stack.size());
  }
  return shape;
}

namespace {

// Elements whose content is never text of the page.
bool dead_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OPTION: case GUMBO_TAG_MAP:
    case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_BASE: case GUMBO_TAG_DATALIST: case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_APPLET: case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

bool block_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: 
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR: case GUMBO_TAG_UL:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_HTML: case GUMBO_TAG_LEGEND: case GUMBO_TAG_UNKNOWN:
      return true;
    default:
      return false;
  }
}

const char* get_attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

// An element the page does not show: hidden attribute, aria-hidden, or an inline
// style that hides it.
bool hidden(const GumboNode* n) {
  if (get_attr(n, "hidden")) return true;
  if (const char* aria = get_attr(n, "aria-hidden"); aria && std::strcmp(aria, "true") == 0) return true;
  const char* style = get_attr(n, "style");
  if (!style) return false;
  std::string compact;
  for (const char* p = style; *p; ++p)
    if (!is_space_byte(*p)) compact.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(*p))));
  return compact.find("display:none") != std::string::npos || compact.find("visibility:hidden") != std::string::npos;
}

// Appends `s` to `out` with runs of white space as one space; returns the code
// points that are not spaces.
uint32_t append_collapsed(std::string& out, std::string_view s, bool fresh = false) {
  uint32_t chars = 0;
  bool space = !fresh && !out.empty() && out.back() == ' ';
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (is_space_byte(static_cast<char>(b)) || b == 0) {
        if (!space) out.push_back(' ');
        space = true;
      } else {
        out.push_back(static_cast<char>(b));
        space = false;
        ++chars;
      }
      ++i;
      continue;
    }
    size_t j = i;
    const char32_t c = utf8::next(s, j);
    if (utf8::is_space(c)) {
      if (!space) out.push_back(' ');
      space = true;
    } else if (c != 0xAD && c != 0x200B && c != 0xFEFF) {  // soft hyphen, zero-width space, BOM
      out.append(s.substr(i, j - i));
      space = false;
      ++chars;
    }
    i = j;
  }
  return chars;
}

}  // namespace

Tree::Tree(std::string_view html) : arena_(std::make_unique<Arena>()) {
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = arena_allocate;
  options.deallocator = arena_free;
  options.userdata = arena_.get();
  options.max_errors = 0;
  output_ = gumbo_parse_with_options(&options, html.data(), html.size());
  flatten(output_->root);
}

Tree::~Tree() = default;

void Tree::flatten(const GumboNode* root) {
  struct Frame {
    const GumboNode* node;
    uint32_t index;
    unsigned next_child;
  };
  std::vector<Frame> stack;
  auto visit = [&](const GumboNode* g, uint32_t parent) {
    Node n;
    n.parent = parent;
    n.source = g;
    const uint8_t inherited = parent == kNoNode ? 0 : nodes_[parent].flags & (kDead | kInLink);
    const auto index = static_cast<uint32_t>(nodes_.size());
    if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) {
      const GumboTag t = g->v.element.tag;
      n.tag = t;
      n.flags = inherited;
      if (dead_tag(t) || g->v.element.tag_namespace != GUMBO_NAMESPACE_HTML || g->type == GUMBO_NODE_TEMPLATE || hidden(g))
        n.flags |= kDead;
      if (t == GUMBO_TAG_A) n.flags |= kInLink;
      if (block_tag(t)) n.flags |= kBlock;
      if (t == GUMBO_TAG_BR) n.flags |= kBreak;
      nodes_.push_back(n);
      stack.push_back({g, index, 0});
      return;
    }
    n.flags = static_cast<uint8_t>(inherited | kText);
    if (!(n.flags & kDead)) {
      n.text_begin = static_cast<uint32_t>(text_.size());
      n.chars = append_collapsed(text_, g->v.text.text, true);
      n.text_size = static_cast<uint32_t>(text_.size()) - n.text_begin;
    }
    n.end = index + 1;
    nodes_.push_back(n);
  };
  visit(root, kNoNode);
  while (!stack.empty()) {
    Frame& top = stack.back();
    const GumboVector& kids = top.node->v.element.children;
    if (top.next_child == kids.length) {
      nodes_[top.index].end = static_cast<uint32_t>(nodes_.size());
      stack.pop_back();
      continue;
    }
    const auto* kid = static_cast<const GumboNode*>(kids.data[top.next_child++]);
    if (kid->type == GUMBO_NODE_COMMENT) continue;
    const uint32_t parent = top.index;
    visit(kid, parent);
  }
}

const char* Tree::attr(uint32_t i, const char* name) const { return get_attr(nodes_[i].source, name); }

std::string_view Tree::raw_text(uint32_t i) const {
  const GumboNode* g = nodes_[i].source;
  if (g->type != GUMBO_NODE_ELEMENT || g->v.element.children.length == 0) return {};
  const auto* kid = static_cast<const GumboNode*>(g->v.element.children.data[0]);
  if (kid->type != GUMBO_NODE_TEXT && kid->type != GUMBO_NODE_CDATA && kid->type != GUMBO_NODE_WHITESPACE) return {};
  return kid->v.text.text;
}

std::string Tree::tag_name(uint32_t i) const {
  const Node& n = nodes_[i];
  if (n.is(kText)) return {};
  if (n.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(n.tag);
  GumboStringPiece piece = n.source->v.element.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data ? piece.data : "", piece.length);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::string Tree::text_under(uint32_t i) const {
  std::string out;
  for (uint32_t j = i; j < nodes_[i].end; ++j) {
    const Node& n = nodes_[j];
    if (n.is(kDead)) {
      j = n.end - 1;
      continue;
    }
    if (n.is(kBlock) && !out.empty() && out.back() != ' ') out.push_back(' ');
    if (n.is(kText)) append_collapsed(out, text(j));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  return out;
}

}  // namespace chronicle::read::html
