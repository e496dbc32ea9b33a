// Page furniture in plain text scraped from news pages: navigation bullets,
// "Follow us" lines, related-headline lists, source lists. The rules are data
// (data/furniture.txt); this applies them to the lines of one article.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::read {

enum class LineKind { keep, drop, tail };

// What the furniture rules say about one line of text.
LineKind classify_line(std::string_view line);

// Drops furniture lines from `lines`, and after a "tail" line the list under it:
// the lines up to the next paragraph of prose, or all of them when no prose
// follows. Lines are kept in order.
std::vector<std::string_view> drop_furniture(const std::vector<std::string_view>& lines);

// Words in a line (runs separated by spaces).
size_t word_count(std::string_view line);

}  // namespace chronicle::read
