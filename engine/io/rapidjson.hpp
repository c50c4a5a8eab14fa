#pragma once

// rapidjson, configured the way cereal's JSON archive configures it (a failed RAPIDJSON_ASSERT
// throws cereal::RapidJSONException instead of aborting). rapidjson is header-only: every file
// that uses it must include it through here, so that all of them instantiate it alike.
// clang-format off
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
// Strings and white space are scanned sixteen bytes at a time. Reading a StringStream, the
// scan may load up to 15 bytes past the terminating NUL: its buffer must have them (see
// kSimdPadding in deck_file.cpp).
#define RAPIDJSON_SSE2
#endif
#include <cereal/archives/json.hpp>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
// clang-format on
