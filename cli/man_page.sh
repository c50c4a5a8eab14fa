#!/bin/sh
# Writes rehearse's man page (roff) from its --help and each command's --help:
#   man_page.sh BINARY OUTPUT
set -eu
binary=$1
output=$2

# Help text as roff: backslashes doubled, a leading dot or quote made literal.
roff() {
  sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
}

commands=$("$binary" --help | sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
version=$("$binary" --version | sed 's/^rehearse //')
{
  printf '.TH REHEARSE 1 "" "rehearse %s" "User Commands"\n' "$version"
  printf '.SH NAME\nrehearse \\- spaced-repetition drills (SM-2) for interview preparation\n'
  printf '.SH SYNOPSIS\n.B rehearse\n[\\fB\\-\\-db\\fR \\fIPATH\\fR] [\\fB\\-\\-now\\fR \\fITIME\\fR] [\\fICOMMAND\\fR] [\\fIARGS\\fR...]\n'
  printf '.SH DESCRIPTION\n.nf\n'
  "$binary" --help | roff
  printf '.fi\n.SH COMMANDS\n'
  for command in $commands; do
    printf '.SS %s\n.nf\n' "$command"
    "$binary" "$command" --help | roff
    printf '.fi\n'
  done
  printf '.SH FILES\n'
  printf '.TP\n.I ~/.local/share/rehearse/collection.db\nThe collection (see \\fB\\-\\-db\\fR).\n'
  printf '.TP\n.I share/rehearse/decks/\nThe shipped decks, beside the folder of the binary (\\fBrehearse import \\-\\-shipped\\fR).\n'
} > "$output.tmp"
mv "$output.tmp" "$output"
