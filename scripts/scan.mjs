/**
 * n8n's verification scan, offline, on this checkout: `npm run scan` (builds first), or
 *
 *   node scripts/scan.mjs [--no-self-test] [--list]
 *
 * n8n verifies a community package with `@n8n/scan-community-package`: after checking npm
 * provenance it downloads the attested source and the published tarball and lints both with
 * `analyzePackage` (disable comments ignored). This script runs that same `analyzePackage`, from the
 * pinned devDependency, on the two things it would see, without the network:
 *
 *   source   this checkout, with the scanner's SOURCE_FILE_PATTERNS
 *   tarball  `npm pack` of this checkout, unpacked, with the patterns the scanner uses for the
 *            published package (`**\/*.js`, `package.json`)
 *
 * It prints each leg's result and the number of files ESLint really linted, and fails on a violation
 * or on a leg that linted no file (the scanner reports an empty glob as a pass). It also fails on a
 * source map in the tarball whose sources are not in the tarball.
 *
 * Then a self-test proves each leg can fail: scratch copies get `console.log` (under an
 * `eslint-disable` comment, which the scanner must ignore) in the main node's source and in its
 * compiled `.js`, and an empty directory must fail for linting nothing. `--no-self-test` skips it.
 * `--list` prints every linted file.
 *
 * Everything temporary lives in one folder under the OS temp dir, removed on exit.
 *
 * Exit code 0 only if every leg and every self-test case passed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const SCANNER_PKG = '@n8n/scan-community-package';
const SCANNER_FILE = path.join(
	path.dirname(require.resolve(`${SCANNER_PKG}/package.json`)),
	'scanner',
	'scanner.mjs',
);
/** scanner.mjs, analyzePackageByName: `analyzePackage(packageDir, ['**\/*.js', 'package.json'])`. */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const args = process.argv.slice(2);
const selfTest = !args.includes('--no-self-test');
const listFiles = args.includes('--list');
for (const arg of args) {
	if (arg !== '--no-self-test' && arg !== '--list') {
		console.error(`Unknown option ${arg}. Usage: node scripts/scan.mjs [--no-self-test] [--list]`);
		process.exit(2);
	}
}

// One folder for everything temporary, the scanner's own temp dir included (it creates one with
// `tmp` when it is imported and leaves it behind): TMPDIR is set before the import.
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'leadlex-scan-'));
process.env.TMPDIR = WORK;
const removeWork = () => fs.rmSync(WORK, { recursive: true, force: true });
process.on('exit', removeWork);
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => process.exit(130));
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const rel = (file, base) => path.relative(base, file) || file;

/**
 * The scanner's analyzePackage returns passed/message/details only. To know how many files it
 * linted, ESLint.prototype.lintFiles (the very module the scanner imports: eslint resolves to the
 * same CommonJS file for both) records every result.
 */
function recordLintedFiles() {
	const { ESLint } = createRequire(SCANNER_FILE)('eslint');
	const original = ESLint.prototype.lintFiles;
	const state = { results: [] };
	ESLint.prototype.lintFiles = async function (...lintArgs) {
		const results = await original.apply(this, lintArgs);
		state.results.push(...results);
		return results;
	};
	return state;
}

/** A file ESLint was given but skipped reports a single "File ignored ..." warning. */
const isIgnored = (result) =>
	result.messages.length === 1 && /^File ignored\b/.test(result.messages[0].message ?? '');

/** Checks the scanner still lints the two legs the way this script assumes. */
function checkScannerAssumptions(scanner) {
	const source = fs.readFileSync(SCANNER_FILE, 'utf8');
	const problems = [];
	if (!Array.isArray(scanner.SOURCE_FILE_PATTERNS)) problems.push('SOURCE_FILE_PATTERNS is gone');
	if (!/analyzePackage\(sourceDir, SOURCE_FILE_PATTERNS\)/.test(source)) {
		problems.push('the source leg no longer calls analyzePackage(sourceDir, SOURCE_FILE_PATTERNS)');
	}
	if (!source.includes(`analyzePackage(packageDir, ['**/*.js', 'package.json'])`)) {
		problems.push(
			`the tarball leg no longer calls analyzePackage(packageDir, ${JSON.stringify(TARBALL_FILE_PATTERNS)})`,
		);
	}
	if (problems.length) {
		throw new Error(
			`${SCANNER_PKG} changed (${problems.join('; ')}): read ${rel(SCANNER_FILE, ROOT)} and update scripts/scan.mjs`,
		);
	}
}

/**
 * One leg: analyzePackage over `dir` with `patterns`. A pass needs the scanner's pass and at least
 * one linted file.
 */
