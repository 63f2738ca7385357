// A fixture static project: build.sh (run by the platform inside the busybox test image)
// writes dist/ with pages, a hashed asset, a 404 page, a big text file and $SITE_VERSION.
export function staticSiteFiles(opts: { marker: string; buildExtra?: string; failBuild?: boolean }): Record<string, string> {
  return {
    'build.sh': `#!/bin/sh
set -e
echo "building ${opts.marker}"
${opts.failBuild ? 'echo "error: the bundler crashed" >&2\nexit 3' : ''}
mkdir -p dist/assets dist/docs
cp src/index.html dist/index.html
cp src/404.html dist/404.html
cp src/docs.html dist/docs/index.html
cp src/app.js dist/assets/app.3f9a1c2b.js
cp src/style.css dist/assets/style.css
echo "version $SITE_VERSION" > dist/version.txt
i=0
while [ $i -lt 3000 ]; do echo "line $i of a big, very compressible text file"; i=$((i+1)); done > dist/big.txt
${opts.buildExtra ?? ''}
echo "build done"
`,
    'src/index.html': `<!doctype html><html><head><link rel="stylesheet" href="/assets/style.css"></head><body><h1>${opts.marker}</h1><script src="/assets/app.3f9a1c2b.js"></script></body></html>\n`,
    'src/404.html': `<!doctype html><title>Not found</title><p>custom 404 page of ${opts.marker}</p>\n`,
    'src/docs.html': `<!doctype html><p>docs of ${opts.marker}</p>\n`,
    'src/app.js': `console.log(${JSON.stringify(opts.marker)});\n`.repeat(20),
    'src/style.css': `body { font-family: sans-serif; color: #222; }\n`.repeat(20),
  };
}
