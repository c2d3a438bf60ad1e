import type { BodyDiff as Body } from '../../../src/diff/types';
import type { DiffMode } from '../../store/diff';
import { ParamsDiff } from './ParamsDiff';
import { JsonEntries } from './JsonDiff';
import { TextDiff } from './TextDiff';
import { BinaryDiff } from './BinaryDiff';

const KIND_LABEL: Record<string, string> = { empty: 'empty', json: 'JSON', form: 'form', text: 'text', binary: 'binary' };

export function bodyKinds(body: Body): string {
  const l = KIND_LABEL[body.leftKind] ?? body.leftKind;
  const r = KIND_LABEL[body.rightKind] ?? body.rightKind;
  return l === r ? l : `${l} vs ${r}`;
}

export function BodyDiff({ body, mode, showUnchanged }: { body: Body; mode: DiffMode; showUnchanged: boolean }) {
  return (
    <div className="d-body" data-testid="body-diff" data-kind={body.kind}>
      {body.notes.map((n, i) => (
        <div key={i} className="notice" role="note">
          {n}
        </div>
      ))}
      {body.ignored ? (
        <p className="muted d-none">
          The whole body is ignored by the rule <code>body</code>
          {body.bytesEqual ? ' (the bytes are identical anyway).' : ': it differs, and that is not counted.'}
        </p>
      ) : body.kind === 'empty' ? (
        <p className="muted d-none">{body.leftKind === 'empty' && body.rightKind === 'empty' ? 'Both bodies are empty.' : 'No body to compare.'}</p>
      ) : body.kind === 'json' ? (
        body.entries.length ? (
          <JsonEntries entries={body.entries} mode={mode} />
        ) : (
          <p className="muted d-none">{body.bytesEqual ? 'Byte-identical JSON.' : 'Same JSON structure and values (the bytes differ only in whitespace).'}</p>
        )
      ) : body.kind === 'form' ? (
        <ParamsDiff entries={body.entries} mode={mode} what="form" />
      ) : body.kind === 'text' ? (
        <TextDiff hunks={body.hunks} mode={mode} showUnchanged={showUnchanged} />
      ) : (
        <BinaryDiff left={body.left} right={body.right} first={body.firstDifference} bytesEqual={body.bytesEqual} />
      )}
    </div>
  );
}
