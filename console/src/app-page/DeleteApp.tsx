import { useState } from 'react';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { DeleteAppMutation } from '../api/operations';
import { navigate } from '../app/router';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorBox } from '../ui/Feedback';

export function DeleteApp({ appId, name }: { appId: string; name: string }) {
  const [typed, setTyped] = useState('');
  const [result, remove] = useMutation(DeleteAppMutation);
  return (
    <section className="card danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete app</h2>
      <p className="muted">Stops its deployments and removes its containers, images, files, route and history.</p>
      <ConfirmButton
        label="Delete app"
        title={`Delete ${name}?`}
        confirmLabel="Delete for good"
        danger
        confirmDisabled={typed !== name}
        onConfirm={async () => {
          const r = await remove({ id: appId });
          if (!r.error) navigate({ name: 'apps' });
        }}
      >
        <p>This cannot be undone. Type the app's name to confirm.</p>
        <label htmlFor="confirm-name">App name</label>
        <input id="confirm-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      </ConfirmButton>
      <ErrorBox message={errorMessage(result.error)} />
    </section>
  );
}
