import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { CreateAppMutation } from '../api/operations';
import { navigate } from '../app/router';
import { useTeam } from '../app/teams';
import { ErrorBox } from '../ui/Feedback';
import { Field } from '../ui/Field';
import { BranchSelect } from './BranchSelect';
import { applyRepository, stillPicked } from './repo-picker';
import { RepoPicker, type PickedFrom } from './RepoPicker';
import { emptyForm, toInput, validateForm, type CreateAppForm, type FormErrors } from './create-app-form';

export function CreateApp() {
  const [form, setForm] = useState<CreateAppForm>(emptyForm);
  const [errors, setErrors] = useState<FormErrors>({});
  const [result, createApp] = useMutation(CreateAppMutation);
  const { team } = useTeam();
  // the repository picked from a forge connection, while the git URL is still its clone URL
  const [pickedRepo, setPickedRepo] = useState<PickedFrom | null>(null);
  const picked = stillPicked(pickedRepo, form.gitUrl);
  const set = <K extends keyof CreateAppForm>(key: K, value: CreateAppForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: keyof CreateAppForm) => ({
    value: form[key] as string,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateForm(form);
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(Object.keys(found)[0]!.replace('.', '-'))?.focus();
      return;
    }
    // the switcher's team; with every team shown (platform admins), the server's default team
    const r = await createApp({ input: { ...toInput(form), teamId: team?.id } });
    if (r.data) navigate({ name: 'app', appId: r.data.createApp.id });
  };

  return (
    <section aria-labelledby="new-title">
      <h1 id="new-title">New app</h1>
      {team && <p className="muted">In the team {team.name}.</p>}
      <form className="card form" onSubmit={submit} noValidate>
        <fieldset className="kind">
          <legend>Kind</legend>
          <label>
            <input type="radio" name="kind" checked={form.kind === 'SERVICE'} onChange={() => set('kind', 'SERVICE')} /> Service{' '}
            <span className="muted">— a Dockerfile that starts a server on $PORT</span>
          </label>
          <label>
            <input type="radio" name="kind" checked={form.kind === 'STATIC'} onChange={() => set('kind', 'STATIC')} /> Static site{' '}
            <span className="muted">— a build command that writes a directory of files</span>
          </label>
        </fieldset>
        <Field id="name" label="Name" error={errors.name} hint="Lowercase letters, digits and '-'; the app's address is <name>.<base domain>.">
          {(a) => <input {...a} {...text('name')} autoComplete="off" required />}
        </Field>
        {team && (
          <RepoPicker
            teamId={team.id}
            picked={picked}
            onPick={(repo) => {
              setPickedRepo(repo);
              setForm((f) => applyRepository(f, repo));
            }}
          />
        )}
        <Field
          id="gitUrl"
          label="Git repository URL"
          error={errors.gitUrl}
          hint={form.kind === 'STATIC' ? 'Optional for a static site deployed from ZIP uploads.' : 'https://, http://, git://, ssh:// or file:// URL.'}
        >
          {(a) => <input {...a} {...text('gitUrl')} placeholder="https://github.com/you/app.git" />}
        </Field>
        <Field id="gitToken" label="Access token (private repository)" hint="Optional; write-only, never shown again.">
          {(a) => <input {...a} {...text('gitToken')} type="password" autoComplete="off" />}
        </Field>
        <div className="row">
          <Field id="branch" label="Branch" error={errors.branch}>
            {(a) =>
              team ? (
                <BranchSelect teamId={team.id} picked={picked} a11y={a} value={form.branch} onChange={(b) => set('branch', b)} />
              ) : (
                <input {...a} {...text('branch')} />
              )
            }
          </Field>
          <Field id="rootDirectory" label="Root directory" error={errors.rootDirectory}>
            {(a) => <input {...a} {...text('rootDirectory')} />}
          </Field>
        </div>
        {form.kind === 'SERVICE' ? (
          <div className="row">
            <Field id="dockerfilePath" label="Dockerfile path" error={errors.dockerfilePath}>
              {(a) => <input {...a} {...text('dockerfilePath')} />}
            </Field>
            <Field id="port" label="Port" error={errors.port} hint="Also passed to the app as $PORT.">
              {(a) => <input {...a} {...text('port')} inputMode="numeric" />}
            </Field>
          </div>
        ) : (
          <>
            <div className="row">
              <Field id="buildImage" label="Build image" error={errors.buildImage} hint="The image the build command runs in.">
                {(a) => <input {...a} {...text('buildImage')} placeholder="node:22-alpine" />}
              </Field>
              <Field id="outputDirectory" label="Output directory" error={errors.outputDirectory} hint="Default: dist with a build command, . without.">
                {(a) => <input {...a} {...text('outputDirectory')} placeholder="dist" />}
              </Field>
            </div>
            <Field
              id="buildCommand"
              label="Build command"
              error={errors.buildCommand}
              hint="Runs as sh -c in a throwaway container; leave empty to publish the directory as it is."
            >
              {(a) => <input {...a} {...text('buildCommand')} placeholder="npm ci && npm run build" />}
            </Field>
            <label className="check">
              <input type="checkbox" checked={form.spaFallback} onChange={(e) => set('spaFallback', e.target.checked)} /> Single-page app: unknown paths get
              index.html
            </label>
          </>
        )}
        <Field id="healthCheckPath" label="Health check path" error={errors.healthCheckPath} hint="Must answer 2xx before the release takes traffic.">
          {(a) => <input {...a} {...text('healthCheckPath')} />}
        </Field>
        <fieldset>
          <legend>Environment variables</legend>
          {form.env.map((row, i) => (
            <div className="env-row" key={i}>
              <input
                aria-label={`Name of variable ${i + 1}`}
                id={`env-${i}`}
                value={row.key}
                placeholder="NAME"
                onChange={(e) =>
                  set(
                    'env',
                    form.env.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)),
                  )
                }
                aria-invalid={!!errors[`env.${i}`]}
              />
              <input
                aria-label={`Value of variable ${i + 1}`}
                value={row.value}
                type={row.secret ? 'password' : 'text'}
                onChange={(e) =>
                  set(
                    'env',
                    form.env.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)),
                  )
                }
              />
              <label className="check">
                <input
                  type="checkbox"
                  checked={row.secret}
                  onChange={(e) =>
                    set(
                      'env',
                      form.env.map((r, j) => (j === i ? { ...r, secret: e.target.checked } : r)),
                    )
                  }
                />{' '}
                secret
              </label>
              <button
                type="button"
                className="ghost small"
                onClick={() =>
                  set(
                    'env',
                    form.env.filter((_, j) => j !== i),
                  )
                }
                aria-label={`Remove variable ${i + 1}`}
              >
                Remove
              </button>
              {errors[`env.${i}`] && <p className="error">{errors[`env.${i}`]}</p>}
            </div>
          ))}
          <button type="button" className="small" onClick={() => set('env', [...form.env, { key: '', value: '', secret: false }])}>
            Add variable
          </button>
        </fieldset>
        <ErrorBox message={errorMessage(result.error)} />
        <div className="actions">
          <a className="button" href="#/">
            Cancel
          </a>
          <button type="submit" className="primary" disabled={result.fetching}>
            {result.fetching ? 'Creating…' : 'Create app'}
          </button>
        </div>
      </form>
    </section>
  );
}
