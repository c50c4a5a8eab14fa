# bash completion for rehearse: commands, their options, deck ids and deck files.
_rehearse() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }
  case $prev in
    --db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --now|--tag) return ;;
  esac
  local command="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --db|--now) ((i++)) ;;
      -*) ;;
      *) command=${words[i]}; break ;;
    esac
  done
  if [[ -z $command ]]; then
    local commands
    commands=$(rehearse --help 2>/dev/null | sed -n '/^Subcommands:/,$p' |
      sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
    COMPREPLY=($(compgen -W "$commands --db --now --help --version" -- "$cur"))
    return
  fi
  if [[ $cur == -* ]]; then
    local options
    options=$(rehearse "$command" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
    return
  fi
  case $command in
    import|restore) COMPREPLY=($(compgen -f -- "$cur")) ;;
    story)
      if ((cword == i + 1)); then
        COMPREPLY=($(compgen -W "import export list show check rm new edit" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi ;;
    review|cram|export|cards|next|add|orphans|forecast|heatmap|stats)
      if [[ $command == review && $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--tag --search --new-first --reviews-first --max --type" -- "$cur"))
        return
      fi
      local decks
      decks=$(rehearse decks --json 2>/dev/null | grep -o '"id":"[^"]*"' | sed 's/"id":"\(.*\)"/\1/')
      COMPREPLY=($(compgen -W "$decks" -- "$cur")) ;;
  esac
}
complete -F _rehearse rehearse
