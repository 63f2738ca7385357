// Pure parts of the push-to-deploy and previews cards: how a delivery's result reads, and which
// deployments are a pull request's preview.

/** A delivery's result ("deployed <id>", "pong", "ignored: …", "refused: …") as a badge tone and word. */
export function deliveryOutcome(result: string): { status: string; label: string } {
  const word = /^\s*(\w+)/.exec(result)?.[1]?.toLowerCase();
  if (word === 'deployed' || word === 'previewed' || word === 'pong') return { status: 'SUCCEEDED', label: word };
  if (word === 'refused' || word === 'failed') return { status: 'FAILED', label: word };
  if (word === 'ignored') return { status: 'SKIPPED', label: 'ignored' };
  return { status: 'PENDING', label: word ?? 'unknown' };
}

interface PreviewDeployment {
  id: string;
  trigger: string;
  preview?: { pullRequest: number } | null;
}

/** "PR #n" for each deployment of trigger PREVIEW whose pull request is known, by deployment id. */
export function previewTags(deployments: readonly PreviewDeployment[] | null | undefined): Map<string, string> {
  const tags = new Map<string, string>();
  for (const d of deployments ?? []) {
    if (d.trigger === 'PREVIEW' && d.preview && Number.isInteger(d.preview.pullRequest)) tags.set(d.id, `PR #${d.preview.pullRequest}`);
  }
  return tags;
}

/** A URL the page may link to: http(s) only, so a hostile value (javascript:, data:) is shown as text, never followed. */
export function linkableUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** The forges' names as their users know them. */
export const FORGE_LABELS = { GITHUB: 'GitHub', GITLAB: 'GitLab', GITEA: 'Gitea / Forgejo' } as const;
export type ForgeName = keyof typeof FORGE_LABELS;
export const FORGES = Object.keys(FORGE_LABELS) as ForgeName[];

/** Where each forge takes the URL and the secret, so the card can say it in the forge's words. */
export const FORGE_HOOK_HELP: Record<ForgeName, string> = {
  GITHUB: 'Repository → Settings → Webhooks → Add webhook: payload URL, content type application/json, the secret; push and pull request events.',
  GITLAB: 'Project → Settings → Webhooks: URL, the secret as Secret token; Push events and Merge request events.',
  GITEA: 'Repository → Settings → Webhooks → Add webhook → Gitea: target URL, POST, application/json, the secret; push and pull request events.',
};
