import { useEndpointName } from '../store/endpoints';
import '../styles/endpoints.css';

/** Which mock endpoint answered a capture: its name, or its id once it is gone. */
export function EndpointBadge({ id }: { id: number | null }) {
  const name = useEndpointName(id);
  if (id === null) return null;
  return (
    <span
      className="badge badge-endpoint"
      title={name ? `Answered by the mock endpoint “${name}”` : `Answered by mock endpoint #${id} (since deleted)`}
      data-testid="endpoint-badge"
      data-endpoint-id={id}
    >
      <span className="badge-endpoint-text">{name ?? `#${id}`}</span>
    </span>
  );
}
