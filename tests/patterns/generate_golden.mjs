#!/usr/bin/env node
// Regenerates tests/patterns/golden/cases.txt: the events Strudel 1.2.6 (the reference of
// LANGUAGE.md §8.11) produces for each mini-notation case below, as exact fractions. The C++ test
// tests/patterns/golden_test.cpp replays every query and compares our events exactly; it needs
// neither Node nor the network.
//
// Usage (with a copy of the oracle, see ../shared/tools/strudel-oracle/README.md):
//   cp -r ../shared/tools/strudel-oracle /tmp/strudel-oracle && (cd /tmp/strudel-oracle && npm install)
//   ORACLE=/tmp/strudel-oracle node tests/patterns/generate_golden.mjs
//
// Output, per case:
//   pattern <the pattern string>
//   query from=<cycle> cycles=<n> step=<fraction|none|single> onsets=<0|1>
//   (none: one query per cycle; single: one query over the whole range)
//   <whole begin> <whole end> <part begin> <part end> <onset 0|1> <value>   (one line per event)
//   end
// A value is w:<word>, n:<number as JavaScript prints it> or p(<value>,<value>) for `x:v`.
//
// Deliberate differences from the oracle (§8.11), left out here and tested in parse_test.cpp:
//   - number spellings other than [-]digits[.digits][exponent] / [-].digits[exponent] (0x10,
//     1., Infinity) stay words in weft; Strudel turns them into numbers;
//   - `..` inside a word (Strudel: part of the word; weft: an unsupported range, an error);
//   - `a:b:c` (Strudel: a triple; weft: one `:` value per step, an error);
//   - Euclid rotations r with |r| >= n: the spec takes r mod n; Strudel's array slice ignores
//     them (a(3,8,10) plays as a(3,8)); tests/patterns/query_test.cpp covers weft's reading.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const oracleDir = process.env.ORACLE ?? '/tmp/strudel-oracle';
const here = dirname(fileURLToPath(import.meta.url));

// [pattern, cycles, options]; options: from, step, onsets.
const cases = [];
const add = (pattern, cycles = 1, opts = {}) => cases.push([pattern, cycles, opts]);

// Words, numbers, rests, sequences.
for (const p of ['bd', 'bd sn', 'bd sn hh cp', 'bd ~ sn -', '~', '0.5 -1 2e3 .25 -.5 1E-2',
  'c4 eb3 f#5 Bb2 a', 'bd*2 [sn cp]', 'a b c d e f g', 'bd sd . hh hh hh', 'a . b c . [d e] f',
  'bd#3 sn-1 x_y a.b ~a'])
  add(p, 2);
// Brackets and nesting.
for (const p of ['[a b] c', '[a [b c]] d', '[[a b] [c [d e]]] f', '[a, b c]', 'a [b, c d e]',
  '[a b c, d e]', '[a | b | c] d', '[a | b] [c | d]'])
  add(p, 4);
// Alternation.
for (const p of ['<a b c>', '<a b> c', '<a <b c>>', '<a <b <c d>>>', '<a b, c d e>', '<[a b] c>',
  '<a@3 b>', '<a b!2>', '<a b>*2', '<a b>/2', '[<a b> <c d e>]*2', '<a {b c, d e f}>',
  '<{a b c}%4 d>', '<a? b?>', '<a(3,8) b>', '<a:1 b:2>', '< a b >'])
  add(p, 6);
// Speed.
for (const p of ['a*2', 'a*3 b', 'a/2', 'a/3 b', 'a*1.5', 'a/1.5 b', 'a*<2 3>', 'a*<1 2 4> b',
  'a/<2 3>', '[a b]*<2 3>', 'a*[2 3]', 'a*2.5 b/0.5', '[a b c]/4', 'a*0', '0/2 1', 'a b*<1 [2 3]>'])
  add(p, 4);
// Weights, elongation, replication.
for (const p of ['a@3 b', 'a@1.5 b c', 'a _ b', 'a _ _ b _', 'a@2 _ b', 'a!3 b', 'a! b', 'a!! b',
  'a ! ! b', 'a!2 b!3', '<a b>!2 c', '[a b]!2', 'a@2!2 b', 'a!2@3 b', 'a*2!2 b', '<a b c>!3',
  'a@0.5 b@0.25', 'a? b!2'])
  add(p, 3);
