// tests/fitparser/check.mjs - the workouts of `tendo plan --fit DIR` read
// by an independent decoder (fit-file-parser, MIT, pinned by
// tests/fitparser/package-lock.json) and held against the plan itself
// (`tendo --json plan`): one file per run, cross-training and rehab
// session, no other; each a workout file whose steps add up to the planned
// minutes exactly, with the documented targets (docs/clinical.md §9),
// strides as a repeat block when the plan allows them, the rehab as sets
// of repetitions of a calf raise.
// Usage: node check.mjs PLAN.json DIR hr MAX REST
//        node check.mjs PLAN.json DIR pace EASY_PACE_MIN_PER_KM
//        node check.mjs PLAN.json DIR open
import FitParser from 'fit-file-parser';
import fs from 'node:fs';
import path from 'node:path';

const [planFile, dir, mode, a1, a2] = process.argv.slice(2);
const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else { failed++; console.log('FAIL: ' + what); }
};
const parse = (file) => new Promise((resolve, reject) => {
  new FitParser({ force: false, mode: 'list' }).parse(fs.readFileSync(file),
    (err, data) => (err ? reject(err) : resolve(data)));
});

// the bands, computed here from the documented rule, not from tendo
function band(kind) {
  if (mode === 'hr') {
    const max = Number(a1), rest = Number(a2), hrr = max - rest;
    const [lo, hi] = kind === 'moderate' ? [0.70, 0.80] : [0.50, 0.70];
    return { type: 'heart_rate', low: Math.round(rest + lo * hrr) + 100,
             high: Math.round(rest + hi * hrr) + 100 };
  }
  if (mode === 'pace') {
    const v = 1000 / (Number(a1) * 60);
    const [lo, hi] = kind === 'moderate' ? [1, 1.08] : [1 / 1.15, 1];
    return { type: 'speed', low: Math.round(v * lo * 1000),
             high: Math.round(v * hi * 1000) };
  }
  return { type: 'open' };
}
const sameBand = (s, b) => s.target_type === b.type &&
  (b.type === 'open' || (s.custom_target_value_low === b.low &&
                         s.custom_target_value_high === b.high));

// seconds of time steps, each repeat adding its block (times - 1) more
function seconds(steps) {
  const sum = [0];
  steps.forEach((s, i) => {
    let add = 0;
    if (s.duration_type === 'time') add = s.duration_value / 1000;
    else if (s.duration_type === 'repeat_until_steps_cmplt')
      add = (sum[i] - sum[s.duration_value]) * (s.target_value - 1);
    else add = NaN;
    sum.push(sum[i] + add);
  });
  return sum[steps.length];
}

const crossSport = { bike: 'cycling', 'pool-run': 'training', swim: 'swimming',
                     walk: 'walking', elliptical: 'fitness_equipment' };
const calfRaise = ['heel-drop', 'single-leg-raise', 'bent-knee-drop',
                   'heel-raise', 'seated-raise'];
const expected = new Set();

