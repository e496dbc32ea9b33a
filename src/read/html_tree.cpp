// The flat page tree: a linear pre-parse measure of the markup, gumbo parsing
// into an arena, and an iterative flattening of gumbo's tree into Tree::nodes_.
#include "read/html_tree.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "common/utf8.h"

namespace chronicle::read::html {

// Allocator for gumbo: size classes (16-byte steps up to 512 bytes, powers of
// two above) carved from large blocks, with a free list per class, so the
// buffers gumbo grows by doubling are reused; everything is released at once
// with the arena.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    for (char* p : large_) delete[] p;
  }

  void* allocate(size_t n) {
    // At least 32 bytes, so that a freed block can hold the free-list link.
    const int cls = std::max(1, size_class(n + kHeader));
    char* p;
    if (cls >= kClasses) {
      p = new char[n + kHeader];
      large_.insert(p);
    } else if (free_[cls]) {
      p = free_[cls];
      free_[cls] = *reinterpret_cast<char**>(p + kHeader);
    } else {
      const size_t size = class_size(cls);
      if (size > left_) {
        cursor_ = own_block(kBlock);
        left_ = kBlock;
      }
      p = cursor_;
      cursor_ += size;
      left_ -= size;
    }
    *reinterpret_cast<int*>(p) = cls;
    return p + kHeader;
  }

  void release(void* ptr) {
    if (!ptr) return;
    char* p = static_cast<char*>(ptr) - kHeader;
    const int cls = *reinterpret_cast<int*>(p);
    if (cls >= kClasses) {
      // Big buffers (gumbo doubles them as text grows) go back at once.
      if (large_.erase(p)) delete[] p;
      return;
    }
    *reinterpret_cast<char**>(ptr) = free_[cls];
    free_[cls] = p;
  }

 private:
  static constexpr size_t kHeader = 16, kBlock = 1 << 20;
  static constexpr int kClasses = 41;  // up to 256 KB from the blocks, larger on their own
  static int size_class(size_t n) {
    if (n <= 512) return static_cast<int>((n + 15) / 16) - 1;
    int cls = 32;
    for (size_t size = 1024; size < n && cls < kClasses; size <<= 1) ++cls;
    return cls;
  }
  static size_t class_size(int cls) { return cls < 32 ? static_cast<size_t>(cls + 1) * 16 : size_t{1024} << (cls - 32); }
  char* own_block(size_t n) {
    blocks_.push_back(std::unique_ptr<char[]>(new char[n]));
    return blocks_.back().get();
  }
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::unordered_set<char*> large_;
  std::array<char*, kClasses> free_{};
  char* cursor_ = nullptr;
  size_t left_ = 0;
};

namespace {

void* arena_allocate(void* arena, size_t n) { return static_cast<Arena*>(arena)->allocate(n); }
void arena_free(void* arena, void* p) { static_cast<Arena*>(arena)->release(p); }

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

// Position of the end tag `</name` (case-insensitive) from `from`, or npos.
size_t find_end_tag(std::string_view s, size_t from, std::string_view name) {
  for (size_t i = s.find("</", from); i != std::string_view::npos; i = s.find("</", i + 2)) {
    if (i + 2 + name.size() > s.size()) return std::string_view::npos;
    bool same = true;
    for (size_t k = 0; k < name.size() && same; ++k)
      same = std::tolower(static_cast<unsigned char>(s[i + 2 + k])) == name[k];
    if (same) return i;
  }
  return std::string_view::npos;
}

bool has_ci(std::string_view hay, std::string_view needle) {
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && std::tolower(static_cast<unsigned char>(hay[i + k])) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
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

// Formatting elements: the parser reopens those still open after a block closes.
bool is_formatting(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_B: case GUMBO_TAG_BIG: case GUMBO_TAG_CODE: case GUMBO_TAG_EM: case GUMBO_TAG_FONT:
    case GUMBO_TAG_I: case GUMBO_TAG_S: case GUMBO_TAG_SMALL: case GUMBO_TAG_STRIKE: case GUMBO_TAG_STRONG:
    case GUMBO_TAG_TT: case GUMBO_TAG_U:
      return true;
    default:
      return false;
  }
}

// Identity of a start tag with its attributes (never 0).
uint64_t tag_identity(std::string_view tag) {
  uint64_t h = 1469598103934665603ull;
  for (char c : tag) h = (h ^ static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(c)))) * 1099511628211ull;
  return h | 1;
}

}  // namespace

