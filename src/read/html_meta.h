// Page metadata of an HTML article: the headline (og:title, JSON-LD headline,
// <title> without the site name, <h1>), the publication date (meta
// article:published_time and kin, JSON-LD datePublished, <time datetime>) and
// the JSON-LD articleBody when the page carries one.
#pragma once
#include <string>

#include "read/html_tree.h"

namespace chronicle::read::html {

struct PageMeta {
  std::string title;       // the headline, without a site-name prefix or suffix
  std::string h1;          // text of the first <h1> in the body
  std::string published;   // ISO date or datetime, or empty
  std::string json_body;   // JSON-LD articleBody, or empty
};

PageMeta page_meta(const Tree& tree);

// `title` without a site name joined to it by " | ", " - ", " — " and the like:
// the part that matches `h1` when one does, else the longest part when the others
// are short. Returns `title` when nothing reads as a site name.
std::string strip_site_name(const std::string& title, const std::string& h1, const std::string& site);

}  // namespace chronicle::read::html
