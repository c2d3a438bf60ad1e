import { useEffect, useRef } from 'react';
import { setOverlay } from '../../store/ui';
import { VIEWS } from './views';

const KEYS: Array<[string[], string]> = [
  [['↑', '↓'], 'Move the selection'],
  [['j', 'k'], 'Move the selection'],
  [['Enter'], 'Open the selected postback'],
  [['/'], 'Search'],
  [['c'], 'Copy the open postback as cURL'],
  [['r'], 'Replay the open postback'],
  [['Shift', '↑/↓'], 'Pick a second postback to compare'],
  [['d'], 'Compare the two picked postbacks'],
  [['b'], 'Pin the open postback as its endpoint’s baseline'],
  [['n', 'p'], 'Next / previous difference (Diff view)'],
  [['?'], 'Show or hide this list'],
  [['Esc'], 'Close overlays, leave a text field'],
  [['1', '…', String(Math.max(...VIEWS.map((v) => Number(v.shortcut))))], `Go to ${VIEWS.map((v) => v.label).join(', ')}`],
];

export function ShortcutsOverlay() {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && setOverlay(null)}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table className="shortcut-table">
          <tbody>
            {KEYS.map(([keys, what]) => (
              <tr key={keys.join('') + what}>
                <td>
                  {keys.map((k) => (k === '…' ? ' … ' : <kbd key={k}>{k}</kbd>))}
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="dialog-actions">
          <button type="button" className="btn" ref={closeRef} onClick={() => setOverlay(null)}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
