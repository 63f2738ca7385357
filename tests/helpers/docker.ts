import Docker from 'dockerode';

export const docker = new Docker({ socketPath: '/var/run/docker.sock' });

export async function containersOfApp(appId: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`dev.paas.app=${appId}`] } });
}

export async function removeTestContainers(imagePrefix: string): Promise<void> {
  const all = await docker.listContainers({ all: true, filters: { label: ['dev.paas.managed=true'] } });
  for (const c of all.filter((c) => c.Image.startsWith(imagePrefix))) {
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
  }
}
