/**
 * Validates the GitHub Actions workflows: `npm run lint:workflows`.
 *
 * Runs action-validator's CLI (`@action-validator/cli`, the Rust validator compiled to WebAssembly
 * in `@action-validator/core`: no download, no network) on every file in .github/workflows/: the
 * YAML must parse and match GitHub's workflow schema, and every `needs` must name a job. Fails when
 * a file is invalid or when there is no workflow at all. A deliberately broken workflow in a temp
 * folder must fail too, so a validator that checks nothing cannot pass.
 *
 * Exit code 0 only if every workflow is valid and the broken one is refused.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');
const require = createRequire(import.meta.url);
const CLI_PKG = '@action-validator/cli';
const cliDir = path.dirname(require.resolve(`${CLI_PKG}/package.json`));
const CLI = path.join(cliDir, require(`${CLI_PKG}/package.json`).bin['action-validator']);

/** The CLI takes one file and exits non-zero, printing the errors as JSON, when it is invalid. */
function validate(file) {
	const started = Date.now();
	const res = spawnSync(process.execPath, [CLI, file], { encoding: 'utf8' });
	return {
		ok: res.status === 0,
		output: `${res.stdout}${res.stderr}`.trim() || (res.error?.message ?? ''),
		ms: Date.now() - started,
	};
}

const started = Date.now();
const version = require(`${CLI_PKG}/package.json`).version;
console.log(`GitHub workflows: ${CLI_PKG} ${version}`);

const files = fs.existsSync(WORKFLOWS)
	? fs
			.readdirSync(WORKFLOWS)
			.filter((f) => /\.ya?ml$/.test(f))
			.sort()
	: [];
let ok = files.length > 0;
if (!files.length) console.log(`FAIL  no workflow in ${path.relative(ROOT, WORKFLOWS)}/`);
for (const name of files) {
	const result = validate(path.join(WORKFLOWS, name));
	ok &&= result.ok;
	console.log(`${result.ok ? 'PASS' : 'FAIL'}  .github/workflows/${name} (${result.ms} ms)`);
	if (!result.ok) console.log(result.output.replace(/^/gm, '        '));
}

// Self-test: a misspelt key (`step:` for `steps:`) and a `needs` naming no job must be refused.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leadlex-workflows-'));
try {
	const broken = path.join(tmp, 'broken.yml');
	fs.writeFileSync(
		broken,
		[
			'on: pull_request',
			'jobs:',
			'  check:',
			'    needs: build',
			'    runs-on: ubuntu-latest',
			'    step:',
			'      - run: npm test',
			'',
		].join('\n'),
	);
	const result = validate(broken);
	const refused = !result.ok && /unresolved_job/.test(result.output) && /step/.test(result.output);
	ok &&= refused;
	console.log(
		`${refused ? 'PASS' : 'FAIL'}  self-test: a broken workflow is refused (${result.ms} ms)`,
	);
	if (!refused) console.log(`        expected errors, got: ${result.output || 'none'}`);
} finally {
	fs.rmSync(tmp, { recursive: true, force: true });
}

console.log(
	`${ok ? 'Workflows valid' : 'Workflows INVALID'} (${files.length} checked) in ${Date.now() - started} ms.`,
);
process.exit(ok ? 0 : 1);
