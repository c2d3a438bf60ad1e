/**
 * `postback-inspector ca [--data <dir>] [--install [--yes]]`: where the data folder's local CA is
 * and its fingerprint, and how to trust it. Trusting a root is never done silently: the steps are
 * printed, and the one automatable case (Debian/Ubuntu, already root) runs only with --yes.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import type { Command } from 'commander';
import { defaultDataDir } from '../config.js';
import { ensureCa } from '../tls/ca.js';
import { debianAnchor, trustSteps } from '../tls/trust-steps.js';

interface CaOptions {
  data?: string;
  install?: boolean;
  yes?: boolean;
}

export function registerCaCommand(program: Command): Command {
  return program
    .command('ca')
    .description("Show the data folder's local CA (made on first use) for the HTTPS receiver, and how to trust it")
    .option('--data <dir>', 'data folder (default: the per-user app data folder, or $POSTBACK_INSPECTOR_DATA)')
    .option('--install', 'print the exact steps that make this OS and Firefox trust the CA')
    .option('--yes', 'with --install on Debian/Ubuntu as root: run the step instead of printing it')
    .action((options: CaOptions) => runCa(options));
}

function runCa(options: CaOptions): void {
  const ca = ensureCa(options.data ?? defaultDataDir());
  const out = (text: string): void => void process.stdout.write(text);
  out([`CA certificate  ${ca.certFile}`, `SHA-256         ${ca.fingerprint}`, `Valid until     ${new X509Certificate(ca.certPem).validTo}`, ''].join('\n'));
  if (!options.install) return;
  out('\n' + trustSteps(ca.certFile, ca.fingerprint, process.platform));
  if (!options.yes) return;
  const why = cannotAutomate();
  if (why) {
    out(`\nNot run automatically: ${why}. Run the steps above yourself.\n`);
    return;
  }
  copyFileSync(ca.certFile, debianAnchor);
  const update = spawnSync('update-ca-certificates', [], { encoding: 'utf8' });
  out(`\nCopied the CA to ${debianAnchor} and ran update-ca-certificates (exit ${update.status}).\n${update.stdout ?? ''}`);
  if (update.status !== 0) {
    process.stderr.write(update.stderr ?? '');
    process.exitCode = 1;
  }
}

/** Only the Debian/Ubuntu step can run without a password prompt or a GUI, and only as root. */
function cannotAutomate(): string | null {
  if (process.platform !== 'linux') return 'only the Debian/Ubuntu step can be automated';
  if (process.getuid?.() !== 0) return 'not running as root';
  if (!existsSync('/usr/local/share/ca-certificates') || !hasCommand('update-ca-certificates')) return 'update-ca-certificates is not installed (not Debian/Ubuntu?)';
  return null;
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}
