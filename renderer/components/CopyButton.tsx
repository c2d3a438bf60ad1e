import { useEffect, useRef, useState } from 'react';
import { copyText } from '../lib/clipboard';
import { Icon } from './Icon';

interface Props {
  /** The text, or a function producing it (built only when clicked). */
  text: string | (() => string);
  label?: string;
  title?: string;
  className?: string;
  testId?: string;
  onCopied?: () => void;
}

export function CopyButton({ text, label, title, className = '', testId, onCopied }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onClick = async () => {
    try {
      await copyText(typeof text === 'function' ? text() : text);
      setState('copied');
      onCopied?.();
    } catch {
      setState('failed');
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 1500);
  };

  const shown = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label;
  return (
    <button
      type="button"
      className={`btn ${label ? '' : 'btn-icon'} ${state === 'copied' ? 'is-done' : ''} ${className}`}
      onClick={() => void onClick()}
      title={title ?? (label ? undefined : 'Copy')}
      aria-label={label ? undefined : (title ?? 'Copy')}
      data-testid={testId}
    >
      <Icon name={state === 'copied' ? 'check' : 'copy'} size={14} />
      {shown ? <span aria-live="polite">{shown}</span> : null}
    </button>
  );
}
