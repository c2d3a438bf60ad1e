import type { SendPreview, SendProblem } from '../model/sender.js';
import { maskDeep, noMask, secretMask, type SecretMask } from '../profiles/secret-mask.js';
import type { SenderEnvironment } from './sender-types.js';

/**
 * An environment's secret values as the previews and refusals show them: masked the way profile
 * secrets are (`••••1a2b`), in every spelling a URL, header or JSON body gives them. The request
 * itself is sent, and recorded, with the value.
 */
export function environmentMask(environment: SenderEnvironment | null): SecretMask {
  if (!environment || environment.secrets.length === 0) return noMask;
  return secretMask(environment.secrets.map((text) => ({ text, bytes: null })));
}

export function maskPreview(preview: SendPreview, mask: SecretMask): SendPreview {
  return mask === noMask ? preview : maskDeep(preview, mask);
}

export function maskProblems(problems: SendProblem[], mask: SecretMask): SendProblem[] {
  return mask === noMask ? problems : maskDeep(problems, mask);
}