MarkupShape measure_markup(std::string_view s, std::string* lean) {
  constexpr size_t kDepthSeen = 10000;
  MarkupShape shape;
  size_t copied = 0;  // s[0, copied) is in *lean
  auto cut = [&](size_t from, size_t to) {
    if (!lean) return;
    lean->append(s.substr(copied, from - copied));
    copied = to;
  };
  if (lean) lean->reserve(s.size() / 2);
  struct Open {
    uint32_t id;
    uint64_t formatting;  // identity of a formatting element counted as open, else 0
    bool phrasing;        // an inline element (formatting, span, a, ...)
  };
  std::vector<Open> stack;
  std::unordered_map<uint32_t, uint32_t> open;        // tag id -> elements of that id on the stack
  std::unordered_map<uint64_t, uint32_t> formatting;  // identity -> open formatting elements like it
  size_t formatting_open = 0;  // open formatting elements, at most three alike (as the parser keeps them)
  size_t foreign = 0;          // open <svg> and <math>
  size_t i = 0;
  while ((i = s.find('<', i)) != std::string_view::npos && i + 1 < s.size()) {
    const char c = s[i + 1];
    if (c == '!' || c == '?') {
      const bool comment = s.compare(i, 4, "<!--") == 0;
      const size_t close = comment ? s.find("-->", i + 4) : s.find('>', i);
      const size_t next = close == std::string_view::npos ? s.size() : close + (comment ? 3 : 1);
      if (comment) cut(i, next);
      i = next;
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
      size_t k = stack.size() - 1;
      while (stack[k].id != id) --k;
      // A formatting element closed below blocks leaves them open (the adoption
      // agency moves them); any other end tag closes everything above it.
      bool blocks_above = false;
      if (is_formatting(tag))
        for (size_t j = k + 1; j < stack.size() && !blocks_above; ++j) blocks_above = !stack[j].phrasing;
      const size_t from = k;
      const size_t to = blocks_above ? k + 1 : stack.size();
      for (size_t j = from; j < to; ++j) {
        const Open& e = stack[j];
        --open[e.id];
        if (e.id == GUMBO_TAG_SVG || e.id == GUMBO_TAG_MATH) --foreign;
        if (e.formatting) {
          --formatting[e.formatting];
          --formatting_open;
        }
      }
      stack.erase(stack.begin() + static_cast<std::ptrdiff_t>(from), stack.begin() + static_cast<std::ptrdiff_t>(to));
      continue;
    }
    ++shape.elements;
    shape.reopened += formatting_open;
    if (raw_text(tag)) {
      const size_t close = find_end_tag(s, i, gumbo_normalized_tagname(tag));
      const size_t content_end = close == std::string_view::npos ? s.size() : close;
      // Script and style bodies are never text; JSON-LD is kept for the metadata, and a
      // script holding "<!--" is left whole, as its end is harder to find.
      const std::string_view content = s.substr(std::min(i, s.size()), content_end - std::min(i, s.size()));
      if ((tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) && i < content_end &&
          !has_ci(s.substr(name_end, end - name_end), "ld+json") && content.find("<!--") == std::string_view::npos)
        cut(i, content_end);
      i = close == std::string_view::npos ? s.size() : close + 2;
      continue;
    }
    if (tag == GUMBO_TAG_PLAINTEXT) break;
    const bool self_closed = end > name_end && end < s.size() && s[end - 1] == '/';
    if (is_void(tag) || optional_end(tag) || (foreign > 0 && self_closed)) continue;
    Open entry{id, 0, is_formatting(tag) || tag == GUMBO_TAG_SPAN || tag == GUMBO_TAG_A || tag == GUMBO_TAG_NOBR};
    if (is_formatting(tag)) {
      const uint64_t identity = tag_identity(s.substr(name_at, end - name_at));
      if (formatting[identity] < 3) {
        ++formatting[identity];
        ++formatting_open;
        entry.formatting = identity;
      }
    }
    stack.push_back(entry);
    ++open[id];
    if (tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH) ++foreign;
    shape.max_depth = std::max(shape.max_depth, stack.size());
    if (shape.max_depth > kDepthSeen) break;  // surely refused: stop early
  }
  if (lean && copied < s.size()) lean->append(s.substr(copied));
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
      depth_ = std::max(depth_, stack.size());
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
