#include "io/libxml2.hpp"

namespace rehearse {

#define REHEARSE_XML_FUNCTION(name) name(library.function<decltype(&::name)>(#name))

LibXml2::LibXml2()
    : library(REHEARSE_LIBXML2_SONAME, "libxml2", "reading HTML (Anki cards)"),
      REHEARSE_XML_FUNCTION(htmlReadMemory),
      REHEARSE_XML_FUNCTION(xmlFreeDoc),
      REHEARSE_XML_FUNCTION(xmlDocGetRootElement),
      REHEARSE_XML_FUNCTION(xmlGetProp),
      xmlFree(*static_cast<xmlFreeFunc*>(library.symbol("xmlFree"))) {}

#undef REHEARSE_XML_FUNCTION

const LibXml2& libxml2() {
  static const LibXml2 loaded;
  return loaded;
}

}  // namespace rehearse
