import { useState } from 'react';
import { useStore } from 'zustand';
import type { ProfileInput, SecretEncodingName, SecretKind } from '../../../src/model/profile';
import { exactTime } from '../../lib/format';
import { editSecret, profilesStore, useSchemes, type EditorKey, type SecretDraft } from '../../store/profiles';
import { FormRow, SelectInput, TextInput, fieldDomId, useFieldError } from '../endpoints/fields';
import { SchemeOptions, signsUrl, usesPublicKey } from '../signature/SchemeOptions';
import { SchemePicker, SchemeSources } from '../signature/SchemePicker';
import type { ProfileEdit } from './ProfileEditor';

export const ENCODINGS = [['utf8', 'UTF-8 text'], ['hex', 'hex'], ['base64', 'base64']] as const;
export const KINDS = [['shared', 'shared secret'], ['public-key', 'public key'], ['private-key', 'private key (to sign)']] as const;

/** The profile's signature: scheme, its options, the URL as signed, and the write-only secret. */
export function ProfileSignatureTab({ editorKey, value, edit }: { editorKey: EditorKey; value: ProfileInput; edit: ProfileEdit }) {
  const { schemes, error } = useSchemes();
  const sig = value.signature ?? null;
  const scheme = sig ? (schemes?.find((s) => s.id === sig.scheme) ?? null) : null;
  return (
    <div className="plain-tab settings-tab" data-testid="profile-signature-tab">
      <FormRow label="Scheme" htmlFor={fieldDomId('signature.scheme')} hint={sig ? null : 'No scheme: postbacks are checked for their params only.'}>
        {schemes ? (
          <SchemePicker
            schemes={schemes}
            value={sig?.scheme ?? ''}
            field="signature.scheme"
            noneLabel="No signature check"
            testId="profile-scheme"
            onChange={(id) =>
              edit((v) => {
                v.signature = id ? { scheme: id, options: {}, ...(v.signature?.signedUrl ? { signedUrl: v.signature.signedUrl } : {}) } : null;
              }, 'signature')
            }
          />
        ) : error ? (
          <span className="text-error small" role="alert">
            ✕ Could not load the schemes: {error}
          </span>
        ) : (
          <span className="skeleton-bar" style={{ width: 220 }} />
        )}
        {scheme ? <SchemeSources scheme={scheme} /> : null}
      </FormRow>
      {sig && scheme ? (
        <div className="options-box" data-field-container="signature">
          <SchemeOptions
            scheme={scheme}
            options={sig.options ?? {}}
            field="signature.options"
            onChange={(next, touched) => edit((v) => void (v.signature = { ...v.signature!, options: next }), touched)}
          />
          {signsUrl(scheme, sig.options ?? {}) ? (
            <FormRow
              label="URL as signed"
              htmlFor={fieldDomId('signature.signedUrl')}
              hint="The scheme signs the URL: when a proxy or tunnel sits in front of the inspector, give the scheme and host the sender signed (https://partner-facing.example)."
            >
              <TextInput
                field="signature.signedUrl"
                label="URL as the sender signs it"
                value={sig.signedUrl ?? ''}
                mono
                placeholder="https://partner-facing.example"
                onChange={(t) =>
                  edit((v) => {
                    const next = { ...v.signature! };
                    if (t) next.signedUrl = t;
                    else delete next.signedUrl;
                    v.signature = next;
                  }, 'signature.signedUrl')
                }
              />
            </FormRow>
          ) : null}
        </div>
      ) : null}
      <SecretField editorKey={editorKey} schemeId={sig?.scheme ?? null} />
    </div>
  );
}

