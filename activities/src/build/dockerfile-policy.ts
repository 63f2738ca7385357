// What a SERVICE build may ask the Docker engine to fetch. RUN steps run on the isolated build
// network (build-firewall.ts), but a few instructions make the engine itself fetch something,
// from the host's network: a remote ADD, and pulling a base image (FROM, COPY --from, or an
// ONBUILD trigger of a base image). Those are checked here, on the Dockerfile as the engine
// parses it (dockerfile-ast follows its escape, continuation and comment rules), before the
// build starts:
//  - ADD takes local files only: no URL, and no variable that could expand to one;
//  - an image is never pulled from a loopback, private or link-local address, nor from the
//    platform's own registry, and another app's release image is never a base image;
//  - the ONBUILD triggers of a local base image obey the same rules.
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { isNonPublicAddress } from '@paas/outbound';

export class DockerfilePolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DockerfilePolicyError';
  }
}

export interface LocalImage {
  /** Present in the engine: building from it pulls nothing. */
  exists: boolean;
  /** The app whose release this image is, when the platform built it. */
  appId?: string;
  onBuild: string[];
}

export interface PolicyContext {
  /** The app being built: its own earlier images are fine as base images. */
  appId: string;
  /** The platform's registry (host:port). */
  registry: string;
  inspectImage(ref: string): Promise<LocalImage>;
  /** Whether a registry host name resolves to an address that is not public. */
  resolvesToNonPublic(host: string): Promise<boolean>;
}

const HINT = 'Builds may not make the engine fetch from the host or the private network.';

export async function checkDockerfile(text: string, ctx: PolicyContext): Promise<void> {
  const df = DockerfileParser.parse(text);
  const args = new Map<string, string>();
  for (const a of df.getInitialARGs()) {
    const p = a.getProperty();
    if (p?.getName() && p.getValue() !== null) args.set(p.getName(), p.getValue()!);
  }
  const stages = new Set<string>();
  for (const instr of df.getInstructions()) {
    const keyword = instr.getKeyword().toUpperCase();
    if (keyword === 'FROM') {
      const raw = (instr as unknown as { getImage(): string | null }).getImage() ?? '';
      const image = expand(raw, args);
      if (image === null) throw new DockerfilePolicyError(`FROM ${raw}: the image name uses a variable with no default; give the ARG a default value.`);
      if (image.toLowerCase() !== 'scratch' && !stages.has(image.toLowerCase())) await checkImage(image, ctx, 'FROM');
      const stage = (instr as unknown as { getBuildStage(): string | null }).getBuildStage();
      if (stage) stages.add(stage.toLowerCase());
    } else {
      await checkInstruction(instr, stages, ctx);
    }
  }
}

async function checkInstruction(instr: Instruction, stages: Set<string>, ctx: PolicyContext): Promise<void> {
  const keyword = instr.getKeyword().toUpperCase();
  if (keyword === 'ADD') {
    for (const source of addSources(instr)) {
      if (source.includes('$'))
        throw new DockerfilePolicyError(`ADD ${source}: variables are not allowed in ADD sources (they could name a remote URL). Use COPY for local files.`);
      if (source.includes('://') || /^git@/i.test(source)) {
        throw new DockerfilePolicyError(
          `ADD ${source}: remote sources are refused; the engine would fetch them from the host's network. ${HINT} Download in a RUN step instead (RUN steps can reach the internet).`,
        );
      }
    }
  } else if (keyword === 'COPY') {
    const from = (instr as unknown as { getFromFlag(): { getValue(): string | null } | null }).getFromFlag()?.getValue();
    if (!from || /^\d+$/.test(from) || stages.has(from.toLowerCase())) return;
    if (from.includes('$')) throw new DockerfilePolicyError(`COPY --from=${from}: variables are not allowed in --from.`);
    await checkImage(from, ctx, 'COPY --from');
  } else if (keyword === 'ONBUILD') {
    const trigger = (instr as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
    if (trigger) await checkInstruction(trigger, stages, ctx);
  }
}

function addSources(instr: Instruction): string[] {
  const json = (instr as unknown as { getJSONStrings?(): { getJSONValue(): string }[] }).getJSONStrings?.() ?? [];
  const values = json.length > 0 ? json.map((j) => j.getJSONValue()) : instr.getArguments().map((a) => a.getValue());
  return values.filter((v) => !v.startsWith('--')).slice(0, -1);
}

async function checkImage(ref: string, ctx: PolicyContext, where: string): Promise<void> {
  const host = registryHost(ref);
  if (host) {
    const bare = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (host === ctx.registry || bare === 'localhost' || isNonPublicAddress(bare) || (await ctx.resolvesToNonPublic(bare))) {
      throw new DockerfilePolicyError(
        `${where} ${ref}: images are not pulled from ${host} (the platform's own registry, or a loopback or private address). ${HINT}`,
      );
    }
  }
  const local = await ctx.inspectImage(ref);
  if (local.appId && local.appId !== ctx.appId) throw new DockerfilePolicyError(`${where} ${ref}: another app's release image cannot be a base image.`);
  for (const trigger of local.onBuild) {
    try {
      const df = DockerfileParser.parse(`ONBUILD ${trigger}\n`);
      for (const i of df.getInstructions()) await checkInstruction(i, new Set(), ctx);
    } catch (err) {
      if (err instanceof DockerfilePolicyError) throw new DockerfilePolicyError(`${where} ${ref}: its ONBUILD trigger is refused: ${err.message}`);
      throw err;
    }
  }
}

/** The registry part of an image reference, as the engine reads it; undefined for Docker Hub. */
export function registryHost(ref: string): string | undefined {
  const slash = ref.indexOf('/');
  if (slash < 0) return undefined;
  const first = ref.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('[') ? first.toLowerCase() : undefined;
}

/** ${VAR}, $VAR and ${VAR:-default} from the ARGs before the first FROM; null when one has no value. */
function expand(value: string, args: Map<string, string>): string | null {
  let missing = false;
  const out = value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_m, braced: string, dflt: string | undefined, bare: string) => {
      const v = args.get(braced ?? bare);
      if (v !== undefined && v !== '') return v;
      if (dflt !== undefined) return dflt;
      missing = true;
      return '';
    },
  );
  return missing || out.includes('$') ? null : out;
}
