// The sample a newcomer can deploy with one click: examples/hello-static of the checkout the
// platform runs from (a git repository), as a STATIC app with no build. Absent elsewhere
// (e.g. in the production image, which has no .git).
import { Field, ObjectType } from '@nestjs/graphql';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

@ObjectType('SampleApp', { description: 'A ready-made app to try the platform with (createApp input fields).' })
export class SampleAppModel {
  @Field()
  name!: string;

  @Field()
  gitUrl!: string;

  @Field()
  rootDirectory!: string;

  @Field()
  outputDirectory!: string;

  @Field()
  description!: string;
}

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export function sampleApp(repoRoot = REPO_ROOT): SampleAppModel | null {
  const root = repoRoot.replace(/\/$/, '');
  if (!existsSync(`${root}/.git`) || !existsSync(`${root}/examples/hello-static/index.html`)) return null;
  return {
    name: 'hello',
    gitUrl: `file://${root}`,
    rootDirectory: 'examples/hello-static',
    outputDirectory: '.',
    description: 'A one-page static site from this platform’s own repository (examples/hello-static); no build, no image needed.',
  };
}
