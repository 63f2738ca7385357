// What a newcomer sees first: what an app is, and a one-click sample when the platform offers one.
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { CreateAppMutation, SampleAppQuery } from '../api/operations';
import { href, navigate } from '../app/router';
import { useTeam } from '../app/teams';
import { can } from '../auth/capabilities';
import { ErrorBox } from '../ui/Feedback';

export function EmptyState() {
  const [{ data }] = useQuery({ query: SampleAppQuery });
  const [created, createApp] = useMutation(CreateAppMutation);
  const { team } = useTeam();
  const sample = data?.sampleApp;
  const createSample = async () => {
    if (!sample) return;
    const r = await createApp({
      input: {
        teamId: team?.id,
        name: sample.name,
        kind: 'STATIC',
        gitUrl: sample.gitUrl,
        rootDirectory: sample.rootDirectory,
        outputDirectory: sample.outputDirectory,
      },
    });
    if (r.data) navigate({ name: 'app', appId: r.data.createApp.id });
  };
  if (team && !can(team.role, 'deploy'))
    return (
      <div className="card empty">
        <h2>No apps yet</h2>
        <p className="muted">
          {team.name} has no app yet. Your role, {team.role.toLowerCase()}, can see its apps but not create them: ask a team admin.
        </p>
      </div>
    );
  return (
    <div className="card empty">
      <h2>No apps yet</h2>
      <p>
        An app is a git repository the platform builds and serves at its own address: a service with a Dockerfile, or a static site. Create one, then press{' '}
        <strong>Deploy</strong>.
      </p>
      <div className="actions center">
        {sample && (
          <button type="button" className="primary" onClick={createSample} disabled={created.fetching}>
            Create the sample site
          </button>
        )}
        <a className={`button${sample ? '' : ' primary'}`} href={href({ name: 'new' })}>
          Create your own app
        </a>
      </div>
      {sample && <p className="muted">{sample.description}</p>}
      <ErrorBox message={errorMessage(created.error)} />
    </div>
  );
}
