/** A one-line error beside the control that caused it (toolbars, forms); nothing when there is none. */
export function ErrorNote({ error, testId }: { error: string | null | undefined; testId?: string }) {
  if (!error) return null;
  return (
    <span className="text-error small" role="alert" data-testid={testId}>
      ✕ {error}
    </span>
  );
}