// Euclid.
for (const p of ['a(3,8)', 'a(5,8)', 'a(3,8,2)', 'a(5,8,3)', 'a(2,5)', 'a(7,12)', 'a(9,16)',
  'a(4,7,1)', 'a(-3,8)', 'a(0,4)', 'a(8,8)', '[a b](3,8)', 'a(<3 5>,8)', 'a(3,<8 16>)',
  'a(<3 5>,8,<0 2>)', 'a(3,8,<1 2 3>)', '[a b c](5,8,1)', 'a(3 , 8 , 2)', '<a b>(3,8)',
  'a(3,8)*2', 'a(1,3) b(2,5)'])
  add(p, 3);
// Polymeter.
for (const p of ['{a b c}', '{a b, c d e}', '{a b c}%4', '{a b, c d e}%4', '{a b c}%<2 4>',
  '{a@2 b, c d}', '{a [b c], d e f}', '{<a b> c d}', '{a b c, d e}%2', '{a b c d e}%3'])
  add(p, 4);
// Degrade: several cycles, nested, with seeds.
for (const p of ['a?', 'a*8?', 'a*8?0.3', 'a*8?0.8', 'a? b? c? d?', '[a b c d]?', '[a? b?]?',
  '[a|b|c] [d|e]?', 'a*16?', '<a b>*8?', 'a(5,8)?', 'a? . b?'])
  add(p, 8);
// Random choice.
for (const p of ['a | b', 'a | b | c', 'a b | c d e', '[a|b]*4', '[a|b|c]*8', '<[a|b] c>',
  '[a | b c] [d | e]', '[a, b] | c'])
  add(p, 8);
// Feet.
for (const p of ['a b . c', 'a . b . c d', '[a . b c] d', 'a . b? c?', 'a b . [c | d]*4'])
  add(p, 4);
// Pairs.
for (const p of ['bd:3', 'bd:3 sn:1', 'bd:<1 2>', 'bd*2:3', '[bd sn]:2', 'bd:[1 2]', 'a:b',
  '0:1 2:3', 'bd:3?', 'bd:1(3,8)'])
  add(p, 4);
// Combinations.
for (const p of ['bd*2 [~ sn] <hh [hh hh]> cp?', '<[a b]*2 {c d e}%4>', '{<a b> [c d]*2, e f g}',
  '[a b c]@2 <d e>!2 f?', '<a(3,8) [b c]*<2 3>> d', 'c3 eb3 g3 <bb3 c4>',
  '[c4, e4, g4] <[d4, f4] [e4, g4]>', 'bd(3,8,<0 2>) hh*<4 8>', '<a!2 b@3> c _',
  '[a|b|c]*4 . d?', '{a b c}%<3 5>*2', '<<a b> <c d e>>*3', 'a*<2 [3 4]>', '[a <b c>]/2 d',
  '<a b>(<3 5>,8)', 'a@2 [b c]@3 d'])
  add(p, 6);

// Block-wise queries with onsets at several step sizes.
for (const [p, step] of [['bd*2 [sn cp]', '1/8'], ['a@3 b', '1/8'], ['<a b>*3', '1/4'],
  ['a(3,8)', '1/16'], ['a/2 b', '1/3'], ['{a b c}%4', '1/7'], ['a*8?', '1/8'],
  ['[a|b]*4', '1/5'], ['c3 eb3 g3 <bb3 c4>', '1/64'], ['a*3 b*5', '3/32'],
  ['bd:3 sn', '1/2'], ['a _ b!2', '1/6']]) {
  add(p, 2, { step, onsets: true });
  add(p, 2, { step });
}
// Queries from other cycles (negative and large).
for (const [p, from] of [['<a b c>', '-3'], ['a b?', '-2'], ['[a|b|c]*2', '-5'], ['a(3,8,1)', '7'],
  ['<a <b c>>', '100'], ['a*8?', '1000'], ['{a b c}%4', '999'], ['a/3', '-1'], ['<a b>*3', '12345'],
  ['a b', '1/3'], ['a*4?', '299'], ['[a|b|c|d]*4', '2999']]) {
  add(p, 3, { from });
}

// One query over the whole range (--single): multi-cycle spans, fragments at no cycle boundary.
for (const [p, cycles, from] of [['a/2 b', '3', '0'], ['<a b>*3', '2', '1/3'], ['a@3 b', '5/2', '-1'],
  ['[a b]/3', '4', '0'], ['a(3,8)/2', '3', '0'], ['{a b c}%2', '7/3', '0'], ['a*<2 3>', '3', '0'],
  ['a/1.5 b', '4', '-2'], ['a*8?', '3', '0'], ['[a|b|c]*2', '4', '0'], ['bd:<1 2>/2', '3', '0'],
  ['<a b!2>/2', '5', '0']]) {
  add(p, cycles, { from, single: true });
}