for (const day of plan.days) {
  const files = [];
  if (day.kind === 'run') files.push([`${day.date}-run.fit`, 'run']);
  if (day.kind === 'cross-train' && crossSport[day.cross_training.type])
    files.push([`${day.date}-${day.cross_training.type}.fit`, 'cross']);
  if (day.rehab && calfRaise.includes(day.rehab.exercise))
    files.push([`${day.date}-rehab.fit`, 'rehab']);
  for (const [name, what] of files) {
    expected.add(name);
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) { check(false, `${name} missing`); continue; }
    let data;
    try { data = await parse(file); } catch (e) { check(false, `${name}: ${e}`); continue; }
    const fid = data.file_ids?.[0] ?? data.file_id;
    check(fid?.type === 'workout', `${name}: file type ${fid?.type}`);
    check(fid?.manufacturer === 'development', `${name}: manufacturer ${fid?.manufacturer}`);
    const w = data.workout;
    const steps = data.messages?.workout_step ?? [];
    check(w && w.num_valid_steps === steps.length,
          `${name}: ${w?.num_valid_steps} valid steps, ${steps.length} read`);
    steps.forEach((s, i) => check((s.message_index?.value ?? s.message_index) === i,
                                  `${name}: step ${i} has index ${JSON.stringify(s.message_index)}`));
    if (what === 'run') {
      const r = day.run;
      check(w.wkt_name === `${day.date} ${r.intensity} ${r.minutes} min`,
            `${name}: named "${w.wkt_name}"`);
      check(w.sport === 'running', `${name}: sport ${w.sport}`);
      check(seconds(steps) === r.minutes * 60,
            `${name}: ${seconds(steps)} s, the plan ${r.minutes} min`);
      const main = steps.find((s) => s.intensity === 'active');
      check(main && main.duration_type === 'time' &&
            sameBand(main, band(r.intensity)),
            `${name}: main step ${JSON.stringify(main)} vs ${JSON.stringify(band(r.intensity))}`);
      for (const s of steps.filter((x) => ['warmup', 'cooldown', 'recovery'].includes(x.intensity)))
        check(sameBand(s, band('easy')), `${name}: ${s.wkt_step_name} not in the easy band`);
      const rep = steps.find((s) => s.duration_type === 'repeat_until_steps_cmplt');
      check(!!rep === !!r.strides, `${name}: strides ${r.strides}, repeat ${!!rep}`);
      if (rep) {
        const stride = steps[rep.duration_value];
        check(rep.target_value === 4 && stride.wkt_step_name === 'Stride' &&
              stride.duration_value === 20000 && stride.intensity === 'interval',
              `${name}: strides ${JSON.stringify(stride)} x ${rep.target_value}`);
      }
      if (r.minutes >= 30) {
        check(steps[0].intensity === 'warmup' && steps[0].duration_value === 600000,
              `${name}: warm-up ${JSON.stringify(steps[0])}`);
        check(steps.at(-1).intensity === 'cooldown' &&
              steps.at(-1).duration_value === 300000,
              `${name}: cool-down ${JSON.stringify(steps.at(-1))}`);
      }
    } else if (what === 'cross') {
      const x = day.cross_training;
      check(w.sport === crossSport[x.type], `${name}: sport ${w.sport}`);
      check(steps.length === 1 && steps[0].duration_value === x.minutes * 60000,
            `${name}: ${JSON.stringify(steps)}`);
      // a heart-rate band carries over to cross-training, a running pace not
      check(sameBand(steps[0], mode === 'hr' ? band('easy') : { type: 'open' }),
            `${name}: target ${steps[0].target_type}`);
    } else {
      const rh = day.rehab;
      check(w.sport === 'training', `${name}: sport ${w.sport}`);
      const s = steps[0], rep = steps.at(-1);
      check(s.duration_type === 'reps' && s.duration_value === rh.reps,
            `${name}: ${s.duration_type} ${s.duration_value}, plan ${rh.reps} reps`);
      check(s.exercise_category === 'calf_raise', `${name}: ${s.exercise_category}`);
      check(rh.load_kg > 0 ? Math.abs(s.exercise_weight - rh.load_kg) < 0.01
                           : s.exercise_weight === undefined || s.exercise_weight === null,
            `${name}: weight ${s.exercise_weight}, plan ${rh.load_kg}`);
      check(rep.duration_type === 'repeat_until_steps_cmplt' &&
            rep.duration_value === 0 && rep.target_value === rh.sets,
            `${name}: ${rep.target_value} sets, plan ${rh.sets}`);
    }
  }
}
for (const f of fs.readdirSync(dir))
  check(expected.has(f), `${f}: a file the plan has no session for`);
console.log(`${mode}: ${expected.size} workouts read by fit-file-parser; ` +
            `${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
