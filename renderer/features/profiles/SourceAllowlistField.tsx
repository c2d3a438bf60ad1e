import { useContext, useEffect, useState } from 'react';
import type { ProfileInput } from '../../../src/model/profile';
import { parseCidr } from '../../../src/shared/ip-cidr';
import { FieldErrorsContext, FormRow, TextArea, fieldDomId } from '../endpoints/fields';
import type { ProfileEdit } from './ProfileEditor';

const toLines = (text: string) => text.split(/[\n,]+/).map((s) => s.trim()).filter(Boolean);

/**
 * The partner's documented source ranges, one a line. Each line is checked as typed (the same
 * parser as the server); the server's errors name an index, listed here by line (not under the
 * textarea too, which would show only the first).
 */
export function SourceAllowlistField({ value, edit }: { value: ProfileInput; edit: ProfileEdit }) {
  const ranges = value.allowedSources ?? [];
  const [text, setText] = useState(ranges.join('\n'));
  useEffect(() => {
    if (toLines(text).join('\n') !== ranges.join('\n')) setText(ranges.join('\n'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ranges.join('\n')]);
  const serverErrors = useContext(FieldErrorsContext);
  const problems = ranges.flatMap((range, i) => {
    const server = serverErrors.get(`allowedSources[${i}]`);
    const local = parseCidr(range);
    const message = server ?? (local.ok ? null : local.message);
    return message ? [`${i + 1}: ${message}`] : [];
  });
  return (
    <FormRow
      label="Allowed sources"
      htmlFor={fieldDomId('allowedSources')}
      hint="The partner's documented source ranges (IPv4/IPv6 CIDRs or single addresses), one a line. A capture from elsewhere fails its checks; through a tunnel on this machine, the client it names is judged. Empty: no source check."
    >
      <TextArea
        field="allowedSources"
        label="Allowed source ranges, one a line"
        value={text}
        rows={Math.min(8, Math.max(2, ranges.length + 1))}
        mono
        placeholder={'52.0.0.0/16\n2600:1f18::/32'}
        testId="profile-allowed-sources"
        onChange={(t) => {
          setText(t);
          const next = toLines(t);
          edit((v) => void (next.length ? (v.allowedSources = next) : delete v.allowedSources), 'allowedSources');
        }}
      />
      {problems.length ? (
        <ul className="field-error small" data-testid="allowed-sources-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>✕ {p}</li>
          ))}
        </ul>
      ) : null}
    </FormRow>
  );
}
