// STATIC apps: publish a ZIP of an already-built site. The browser POSTs it straight to object
// storage with a pre-signed form (whose policy makes the storage refuse an oversized archive),
// then asks for the deployment (trigger UPLOAD).
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { CreateUploadMutation, DeployUploadMutation } from '../api/operations';
import { ErrorBox } from '../ui/Feedback';

export function UploadSite({ appId, onDeployed }: { appId: string; onDeployed: (deploymentId: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, createUpload] = useMutation(CreateUploadMutation);
  const [, deployUpload] = useMutation(DeployUploadMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const u = await createUpload({ appId });
      if (!u.data) return setProblem(errorMessage(u.error));
      if (file.size > u.data.createUpload.maxBytes)
        return setProblem(`The archive is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${Math.round(u.data.createUpload.maxBytes / 1048576)} MB.`);
      const form = new FormData();
      // the signed fields first, unchanged; S3 reads the file only after them
      for (const f of u.data.createUpload.fields) form.append(f.name, f.value);
      form.append('file', file);
      const sent = await fetch(u.data.createUpload.url, { method: 'POST', body: form }).catch(() => null);
      if (!sent?.ok) return setProblem(`The upload failed${sent ? ` (HTTP ${sent.status})` : ''}; try again.`);
      const d = await deployUpload({ appId, uploadId: u.data.createUpload.id });
      if (!d.data) return setProblem(errorMessage(d.error));
      setFile(null);
      onDeployed(d.data.deployUpload.id);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card inline-form" onSubmit={submit}>
      <label htmlFor="site-zip">ZIP of the built site (index.html at its root)</label>
      <input id="site-zip" type="file" accept=".zip,application/zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <button type="submit" className="primary" disabled={!file || busy}>
        {busy ? 'Uploading…' : 'Upload and deploy'}
      </button>
      <ErrorBox message={problem} />
    </form>
  );
}