/** Write-only: the stored secret shows as its mask; a new one is typed, sent once on save, and never shown again. */
function SecretField({ editorKey, schemeId }: { editorKey: EditorKey; schemeId: string | null }) {
  const stored = useStore(profilesStore, (s) => (editorKey === 'new' ? null : (s.items.find((p) => p.id === editorKey)?.secret ?? null)));
  const pending = useStore(profilesStore, (s) => s.drafts[String(editorKey)]?.secret ?? null);
  const error = useFieldError('secret', ['secret.secret']);
  const kindError = useFieldError('kind');
  const encodingError = useFieldError('encoding');
  const [reveal, setReveal] = useState(false);
  const apple = usesPublicKey(schemeId);
  const set = (patch: Partial<Extract<SecretDraft, { op: 'set' }>>) =>
    editSecret(editorKey, { op: 'set', secret: '', encoding: 'utf8', kind: apple ? 'public-key' : 'shared', ...(pending?.op === 'set' ? pending : {}), ...patch });

  return (
    <FormRow
      label="Secret"
      htmlFor="profile-secret-input"
      hint={
        apple
          ? 'Apple’s published keys are built in: no secret needed. Store a public key only to verify against your own test key.'
          : schemeId
            ? 'Stored apart from the profile; the API only ever answers with a mask. Never in exports, logs or screenshots.'
            : 'Used once a signature scheme is chosen.'
      }
    >
      <div className="secret-box" data-testid="profile-secret" data-field-container="secret">
        <div className="secret-line">
          {stored ? (
            <>
              <code className="secret-mask mono" data-testid="secret-mask" title="The stored secret, masked">
                {stored.masked}
              </code>
              <span className="muted small">
                {stored.kind === 'shared' ? stored.encoding : stored.kind} · set {exactTime(stored.updatedAt).slice(0, 16)}
              </span>
            </>
          ) : (
            <span className={`small ${schemeId && !apple ? 'text-warn' : 'muted'}`} data-testid="secret-none">
              {schemeId && !apple ? '⚠ No secret stored: signatures cannot be verified yet.' : 'No secret stored.'}
            </span>
          )}
          <span className="spacer" />
          {pending === null ? (
            <>
              <button type="button" className="btn btn-small" onClick={() => set({})} data-testid="secret-set">
                {stored ? 'Replace' : 'Set secret'}
              </button>
              {stored ? (
                <button type="button" className="btn btn-small" onClick={() => editSecret(editorKey, { op: 'remove' })} data-testid="secret-remove">
                  Remove
                </button>
              ) : null}
            </>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => editSecret(editorKey, null)} data-testid="secret-cancel">
              {pending.op === 'remove' ? 'Keep it' : 'Cancel'}
            </button>
          )}
        </div>
        {pending?.op === 'remove' ? (
          <p className="small text-warn" role="status">
            ⚠ The stored secret is removed when you save.
          </p>
        ) : null}
        {pending?.op === 'set' ? (
          <div className="secret-edit">
            <span className="field grow">
              <span className="secret-input-wrap">
                {pending.kind === 'shared' ? (
                  <input
                    id="profile-secret-input"
                    type={reveal ? 'text' : 'password'}
                    className={`mono ${error ? 'is-invalid' : ''}`}
                    value={pending.secret}
                    autoComplete="off"
                    spellCheck={false}
                    data-field="secret"
                    data-testid="secret-input"
                    aria-label="New secret (write-only)"
                    aria-invalid={error ? true : undefined}
                    placeholder="Paste the partner's secret"
                    onChange={(e) => set({ secret: e.target.value })}
                  />
                ) : (
                  <textarea
                    id="profile-secret-input"
                    className={`mono ${error ? 'is-invalid' : ''}`}
                    rows={4}
                    value={pending.secret}
                    spellCheck={false}
                    data-field="secret"
                    data-testid="secret-input"
                    aria-label={pending.kind === 'public-key' ? 'Public key (PEM, JWK, base64 DER or whpk_…)' : 'Private key (PEM, JWK or whsk_…)'}
                    aria-invalid={error ? true : undefined}
                    placeholder={pending.kind === 'public-key' ? '-----BEGIN PUBLIC KEY-----' : '-----BEGIN PRIVATE KEY-----'}
                    onChange={(e) => set({ secret: e.target.value })}
                  />
                )}
                {pending.kind === 'shared' ? (
                  <button type="button" className="btn btn-small btn-quiet" onClick={() => setReveal((r) => !r)} aria-pressed={reveal} title="Show what you are typing">
                    {reveal ? 'Hide' : 'Show'}
                  </button>
                ) : null}
              </span>
              {error ? (
                <span className="field-error" data-testid="field-error" data-field-error="secret" role="alert">
                  ✕ {error}
                </span>
              ) : null}
            </span>
            <SelectInput<SecretKind> field="kind" label="Kind of key" value={pending.kind} options={KINDS} onChange={(kind) => set({ kind })} />
            {pending.kind === 'shared' ? (
              <SelectInput<SecretEncodingName> field="encoding" label="How the secret text becomes key bytes" value={pending.encoding} options={ENCODINGS} testId="secret-encoding" onChange={(encoding) => set({ encoding })} />
            ) : null}
            {kindError || encodingError ? <span className="field-error">✕ {kindError ?? encodingError}</span> : null}
            <p className="small muted secret-note">Saved with the profile (Save / Ctrl+S). After that it shows only as a mask.</p>
          </div>
        ) : null}
      </div>
    </FormRow>
  );
}
