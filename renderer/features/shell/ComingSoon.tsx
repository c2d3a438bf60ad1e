import { Icon } from '../../components/Icon';
import type { ViewDef } from './views';

export function ComingSoon({ view }: { view: ViewDef }) {
  return (
    <div className="coming-soon" data-testid="coming-soon">
      <Icon name={view.icon} size={32} />
      <h2>{view.label}</h2>
      <p>{view.purpose}</p>
      <p className="muted">Not built yet. The Inbox (press 1) works today.</p>
    </div>
  );
}
