// Row 5 of the benchmark: gray-matter for the front matter and markdown-it for the body,
// as a JavaScript user would parse an article, every article in one process.
// Usage: node node_bench.js MODULES_DIR RUNS FILE...
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, runsArg, ...files] = process.argv.slice(2);
const matter = require(path.resolve(modules, 'node_modules', 'gray-matter'));
const MarkdownIt = require(path.resolve(modules, 'node_modules', 'markdown-it'));
const md = new MarkdownIt();

const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const times = [];
for (let r = 0; r < Number(runsArg); r++) {
    const t0 = process.cpuUsage();
    for (const t of texts) {
        // With options given, gray-matter does not serve the result from its cache.
        const fm = matter(t, {});
        const tokens = md.parse(fm.content, {});
        const blocks = [];
        for (const tok of tokens)
            if (tok.type === 'inline')
                blocks.push(tok.children.filter((c) => c.type === 'text')
                    .map((c) => c.content).join(''));
    }
    const used = process.cpuUsage(t0);
    times.push((used.user + used.system) / 1e6);
}
const rss = process.resourceUsage().maxRSS;
console.log(JSON.stringify({ files: texts.length, bytes, maxrss_kb: rss, times }));
