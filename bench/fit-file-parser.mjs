// bench/fit-file-parser.mjs - the same measurement as bench_fit.c with the
// MIT-licensed fit-file-parser (npm), installed locally by bench/fit.sh.
// usage: node fit-file-parser.mjs RUNS PATH...
import fs from 'node:fs';
import path from 'node:path';
import FitParserModule from 'fit-file-parser';
const FitParser = FitParserModule.default ?? FitParserModule;

const runs = Number(process.argv[2]);
const files = [];
for (const p of process.argv.slice(3)) {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const f of fs.readdirSync(p)) if (f.endsWith('.fit')) files.push(fs.readFileSync(path.join(p, f)));
  } else files.push(fs.readFileSync(p));
}
const bytes = files.reduce((s, b) => s + b.length, 0);
const parse = (buf) => new Promise((resolve) => {
  const parser = new FitParser({ force: true, mode: 'list', speedUnit: 'm/s', lengthUnit: 'm' });
  parser.parse(buf, (err, data) => resolve(err ? 0 : (data.records || []).length));
});
const times = [];
let records = 0;
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  let recs = 0;
  for (const b of files) recs += await parse(b);
  times.push((performance.now() - t0) / 1000);
  records = recs;
}
times.sort((a, b) => a - b);
const med = times[Math.floor(runs / 2)];
console.log(`fit-file-parser  ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${records} records: best ${times[0].toFixed(3)} s, median ${med.toFixed(3)} s, ${(bytes / 1e6 / med).toFixed(2)} MB/s, ${(records / 1e6 / med).toFixed(3)} M records/s`);
