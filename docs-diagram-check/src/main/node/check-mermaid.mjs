// Parses every ```mermaid block of every Markdown file under a directory with Mermaid's own parser, the one GitHub's
// renderer runs, and fails naming file:line and the parser's message for each block that would not render.
//
//   node check-mermaid.mjs <root> [--exclude <path relative to root>]...
//
// Exit 0: every block parsed (a summary line says how many files and blocks). Exit 1: at least one block did not.
// Exit 2: wrong usage. Directories named node_modules or target, and hidden ones, are not searched.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { JSDOM } from 'jsdom';

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'target']);
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})\s*mermaid\s*$/;

function parseArguments(argv) {
    const excluded = [];
    let root;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--exclude' && i + 1 < argv.length) {
            excluded.push(argv[++i]);
        } else if (!argv[i].startsWith('--') && root === undefined) {
            root = argv[i];
        } else {
            return undefined;
        }
    }
    if (root === undefined) return undefined;
    const absoluteRoot = resolve(root);
    return { root: absoluteRoot, excluded: excluded.map((path) => resolve(absoluteRoot, path)) };
}

function markdownFiles(directory, excluded) {
    const files = [];
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const path = join(directory, entry.name);
        if (excluded.some((prefix) => path === prefix || path.startsWith(prefix + sep))) continue;
        if (entry.isDirectory()) {
            if (!entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) {
                files.push(...markdownFiles(path, excluded));
            }
        } else if (entry.isFile() && entry.name.endsWith('.md')) {
            files.push(path);
        }
    }
    return files.sort();
}

/** The mermaid blocks of one Markdown text, each with the 1-based line of its opening fence. */
function mermaidBlocks(text) {
    const lines = text.split(/\r?\n/);
    const blocks = [];
    for (let i = 0; i < lines.length; i++) {
        const opening = FENCE_OPEN.exec(lines[i]);
        if (!opening) continue;
        const fence = opening[1];
        const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
        const body = [];
        let j = i + 1;
        while (j < lines.length && !closing.test(lines[j])) body.push(lines[j++]);
        blocks.push({ line: i + 1, source: body.join('\n'), closed: j < lines.length });
        i = j;
    }
    return blocks;
}

async function loadMermaid() {
    // Mermaid sanitizes labels with DOMPurify, which needs a DOM: jsdom gives it one, as a browser would.
    const { window } = new JSDOM('<!doctype html><html><body></body></html>');
    globalThis.window = window;
    globalThis.document = window.document;
    const { default: mermaid } = await import('mermaid');
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    return mermaid;
}

/** The file's line the parser points at ("Parse error on line N" counts from the block's first line), else the fence's. */
function lineOfError(block, message) {
    const reported = /on line (\d+)/.exec(message);
    return reported ? block.line + Number(reported[1]) : block.line;
}

function firstLines(message, count) {
    return String(message).split('\n').slice(0, count).join('\n    ');
}

async function main() {
    const options = parseArguments(process.argv.slice(2));
    if (!options) {
        console.error('usage: node check-mermaid.mjs <root> [--exclude <path>]...');
        return 2;
    }
    const mermaid = await loadMermaid();
    const failures = [];
    let blockCount = 0;
    let fileCount = 0;
    for (const file of markdownFiles(options.root, options.excluded)) {
        const blocks = mermaidBlocks(readFileSync(file, 'utf8'));
        if (blocks.length === 0) continue;
        fileCount++;
        const name = relative(options.root, file);
        for (const block of blocks) {
            blockCount++;
            if (!block.closed) {
                failures.push(`${name}:${block.line}: mermaid block is never closed`);
                continue;
            }
            try {
                await mermaid.parse(block.source);
            } catch (error) {
                const message = String(error?.message ?? error);
                failures.push(`${name}:${lineOfError(block, message)}: ${firstLines(message, 4)}`);
            }
        }
    }
    for (const failure of failures) console.error(failure);
    const summary = `${blockCount} mermaid block(s) in ${fileCount} file(s) under ${options.root}`;
    if (failures.length > 0) {
        console.error(`${failures.length} of ${summary} do not parse`);
        return 1;
    }
    console.log(`${summary}: all parse`);
    return 0;
}

process.exitCode = await main();
