/** Shell completion scripts: commands first, then button names from `buttons list --json`. */
import { ButtonsError, ErrorCode } from '../../core/errors.ts';

const BUTTON_ARG_COMMANDS = 'press inspect history logs delete rm';

export function completionScript(shell: string, commands: readonly string[]): string {
  const words = commands.join(' ');
  const names = `buttons list --json 2>/dev/null | sed -n 's/.*"buttons":\\[\\(.*\\)\\],"invalid".*/\\1/p' | grep -o '"name":"[^"]*"' | cut -d'"' -f4`;
  switch (shell) {
    case 'bash':
      return `# buttons completion for bash
_buttons() {
  local cur=\${COMP_WORDS[COMP_CWORD]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${words}" -- "$cur") )
  else
    case " ${BUTTON_ARG_COMMANDS} " in *" \${COMP_WORDS[1]} "*)
      COMPREPLY=( $(compgen -W "$(${names})" -- "$cur") ) ;;
    esac
  fi
}
complete -F _buttons buttons
`;
    case 'zsh':
      return `#compdef buttons
_buttons() {
  if (( CURRENT == 2 )); then
    compadd -- ${words}
  else
    case " ${BUTTON_ARG_COMMANDS} " in *" \${words[2]} "*)
      compadd -- $(${names}) ;;
    esac
  fi
}
compdef _buttons buttons
`;
    case 'fish':
      return `# buttons completion for fish
complete -c buttons -f -n '__fish_use_subcommand' -a '${words}'
complete -c buttons -f -n '__fish_seen_subcommand_from ${BUTTON_ARG_COMMANDS}' -a '(${names})'
`;
    default:
      throw new ButtonsError(
        ErrorCode.VALIDATION_ERROR,
        `completion: shell must be bash, zsh or fish, got ${JSON.stringify(shell)}`,
      );
  }
}
