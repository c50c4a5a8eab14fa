#include "io/libzip.hpp"

namespace rehearse {

#define REHEARSE_ZIP_FUNCTION(name) name(library.function<decltype(&::name)>(#name))

LibZip::LibZip()
    : library(REHEARSE_LIBZIP_SONAME, "libzip4", "reading or writing an Anki package"),
      REHEARSE_ZIP_FUNCTION(zip_open),
      REHEARSE_ZIP_FUNCTION(zip_close),
      REHEARSE_ZIP_FUNCTION(zip_discard),
      REHEARSE_ZIP_FUNCTION(zip_strerror),
      REHEARSE_ZIP_FUNCTION(zip_error_init_with_code),
      REHEARSE_ZIP_FUNCTION(zip_error_strerror),
      REHEARSE_ZIP_FUNCTION(zip_error_fini),
      REHEARSE_ZIP_FUNCTION(zip_get_num_entries),
      REHEARSE_ZIP_FUNCTION(zip_get_name),
      REHEARSE_ZIP_FUNCTION(zip_stat_init),
      REHEARSE_ZIP_FUNCTION(zip_stat),
      REHEARSE_ZIP_FUNCTION(zip_fopen),
      REHEARSE_ZIP_FUNCTION(zip_fread),
      REHEARSE_ZIP_FUNCTION(zip_fclose),
      REHEARSE_ZIP_FUNCTION(zip_file_strerror),
      REHEARSE_ZIP_FUNCTION(zip_source_buffer),
      REHEARSE_ZIP_FUNCTION(zip_source_free),
      REHEARSE_ZIP_FUNCTION(zip_file_add) {}

#undef REHEARSE_ZIP_FUNCTION

const LibZip& libzip() {
  static const LibZip loaded;
  return loaded;
}

}  // namespace rehearse
