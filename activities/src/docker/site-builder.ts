// Runs a STATIC app's build command in a throwaway container of its build image. The checkout
// is copied in through the Docker API (no bind mount, no Docker socket, nothing else of the
// host), the output directory is copied out as a tar stream, and the container is removed.
// Part of the Docker adapter layer: it owns its (injected) engine client like DockerAdapter does.
import type Docker from 'dockerode';
import { posix } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pack } from 'tar-fs';
import { statusOf } from './docker.adapter.js';

export interface SiteBuildSpec {
  name: string;
  image: string;
  command: string;
  env: string[];
  labels: Record<string, string>;
  limits: { memoryBytes: number; nanoCpus: number; pids: number };
  /** The isolated build network. */
  network: string;
  /** Output past this many characters stops the build. */
  maxOutputChars: number;
  checkoutDir: string;
  /** Both relative and validated: the command runs in /workspace/<rootDirectory>. */
  rootDirectory: string;
  outputDirectory: string;
  timeoutMs: number;
  signal: AbortSignal;
  onOutput: (text: string, stream: 'stdout' | 'stderr') => void;
}

export class SiteBuildError extends Error {
  constructor(
    message: string,
    readonly kind: 'BuildImageMissing' | 'BuildFailed' | 'BuildTimeout' | 'BuildOutputLimit' | 'BuildLimit' | 'MissingOutput',
  ) {
    super(message);
    this.name = 'SiteBuildError';
  }
}

const WORKSPACE = '/workspace';

export class SiteBuilder {
  constructor(private readonly docker: Docker) {}

  /** Runs the build; returns the output directory as a tar stream and a function that removes the container. */
  async build(spec: SiteBuildSpec): Promise<{ output: Readable; remove: () => Promise<void> }> {
    await this.removeContainer(spec.name); // a retry after a crash starts clean
    const image = await this.docker
      .getImage(spec.image)
      .inspect()
      .catch((err) => {
        if (statusOf(err) === 404)
          throw new SiteBuildError(
            `The build image "${spec.image}" is not on this host. Load or build it (docker load / docker build), or set buildImage to one that is.`,
            'BuildImageMissing',
          );
        throw err;
      });
    const workdir = posix.join(WORKSPACE, spec.rootDirectory);
    const container = await this.docker.createContainer({
      name: spec.name,
      Image: image.Id,
      Entrypoint: ['/bin/sh', '-c'],
      Cmd: [spec.command],
      WorkingDir: workdir,
      Env: spec.env,
      Labels: spec.labels,
      AttachStdout: true,
      AttachStderr: true,
      HostConfig: {
        Memory: spec.limits.memoryBytes,
        NanoCpus: spec.limits.nanoCpus,
        PidsLimit: spec.limits.pids,
        Privileged: false,
        // what package managers need to unpack files; nothing that reaches beyond the container
        CapDrop: ['ALL'],
        CapAdd: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'SETGID', 'SETUID'],
        SecurityOpt: ['no-new-privileges'],
        NetworkMode: spec.network,
        Init: true,
      },
    });
    const remove = () => this.removeContainer(spec.name);
    try {
      const source = pack(spec.checkoutDir, {
        ignore: (name: string) => posix.basename(name) === '.git',
        map: (h) => ({ ...h, name: posix.join('workspace', h.name), uid: 0, gid: 0 }),
      });
      await container.putArchive(source, { path: '/' });
      const stream = await container.attach({ stream: true, stdout: true, stderr: true });
      const out = new PassThrough();
      const err = new PassThrough();
      let outputChars = 0;
      const tooLoud = new AbortController();
      const relay = (stream: 'stdout' | 'stderr') => (d: Buffer) => {
        const text = d.toString('utf8');
        outputChars += text.length;
        if (outputChars > spec.maxOutputChars) tooLoud.abort();
        else spec.onOutput(text, stream);
      };
      out.on('data', relay('stdout'));
      err.on('data', relay('stderr'));
      this.docker.modem.demuxStream(stream, out, err);
      await container.start();
      const exited = container.wait() as Promise<{ StatusCode: number }>;
      const timeout = AbortSignal.timeout(spec.timeoutMs);
      const stopped = new Promise<'timeout' | 'aborted' | 'too-loud'>((resolve) => {
        timeout.addEventListener('abort', () => resolve('timeout'), { once: true });
        spec.signal.addEventListener('abort', () => resolve('aborted'), { once: true });
        tooLoud.signal.addEventListener('abort', () => resolve('too-loud'), { once: true });
      });
      const result = await Promise.race([exited, stopped]);
      if (typeof result === 'string') {
        await container.kill().catch(() => undefined);
        if (result === 'timeout')
          throw new SiteBuildError(`The build timed out after ${Math.round(spec.timeoutMs / 1000)} s (PAAS_BUILD_TIMEOUT_MS).`, 'BuildTimeout');
        if (result === 'too-loud')
          throw new SiteBuildError(
            `The build was stopped: its output exceeded ${Math.round(spec.maxOutputChars / 1024 / 1024)} MB (PAAS_BUILD_MAX_OUTPUT_MB).`,
            'BuildOutputLimit',
          );
        throw new Error('build cancelled');
      }
      await new Promise((r) => setImmediate(r)); // let the last output through
      if (result.StatusCode !== 0) {
        const state = (await container.inspect()).State;
        if (state.OOMKilled)
          throw new SiteBuildError(
            `The build was killed at its memory limit of ${Math.round(spec.limits.memoryBytes / 1024 / 1024)} MB (PAAS_BUILD_MEMORY_MB).`,
            'BuildLimit',
          );
        throw new SiteBuildError(`The build command exited with code ${result.StatusCode}; its output is in the deployment log.`, 'BuildFailed');
      }
      const outputPath = posix.join(workdir, spec.outputDirectory);
      const output = (await container.getArchive({ path: outputPath }).catch((e) => {
        if (statusOf(e) === 404)
          throw new SiteBuildError(
            `The build finished but produced no "${spec.outputDirectory}" (looked in ${outputPath}). Check outputDirectory.`,
            'MissingOutput',
          );
        throw e;
      })) as unknown as Readable;
      return { output, remove };
    } catch (e) {
      await remove();
      throw e;
    }
  }

  async removeContainer(name: string): Promise<void> {
    await this.docker
      .getContainer(name)
      .remove({ force: true, v: true })
      .catch((err) => {
        if (statusOf(err) !== 404 && statusOf(err) !== 409) throw err;
      });
  }
}
