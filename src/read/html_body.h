// Article body extraction on a flat page tree: scores the page's containers by
// the paragraphs they hold (text length, commas, link density, class and id
// hints from data/html_hints.txt), takes the best one with its sibling blocks
// that read like the same article, and removes boilerplate blocks inside it
// (share bars, related-link lists, forms, image strips, captions).
#pragma once
#include <string>
#include <vector>

#include "read/html_tree.h"

namespace chronicle::read::html {

struct BodyOptions {
  bool strip_junk = true;     // drop elements whose class or id says boilerplate before scoring
  bool weigh_classes = true;  // let class and id hints change scores
  bool clean = true;          // remove boilerplate blocks inside the chosen container
};

struct Paragraph {
  std::string text;          // collapsed, trimmed, never empty
  bool line_break = false;   // separated from the previous paragraph by <br> only
  bool heading = false;      // from h1-h6
  uint32_t chars = 0;        // code points that are not spaces
  uint32_t link_chars = 0;   // of which inside links
};

// The paragraphs of the page's article body, in document order; empty when the
// page has no text at all.
std::vector<Paragraph> article_body(const Tree& tree, const BodyOptions& options);

}  // namespace chronicle::read::html
