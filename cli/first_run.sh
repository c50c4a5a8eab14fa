#!/bin/sh
# make run: REHEARSE DECK_FILE...
# The first run creates the collection and imports the shipped decks into it; every later run
# only reviews, leaving the collection's decks as the user has them (an update of the shipped
# decks is an explicit 'rehearse import decks/*.json'). The story bank starts empty (the
# example stories are not imported); while it is, the run ends by saying how to start it.
set -eu
rehearse=$1
shift
"$rehearse" init
if [ "$("$rehearse" decks --json)" = "[]" ]; then
  "$rehearse" import "$@"
fi
status=0
"$rehearse" review || status=$?
if [ "$("$rehearse" story list --json)" = "[]" ]; then
  echo
  echo "Your story bank is empty. Write your first STAR story with: $rehearse story new"
  echo "(or try the two examples: $rehearse story import decks/stories/examples; docs/stories.md)"
fi
exit "$status"
