// `--ca-file`: one more trusted CA for this call, on top of the system's and
// NODE_EXTRA_CA_CERTS (passing `ca` to TLS replaces the defaults, so they are listed too).
// fs.promises loads on first use; importing node:fs/promises would load it on every start.
import { promises as fsp } from 'node:fs';
import { UsageError } from '../errors.js';

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate fcinvoke should trust with `--ca-file PATH` given. */
export async function loadTrustedCas(caFile: string, env: Readonly<Record<string, string | undefined>>): Promise<string[]> {
  let text: string;
  try {
    text = await fsp.readFile(caFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read --ca-file ${caFile}: ${code === 'ENOENT' ? 'no such file' : code ?? 'error'}`, { code: 'InvalidCaFile' });
  }
  const certs = text.match(PEM_CERT);
  if (!certs) throw new UsageError(`--ca-file ${caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`, { code: 'InvalidCaFile' });
  const extra = env.NODE_EXTRA_CA_CERTS ? ((await fsp.readFile(env.NODE_EXTRA_CA_CERTS, 'utf8').catch(() => '')).match(PEM_CERT) ?? []) : [];
  // Imported here, not at the top: node:tls would cost every run a few ms at start-up.
  const { rootCertificates } = await import('node:tls');
  return [...rootCertificates, ...extra, ...certs];
}