async function runLeg(scanner, recorder, dir, patterns) {
	const started = Date.now();
	recorder.results = [];
	const result = await scanner.analyzePackage(dir, patterns);
	const linted = recorder.results.filter((r) => !isIgnored(r));
	const errors = linted.reduce((n, r) => n + r.errorCount, 0);
	const warnings = linted.reduce((n, r) => n + r.warningCount, 0);
	const passed = result.passed && linted.length > 0;
	let reason = result.message;
	if (result.passed && linted.length === 0) {
		reason = `no file linted (the scanner said: ${result.message ?? 'passed'})`;
	}
	return {
		passed,
		reason,
		details: result.details,
		files: linted.map((r) => r.filePath).sort(),
		errors,
		warnings,
		ms: Date.now() - started,
	};
}

function printLeg(name, dir, patterns, leg) {
	const counts = `${plural(leg.files.length, 'file')} linted, ${plural(leg.errors, 'error')}, ${plural(leg.warnings, 'warning')}`;
	console.log(
		`${leg.passed ? 'PASS' : 'FAIL'}  ${name.padEnd(7)} ${JSON.stringify(patterns)}: ${counts} (${seconds(leg.ms)})`,
	);
	if (listFiles) for (const file of leg.files) console.log(`        ${rel(file, dir)}`);
	if (!leg.passed) {
		console.log(`        ${leg.reason}`);
		// ESLint prints absolute paths: relative to the leg's folder, which is gone after the run.
		const details = leg.details?.split(`${dir}${path.sep}`).join('');
		if (details) console.log(details.replace(/^/gm, '        '));
	}
}

function run(cmd, cmdArgs, options) {
	const res = spawnSync(cmd, cmdArgs, { encoding: 'utf8', ...options });
	if (res.status !== 0) {
		throw new Error(
			`${cmd} ${cmdArgs.join(' ')} failed (${res.error?.message ?? `exit ${res.status}`}): ${res.stderr}`,
		);
	}
	return res.stdout;
}

/** `npm pack` of the checkout, unpacked the way the scanner unpacks a download. */
function packAndUnpack() {
	for (const main of [...(readJson(path.join(ROOT, 'package.json')).n8n?.nodes ?? [])]) {
		if (!fs.existsSync(path.join(ROOT, main))) {
			throw new Error(`${main} is missing: build first (npm run build; npm run scan does it)`);
		}
	}
	const packDir = path.join(WORK, 'pack');
	fs.mkdirSync(packDir);
	// The project's .npmrc sets ignore-scripts, so no prepack hook runs: dist/ is packed as built.
	const [info] = JSON.parse(
		run('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT }),
	);
	const packageDir = path.join(WORK, 'tarball');
	fs.mkdirSync(packageDir);
	run('tar', ['-xzf', path.join(packDir, info.filename), '-C', packageDir, '--strip-components=1']);
	return { packageDir, tarball: info.filename, fileCount: info.files.length };
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** Source maps must come with their sources, or not at all. */
function unshippedMapSources(packageDir) {
	const problems = [];
	const walk = (dir) =>
		fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
			const full = path.join(dir, entry.name);
			return entry.isDirectory() ? walk(full) : [full];
		});
	for (const map of walk(packageDir).filter((f) => f.endsWith('.map'))) {
		const { sources = [], sourceRoot = '' } = readJson(map);
		for (const source of sources) {
			const target = path.resolve(path.dirname(map), sourceRoot, source);
			if (!fs.existsSync(target)) problems.push(`${rel(map, packageDir)} → ${source}`);
		}
	}
	return problems;
}

