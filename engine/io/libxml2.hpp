#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "io/shared_library.hpp"

// The libxml2 functions rehearse calls (HTML to text: io/html_text.cpp), found in libxml2 when
// HTML is first turned into text.
namespace rehearse {

struct LibXml2 {
  SharedLibrary library;
  decltype(&::htmlReadMemory) htmlReadMemory;
  decltype(&::xmlFreeDoc) xmlFreeDoc;
  decltype(&::xmlDocGetRootElement) xmlDocGetRootElement;
  decltype(&::xmlGetProp) xmlGetProp;
  xmlFreeFunc xmlFree;  // a variable of libxml2's, read once

  LibXml2();
};

// Loaded at the first call, then kept. Throws Error when libxml2 cannot be loaded.
const LibXml2& libxml2();

}  // namespace rehearse
