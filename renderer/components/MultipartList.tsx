import type { MultipartPart } from '../../src/model/exchange';
import { formatBytes } from '../lib/format';
import { HeaderList } from './HeaderList';

export function MultipartList({ parts }: { parts: readonly MultipartPart[] }) {
  if (parts.length === 0) return <p className="muted pad">No parts.</p>;
  return (
    <div className="scroll-pane multipart-list">
      {parts.map((part, i) => (
        <section key={i} className="card" data-testid="multipart-part">
          <header className="card-head">
            <span className="card-title">
              Part {i + 1}
              {part.name !== null ? <code className="mono"> name="{part.name}"</code> : null}
              {part.filename !== null ? <code className="mono"> filename="{part.filename}"</code> : null}
            </span>
            <span className="muted num">{formatBytes(part.size)}</span>
          </header>
          <HeaderList headers={part.headers} />
          {part.text !== null ? (
            <pre className="part-text mono">{part.text}</pre>
          ) : (
            <p className="muted">Binary or large part ({formatBytes(part.size)}): see the hex view of the whole body.</p>
          )}
        </section>
      ))}
    </div>
  );
}
