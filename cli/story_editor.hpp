#pragma once

#include <string>

#include "app.hpp"

// story new and story edit (story_editor.cpp).
namespace rehearse::cli {

// Writes a new story in $VISUAL or $EDITOR (on a terminal), from a template listing the
// principle slugs, checking it on each save and reopening it with the error at the top until
// it is valid (then imported) or saved empty (nothing imported). With no editor or no
// terminal, asks for the story section by section.
void run_story_new(Context& context);

// The same on the story `id` as the collection keeps it; the id may not change. Throws Error
// when there is no such story, or no editor on a terminal.
void run_story_edit(Context& context, const std::string& id);

}  // namespace rehearse::cli