// Random combinations: 40 patterns from a small seeded generator (every construct, groups nested
// up to two levels), per cycle from 0 and in slices of 1/3 from cycle -2.
function randomPatterns(count, seed) {
  let state = seed;
  const rnd = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const word = () => pick(['a', 'b', 'c', 'd', '~', '1', '2.5', 'c4', 'e']);
  const num = () => pick(['2', '3', '1.5', '0.5', '4']);
  const factor = () => (rnd() < 0.6 ? num() : rnd() < 0.5 ? `<${num()} ${num()}>` : `[${num()} ${num()}]`);
  const seq = (d) => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => step(d)).join(' ');
  const term = (d) => {
    const r = rnd();
    if (d > 1 || r < 0.45) return word();
    if (r < 0.6) return `[${layers(d + 1)}]`;
    if (r < 0.75) return `<${seq(d + 1)}${rnd() < 0.3 ? ', ' + seq(d + 1) : ''}>`;
    return `{${seq(d + 1)}${rnd() < 0.5 ? ', ' + seq(d + 1) : ''}}${rnd() < 0.5 ? '%' + pick(['2', '3', '<2 3>']) : ''}`;
  };
  const step = (d) => {
    let s = term(d);
    let pairable = /^[a-z0-9.]+$/.test(s); // one `:` per step, on a word
    for (let i = Math.floor(rnd() * 3); i > 0; i--) {
      const r = rnd();
      if (r < 0.2) s += '*' + factor();
      else if (r < 0.35) s += '/' + factor();
      else if (r < 0.45) s += '!' + pick(['', '2', '3']);
      else if (r < 0.55) s += '@' + pick(['2', '3', '1.5']);
      else if (r < 0.65) s += '?' + pick(['', '0.3', '0.7']);
      else if (r < 0.8) s += `(${pick(['3', '5', '<2 3>', '-3'])},${pick(['8', '7', '<8 5>'])}${pick(['', ',1', ',<0 2>'])})`;
      else if (r < 0.9 && pairable) {
        s += ':' + pick(['1', '2', '<1 2>', '[1 2]']);
        pairable = false;
      }
      else s += ' _';
    }
    return s;
  };
  const layers = (d) => {
    if (rnd() < 0.6) return seq(d);
    const sep = pick([', ', ' | ', ' . ']);
    return Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => seq(d)).join(sep);
  };
  return Array.from({ length: count }, () => layers(0));
}
for (const p of randomPatterns(40, 20261121)) {
  add(p, 4);
  add(p, 4, { from: '-2', step: '1/3' });
}

function runOracle(pattern, cycles, opts) {
  const args = [join(oracleDir, 'oracle.mjs')];
  if (opts.from) args.push('--from', opts.from);
  if (opts.step) args.push('--step', opts.step);
  if (opts.onsets) args.push('--onsets');
  if (opts.single) args.push('--single');
  args.push(pattern, String(cycles));
  return execFileSync('node', args, { encoding: 'utf8', cwd: oracleDir });
}

const encode = (v) => {
  if (Array.isArray(v)) return `p(${v.map(encode).join(',')})`;
  if (typeof v === 'number') return `n:${v}`;
  return `w:${v}`;
};

const out = [];
for (const [pattern, cycles, opts] of cases) {
  out.push(`pattern ${pattern}`);
  out.push(`query from=${opts.from ?? '0'} cycles=${cycles} step=${opts.single ? 'single' : opts.step ?? 'none'} onsets=${opts.onsets ? 1 : 0}`);
  let text;
  try {
    text = runOracle(pattern, cycles, opts);
  } catch (e) {
    throw new Error(`the oracle rejects ${JSON.stringify(pattern)}: ${e.stderr}`);
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    const h = JSON.parse(line);
    out.push(`${h.whole[0]} ${h.whole[1]} ${h.part[0]} ${h.part[1]} ${h.onset ? 1 : 0} ${encode(h.value)}`);
  }
  out.push('end');
}
writeFileSync(join(here, 'golden', 'cases.txt'), out.join('\n') + '\n');
process.stdout.write(`${cases.length} cases\n`);
