/** Without a token every API call would fail: explain how to get in instead. */
export function TokenMissing({ rejected }: { rejected: boolean }) {
  return (
    <main className="token-missing" data-testid="token-missing">
      <h1>Postback Inspector</h1>
      {rejected ? (
        <p>
          <strong>The access token was rejected.</strong> The inspector was probably restarted: each launch creates a new
          token.
        </p>
      ) : (
        <p>
          <strong>This page needs its access token.</strong> The control API only answers requests that carry the token
          created when the inspector started.
        </p>
      )}
      <p>
        Open the address that <code>postback-inspector serve</code> printed on its <code>UI</code> line, including the{' '}
        <code>#token=…</code> at its end. With <code>--json</code> it is the <code>controlUrl</code> plus{' '}
        <code>/#token=</code> and the <code>token</code> field. The desktop app passes the token for you.
      </p>
    </main>
  );
}
