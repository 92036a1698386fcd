const { src, dest } = require('gulp');

// tsc compiles the code; n8n also needs the icons and the codex files next to it in dist/.
function buildIcons() {
	return src(['icons/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg', 'nodes/**/*.node.json'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
