// A parsed HTML page as a flat array of nodes in document order, built from
// gumbo's tree without recursion, with whitespace-collapsed text. Every walk
// over the page (metadata, body extraction) works on this array with index
// ranges, so no walk depends on the nesting depth of the markup. gumbo's own
// memory lives in an arena owned by the tree and is released in one go
// (gumbo_destroy_output recurses over the tree, so it is never called).
#pragma once
#include <gumbo.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::read::html {

// What a cheap pass over the raw markup finds, before any parsing.
struct MarkupShape {
  size_t elements = 0;   // start tags
  size_t max_depth = 0;  // deepest nesting of open elements, as a parser would build it
  // Formatting elements (<b>, <font>, ...) left open, summed over the start tags
  // that follow them: the parser may rebuild each of them inside each new block.
  size_t reopened = 0;
};

// Measures `html` in one pass: start tags, and the deepest nesting the tree
// builder will produce (end tags close the nearest open element of the same name,
// except that a formatting element closed below blocks leaves them open; void
// elements, elements whose end tag is optional and self-closed foreign elements
// do not nest). An estimate made to catch runaway nesting; the pass stops early
// once the nesting passes 10,000 levels.
// With `lean`, also writes there the markup without comments and without the
// bodies of scripts (other than JSON-LD) and style sheets, which parses the same
// for our purposes and much faster.
MarkupShape measure_markup(std::string_view html, std::string* lean = nullptr);

constexpr uint32_t kNoNode = 0xFFFFFFFFu;

enum NodeFlag : uint8_t {
  kText = 1,      // a text node (else an element)
  kDead = 2,      // never rendered: script, style, hidden, form controls, or inside one
  kInLink = 4,    // text inside <a>
  kBlock = 8,     // an element that starts a new line of text
  kBreak = 16,    // <br>
};

struct Node {
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // elements only
  uint8_t flags = 0;
  uint32_t parent = kNoNode;
  uint32_t end = 0;          // one past the last node of this node's subtree
  uint32_t text_begin = 0;   // text nodes: collapsed text in Tree::text_ (bytes)
  uint32_t text_size = 0;
  uint32_t chars = 0;        // text nodes: code points that are not spaces
  const GumboNode* source = nullptr;

  bool is(NodeFlag f) const { return (flags & f) != 0; }
};

class Arena;

class Tree {
 public:
  // requires: `html` is valid UTF-8 and outlives the tree.
  explicit Tree(std::string_view html);
  ~Tree();
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;

  const std::vector<Node>& nodes() const { return nodes_; }
  // Deepest nesting of the parsed tree.
  size_t depth() const { return depth_; }
  size_t size() const { return nodes_.size(); }
  const Node& operator[](uint32_t i) const { return nodes_[i]; }

  // Collapsed text of a text node (runs of white space are one space).
  std::string_view text(uint32_t i) const {
    return std::string_view(text_).substr(nodes_[i].text_begin, nodes_[i].text_size);
  }
  // Attribute of an element, or nullptr.
  const char* attr(uint32_t i, const char* name) const;
  // Raw text of a script or style element (its first child), or empty.
  std::string_view raw_text(uint32_t i) const;
  // Lower-case tag name of an element, also for elements gumbo does not know.
  std::string tag_name(uint32_t i) const;
  // All the text under node i, collapsed, skipping dead nodes.
  std::string text_under(uint32_t i) const;

 private:
  void flatten(const GumboNode* root);

  std::unique_ptr<Arena> arena_;
  GumboOutput* output_ = nullptr;
  std::vector<Node> nodes_;
  std::string text_;
  size_t depth_ = 0;
};

}  // namespace chronicle::read::html
