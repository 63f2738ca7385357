// completion bash|zsh: a completion script generated from the commands and options themselves, so
// it cannot drift from them. Completes command names, subcommand names and option names.
import { Argument, type Command } from 'commander';

interface Node {
  path: string[];
  subcommands: string[];
  options: string[];
}

function walk(cmd: Command, path: string[] = []): Node[] {
  const options = [...cmd.options.flatMap((o) => [o.long, o.short].filter((x): x is string => !!x)), '--help', '--json'];
  const node: Node = { path, subcommands: cmd.commands.map((c) => c.name()), options: [...new Set(options)] };
  return [node, ...cmd.commands.flatMap((c) => walk(c, [...path, c.name()]))];
}

export function bashScript(program: Command): string {
  const cases = walk(program)
    .map((n) => `    "${n.path.join(' ')}") words="${[...n.subcommands, ...n.options].join(' ')}" ;;`)
    .join('\n');
  return `# paas completion for bash: eval "$(npm exec paas -- completion bash)", or save it in /etc/bash_completion.d/paas
_paas() {
  local cur path="" w i words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ $w == -* ]] && continue
    case "\${path:+$path }$w" in
${walk(program)
  .filter((n) => n.path.length)
  .map((n) => `      "${n.path.join(' ')}") path="${n.path.join(' ')}" ;;`)
  .join('\n')}
    esac
  done
  case "$path" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _paas paas
`;
}

export function zshScript(program: Command): string {
  // zsh runs bash completion functions through bashcompinit
  return `#compdef paas
# paas completion for zsh: eval "$(npm exec paas -- completion zsh)", or save it as _paas in your $fpath
autoload -U +X bashcompinit && bashcompinit
${bashScript(program)}`;
}

export function register(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script: eval "$(paas completion bash)"')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh']))
    .action((shell: 'bash' | 'zsh') => {
      process.stdout.write(shell === 'bash' ? bashScript(program) : zshScript(program));
    });
}
