/** The sender module's public face: the factory, its types, and the pure helpers the API/CLI/UI reuse. */
export { createSender } from './sender.js';
export { resolveSenderConfig } from './sender-config.js';
export { SenderInputError, SendRefusedError, terminalStates } from './sender-types.js';
export type { BulkInput, BulkRun, ReplayInput, Sender, SenderConfig, SenderDeps, SendInput, WaitFor } from './sender-types.js';
export type { SenderEventMap } from './sender-events.js';
export { parseTemplateSpec } from './template-spec.js';
export { importCurl, type CurlImport } from './curl-import.js';
export { macroDialects, guessDialect } from './dialects.js';
export { retryPresetNames, describePolicy, validatePolicy } from './retry-policy.js';