/** The node's source file and compiled file, from package.json's n8n.nodes. */
function mainNodeFiles() {
	const [compiled] = readJson(path.join(ROOT, 'package.json')).n8n.nodes;
	const source = compiled.replace(/^dist\//, '').replace(/\.js$/, '.ts');
	return { compiled, source };
}

const COPY_SKIP = new Set(['node_modules', '.git', 'dist', '.artifacts', 'coverage']);
const INJECTED =
	'\n// eslint-disable-next-line no-console -- scan self-test: the scanner must ignore this comment\nconsole.log("scan self-test");\n';

async function runSelfTest(scanner, recorder, packageDir) {
	const { compiled, source } = mainNodeFiles();
	const cases = [];

	// Source leg: a scratch copy of the checkout (as the scanner downloads it: no node_modules, no
	// build output; rules such as icon-validation read other files of it), console.log in the node.
	const sourceCopy = path.join(WORK, 'self-test-source');
	fs.mkdirSync(sourceCopy);
	for (const entry of fs.readdirSync(ROOT)) {
		if (!COPY_SKIP.has(entry)) {
			fs.cpSync(path.join(ROOT, entry), path.join(sourceCopy, entry), { recursive: true });
		}
	}
	fs.appendFileSync(path.join(sourceCopy, source), INJECTED);
	cases.push({
		name: `source leg fails on console.log in ${source}`,
		leg: await runLeg(scanner, recorder, sourceCopy, scanner.SOURCE_FILE_PATTERNS),
		expectFile: path.join(sourceCopy, source),
	});

	// Tarball leg: a copy of the unpacked tarball, console.log in the compiled node.
	const tarballCopy = path.join(WORK, 'self-test-tarball');
	fs.cpSync(packageDir, tarballCopy, { recursive: true });
	const compiledFile = path.join(tarballCopy, compiled);
	fs.writeFileSync(
		compiledFile,
		`/* eslint-disable */\n${fs.readFileSync(compiledFile, 'utf8')}${INJECTED}`,
	);
	cases.push({
		name: `tarball leg fails on console.log in ${compiled}`,
		leg: await runLeg(scanner, recorder, tarballCopy, TARBALL_FILE_PATTERNS),
		expectFile: compiledFile,
	});

	// Zero files: the scanner passes an empty glob; this script must not.
	const empty = path.join(WORK, 'self-test-empty');
	fs.mkdirSync(empty);
	cases.push({
		name: 'a leg that lints no file fails',
		leg: await runLeg(scanner, recorder, empty, TARBALL_FILE_PATTERNS),
	});

	let ok = true;
	for (const c of cases) {
		// Each case must fail, and for the right reason: no-console in the injected file.
		const failedForTheReason = c.expectFile
			? !c.leg.passed &&
				c.leg.files.includes(c.expectFile) &&
				(c.leg.details ?? '').includes(c.expectFile) &&
				/\bno-console\b/.test(c.leg.details ?? '')
			: !c.leg.passed && c.leg.files.length === 0;
		ok &&= failedForTheReason;
		console.log(
			`${failedForTheReason ? 'PASS' : 'FAIL'}  self-test: ${c.name} (${plural(c.leg.files.length, 'file')}, ${plural(c.leg.errors, 'error')}, ${seconds(c.leg.ms)})`,
		);
		if (failedForTheReason && c.expectFile) {
			const hits = (c.leg.details ?? '').split('\n').filter((l) => /\bno-console\b/.test(l));
			console.log(`        ${rel(c.expectFile, WORK)}: ${hits.map((l) => l.trim()).join(' | ')}`);
		}
		if (!failedForTheReason) {
			console.log(`        expected a failure, got: ${c.leg.passed ? 'a pass' : c.leg.reason}`);
			if (c.leg.details) console.log(c.leg.details.replace(/^/gm, '        '));
		}
	}
	return ok;
}

async function main() {
	const started = Date.now();
	const recorder = recordLintedFiles();
	const scanner = await import(pathToFileURL(SCANNER_FILE).href);
	checkScannerAssumptions(scanner);
	const scannerVersion = readJson(
		path.join(path.dirname(SCANNER_FILE), '..', 'package.json'),
	).version;
	console.log(`n8n verification scan: ${SCANNER_PKG} ${scannerVersion}, analyzePackage, offline`);

	const source = await runLeg(scanner, recorder, ROOT, scanner.SOURCE_FILE_PATTERNS);
	printLeg('source', ROOT, scanner.SOURCE_FILE_PATTERNS, source);

	const { packageDir, tarball, fileCount } = packAndUnpack();
	const tarballLeg = await runLeg(scanner, recorder, packageDir, TARBALL_FILE_PATTERNS);
	printLeg('tarball', packageDir, TARBALL_FILE_PATTERNS, tarballLeg);
	console.log(`        (${tarball}: ${fileCount} files)`);

	const mapProblems = unshippedMapSources(packageDir);
	if (mapProblems.length) {
		console.log(`FAIL  the tarball ships source maps without their sources:`);
		for (const p of mapProblems) console.log(`        ${p}`);
	}

	let ok = source.passed && tarballLeg.passed && mapProblems.length === 0;
	if (selfTest) ok = (await runSelfTest(scanner, recorder, packageDir)) && ok;

	console.log(
		`${ok ? 'Scan passed' : 'Scan FAILED'} in ${seconds(Date.now() - started)}.${ok ? '' : ' The package would fail n8n verification.'}`,
	);
	return ok ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`Scan FAILED: ${error.message}`);
		process.exit(1);
	},
);
