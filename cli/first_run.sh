#!/bin/sh
# make run: REHEARSE DECK_FILE...
# The first run creates the collection and imports the shipped decks into it; every later run
# only reviews, leaving the collection's decks as the user has them (an update of the shipped
# decks is an explicit 'rehearse import decks/*.json').
set -eu
rehearse=$1
shift
"$rehearse" init
if [ "$("$rehearse" decks --json)" = "[]" ]; then
  "$rehearse" import "$@"
fi
exec "$rehearse" review
