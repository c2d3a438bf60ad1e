import { useContext } from 'react';
import type { ProfileInput } from '../../../src/model/profile';
import { parseCidr } from '../../../src/shared/ip-cidr';
import { FieldErrorsContext, FormRow, fieldDomId } from '../endpoints/fields';
import { ParsedTextArea } from './ParsedTextArea';
import type { ProfileEdit } from './ProfileEditor';

const toLines = (text: string) => text.split(/[\n,]+/).map((s) => s.trim()).filter(Boolean);

/**
 * The partner's documented source ranges, one a line. Each line is checked as typed (the same
 * parser as the server); the server's errors name an index, listed here by line (not under the
 * textarea too, which would show only the first).
 */
export function SourceAllowlistField({ value, edit }: { value: ProfileInput; edit: ProfileEdit }) {
  const ranges = value.allowedSources ?? [];
  const serverErrors = useContext(FieldErrorsContext);
  const parse = (text: string) => {
    const lines = toLines(text);
    const problems = lines.flatMap((range, i) => {
      const local = parseCidr(range);
      const message = serverErrors.get(`allowedSources[${i}]`) ?? (local.ok ? null : local.message);
      return message ? [`${i + 1}: ${message}`] : [];
    });
    return { value: lines, problems };
  };
  return (
    <FormRow
      label="Allowed sources"
      htmlFor={fieldDomId('allowedSources')}
      hint="The partner's documented source ranges (IPv4/IPv6 CIDRs or single addresses), one a line. A capture from elsewhere fails its checks; through a tunnel on this machine, the client it names is judged. Empty: no source check."
    >
      <ParsedTextArea
        field="allowedSources"
        label="Allowed source ranges, one a line"
        initial={ranges.join('\n')}
        parse={parse}
        rows={Math.min(8, Math.max(2, ranges.length + 1))}
        placeholder={'52.0.0.0/16\n2600:1f18::/32'}
        testId="profile-allowed-sources"
        problemsTestId="allowed-sources-problems"
        onValue={(next) => edit((v) => void (next.length ? (v.allowedSources = next) : delete v.allowedSources), 'allowedSources')}
      />
    </FormRow>
  );
}
