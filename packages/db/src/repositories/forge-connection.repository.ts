// Teams' forge connections. Credentials are sealed by the entity's column transformers.
import type { EntityManager } from 'typeorm';
import { ForgeConnectionEntity } from '../entities/forge-connection.entity.js';

const UNIQUE_VIOLATION = '23505';

export type NewForgeConnection = Omit<ForgeConnectionEntity, 'createdAt'>;

export class ForgeConnectionRepository {
  constructor(private readonly db: EntityManager) {}

  private get repo() {
    return this.db.getRepository(ForgeConnectionEntity);
  }

  /** False when the team already has a connection to that base URL as that account. */
  async insert(c: NewForgeConnection): Promise<boolean> {
    try {
      await this.repo.insert({ ...c, createdAt: new Date() });
      return true;
    } catch (e) {
      if ((e as { driverError?: { code?: string }; code?: string }).driverError?.code === UNIQUE_VIOLATION) return false;
      throw e;
    }
  }

  find(id: string): Promise<ForgeConnectionEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  forTeam(teamId: string): Promise<ForgeConnectionEntity[]> {
    return this.repo.find({ where: { teamId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async remove(id: string): Promise<boolean> {
    const r = await this.repo.delete({ id });
    return (r.affected ?? 0) > 0;
  }
}
