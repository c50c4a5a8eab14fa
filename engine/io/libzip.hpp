#pragma once

#include <zip.h>

#include "io/shared_library.hpp"

// The libzip functions rehearse calls (Anki packages: io/zip_reader.cpp, io/anki_export.cpp),
// found in libzip when an Anki package is first read or written.
namespace rehearse {

struct LibZip {
  SharedLibrary library;
  decltype(&::zip_open) zip_open;
  decltype(&::zip_close) zip_close;
  decltype(&::zip_discard) zip_discard;
  decltype(&::zip_strerror) zip_strerror;
  decltype(&::zip_error_init_with_code) zip_error_init_with_code;
  decltype(&::zip_error_strerror) zip_error_strerror;
  decltype(&::zip_error_fini) zip_error_fini;
  decltype(&::zip_get_num_entries) zip_get_num_entries;
  decltype(&::zip_get_name) zip_get_name;
  decltype(&::zip_stat_init) zip_stat_init;
  decltype(&::zip_stat) zip_stat;
  decltype(&::zip_fopen) zip_fopen;
  decltype(&::zip_fread) zip_fread;
  decltype(&::zip_fclose) zip_fclose;
  decltype(&::zip_file_strerror) zip_file_strerror;
  decltype(&::zip_source_buffer) zip_source_buffer;
  decltype(&::zip_source_free) zip_source_free;
  decltype(&::zip_file_add) zip_file_add;

  LibZip();
};

// Loaded at the first call, then kept. Throws Error when libzip cannot be loaded.
const LibZip& libzip();

}  // namespace rehearse
