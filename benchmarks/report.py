#!/usr/bin/env python3
"""Writes benchmarks/RESULTS.md from the JMH JSON files of one run of benchmarks/run.sh.

Results of the same benchmark and parameters from several JMH invocations (the rounds of run.sh) are
pooled: the score is the mean of every measured iteration of every fork, and the error is JMH's own
99.9% confidence half-width (Student's t) over those iterations. A ratio's interval is propagated from
the two errors to first order. Each run's ratios are appended to a history file, and RESULTS.md shows the
previous runs next to this one, so that a fix shows as a before/after.
"""

import argparse
import datetime
import glob
import json
import math
import os
import platform
import random
import re
import subprocess
import sys

# ---- statistics -------------------------------------------------------------------------------------


def _betacf(a, b, x):
    """Continued fraction of the incomplete beta function (Lentz), as in Numerical Recipes."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-12:
            break
    return h


def _betai(a, b, x):
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1.0 - x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t, df):
    x = df / (df + t * t)
    tail = 0.5 * _betai(df / 2.0, 0.5, x)
    return 1.0 - tail if t > 0 else tail


def t_quantile(p, df):
    lo, hi = 0.0, 1e4
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def median(values):
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return float('nan')
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2.0


class Stat:
    def __init__(self, samples, unit, forks):
        self.samples = samples
        self.unit = unit
        self.forks = forks
        n = len(samples)
        self.n = n
        self.median = median(samples)
        self.mean = sum(samples) / n if n else float('nan')
        if n > 1:
            var = sum((s - self.mean) ** 2 for s in samples) / (n - 1)
            self.error = t_quantile(0.9995, n - 1) * math.sqrt(var / n)
        else:
            self.error = float('nan')


# ---- reading JMH output ----------------------------------------------------------------------------

def load(jmh_dir):
    """{(benchmark, params tuple): {'primary': [samples], 'unit', 'mode', 'forks', 'alloc': [samples]}}"""
    pooled = {}
    for path in sorted(glob.glob(os.path.join(jmh_dir, '*.json'))):
        with open(path) as f:
            for result in json.load(f):
                name = result['benchmark'].split('.')[-2] + '.' + result['benchmark'].split('.')[-1]
                params = tuple(sorted((result.get('params') or {}).items()))
                entry = pooled.setdefault((name, params), {
                    'primary': [], 'alloc': [], 'secondary': {}, 'forks': 0,
                    'unit': result['primaryMetric']['scoreUnit'], 'mode': result['mode']})
                for fork in result['primaryMetric']['rawData']:
                    entry['primary'].extend(fork)
                    entry['forks'] += 1
                for metric, data in (result.get('secondaryMetrics') or {}).items():
                    if metric == 'gc.alloc.rate.norm':
                        for fork in data['rawData']:
                            entry['alloc'].extend(fork)
                    elif not metric.startswith('gc.'):
                        samples = entry['secondary'].setdefault(metric, [])
                        for fork in data['rawData']:
                            samples.extend(fork)
    return pooled


def find(pooled, name, metric=None, **params):
    """The primary metric (or a secondary one, by name) of a benchmark with these parameters."""
    for (bench, ps), entry in pooled.items():
        if bench == name and all(dict(ps).get(k) == v for k, v in params.items()):
            if metric is None:
                return Stat(entry['primary'], entry['unit'], entry['forks']), entry
            samples = entry['secondary'].get(metric)
            return (Stat(samples, 'ms', entry['forks']), entry) if samples else (None, None)
    return None, None


# ---- formatting -------------------------------------------------------------------------------------

def fmt(value, digits=3):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 'n/a'
    if abs(value) >= 1000:
        return f'{value:,.0f}'
    if abs(value) >= 100:
        return f'{value:.1f}'
    if abs(value) >= 10:
        return f'{value:.2f}'
    return f'{value:.{digits}f}'


def score(stat):
    return f'{fmt(stat.mean)} ± {fmt(stat.error)} {stat.unit}'


def alloc(entry):
    samples = entry['alloc'] if entry else []
    if not samples:
        return 'n/a'
    mean = sum(samples) / len(samples)
    return f'{mean:,.0f}'


BOOTSTRAP = 4000


def bootstrap(baseline, candidate, statistic, seed):
    """99% percentile interval of statistic(median(candidate'), median(baseline')) over resamples."""
    rng = random.Random(seed)
    b, c = baseline.samples, candidate.samples
    values = sorted(statistic(median(rng.choices(c, k=len(c))), median(rng.choices(b, k=len(b))))
                    for _ in range(BOOTSTRAP))
    return values[int(0.005 * BOOTSTRAP)], values[int(0.995 * BOOTSTRAP) - 1]


class Comparison:
    """candidate vs baseline: a ratio of medians (or, for start-up, also a difference) with a target."""

    def __init__(self, group, label, baseline, candidate, target=None, higher_is_better=False,
                 difference_target=None, note=''):
        self.group, self.label, self.note = group, label, note
        self.baseline, self.candidate = baseline, candidate
        self.target, self.higher_is_better, self.difference_target = target, higher_is_better, difference_target
        b, c = baseline, candidate
        seed = sum(map(ord, group + label))
        self.ratio = c.median / b.median
        self.ratio_low, self.ratio_high = bootstrap(b, c, lambda x, y: x / y, seed)
        self.difference = c.median - b.median
        self.difference_low, self.difference_high = bootstrap(b, c, lambda x, y: x - y, seed)
        self.mean_ratio = c.mean / b.mean
        rel = math.sqrt((c.error / c.mean) ** 2 + (b.error / b.mean) ** 2) if not (
            math.isnan(c.error) or math.isnan(b.error)) else float('nan')
        self.mean_ratio_error = self.mean_ratio * rel

    def target_text(self):
        if self.difference_target is not None:
            return f'<= +{self.difference_target:g} ms'
        if self.target is None:
            return 'reported'
        return (f'>= {self.target:g}x' if self.higher_is_better else f'<= {self.target:g}x')

    def verdict(self):
        if self.difference_target is not None:
            value, low, high, limit, higher = self.difference, self.difference_low, self.difference_high, \
                self.difference_target, False
        elif self.target is None:
            return '-'
        else:
            value, low, high, limit, higher = self.ratio, self.ratio_low, self.ratio_high, self.target, \
                self.higher_is_better
        ok = value >= limit if higher else value <= limit
        clear = (low >= limit if ok else high < limit) if higher else (high <= limit if ok else low > limit)
        word = '**met**' if ok else '**MISSED**'
        return word if clear else word + ' (interval straddles the target)'

    def ratio_text(self):
        return f'{self.ratio:.3f}x [{self.ratio_low:.3f}, {self.ratio_high:.3f}]'

    def mean_ratio_text(self):
        return f'{self.mean_ratio:.3f}x ± {fmt(self.mean_ratio_error)}'

    def key(self):
        return f'{self.group} / {self.label}'


# ---- machine ----------------------------------------------------------------------------------------

def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:
        return ''


def machine(java):
    cpu = ''
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        cpu = platform.processor()
    mem = ''
    try:
        with open('/proc/meminfo') as f:
            kb = int(f.readline().split()[1])
            mem = f'{kb / 1024 / 1024:.1f} GiB'
    except OSError:
        pass
    jvm = subprocess.run([java, '-version'], capture_output=True, text=True).stderr.strip().splitlines()
    return {
        'nproc': sh('nproc') or str(os.cpu_count()),
        'cpu': cpu,
        'memory': mem,
        'os': f'{platform.system()} {platform.release()} ({platform.machine()})',
        'jvm': ' / '.join(jvm),
    }


# ---- the report -------------------------------------------------------------------------------------

def comparisons(pooled):
    out = []
    F = 'FallbackDispatchBenchmark.dispatch'
    raw, _ = find(pooled, F, fallback='raw', message='failureAck')
    raw5, _ = find(pooled, F, fallback='raw5', message='failureAck')
    for name, target in (('bean', 1.05), ('annotated', 1.25), ('mixed5', None)):
        c, _ = find(pooled, F, fallback=name, message='failureAck')
        if raw and c:
            out.append(Comparison('fallback dispatch', f'{name} vs raw', raw, c, target))
    m5, _ = find(pooled, F, fallback='mixed5', message='failureAck')
    if raw5 and m5:
        out.append(Comparison('fallback dispatch', 'mixed5 vs raw5 (hand-written fan-out to five)', raw5, m5))
    oraw, _ = find(pooled, F, fallback='raw', message='orphanPublish')
    for name, target in (('bean', 1.05), ('annotated', 1.25)):
        c, _ = find(pooled, F, fallback=name, message='orphanPublish')
        if oraw and c:
            out.append(Comparison('fallback dispatch (orphan publish, supplementary)', f'{name} vs raw', oraw, c,
                                  target))
    L = 'ListenerDispatchBenchmark.dispatch'
    lraw, _ = find(pooled, L, listener='raw')
    lrawobj, _ = find(pooled, L, listener='rawObject')
    s, _ = find(pooled, L, listener='string')
    o, _ = find(pooled, L, listener='object')
    if lraw and s:
        out.append(Comparison('listener dispatch', 'String vs raw', lraw, s, 1.10))
    if lraw and o:
        out.append(Comparison('listener dispatch', 'object (JSON) vs raw', lraw, o))
    if lrawobj and o:
        # issue 15: the typed listener reads the JSON from the message's bytes, the raw handler from getData()
        out.append(Comparison('listener dispatch', 'object vs raw handler + same JsonMapper', lrawobj, o, 0.8))
    H = 'ListenerHandOffBenchmark.dispatch'
    for base, cand, label, target in (
            ('noopReceiveThread', 'noopHandOff', 'no-op listener, hand-off (per topic) vs receive thread (rate)', 0.7),
            ('blockingReceiveThread', 'blockingPerKey8',
             '1 ms blocking listener, per key x8 (order checked) vs receive thread (rate)', 6.0)):
        b, _ = find(pooled, H, variant=base)
        c, _ = find(pooled, H, variant=cand)
        if b and c:
            out.append(Comparison('listener hand-off', label, b, c, target, higher_is_better=True))
    P = 'PublishBenchmark.publish'
    for server, target, group in (('testServer', 1.05, 'publish'), ('sink', None, 'publish (sink, diagnostic)')):
        r, _ = find(pooled, P, publisher='raw', server=server)
        t, _ = find(pooled, P, publisher='template', server=server)
        if r and t:
            out.append(Comparison(group, 'AmpsTemplate.publish vs client.publish', r, t, target))
    C = 'ConfirmedPublishBenchmark.publish'
    craw, _ = find(pooled, C, publisher='raw')
    ctemplate, _ = find(pooled, C, publisher='template')
    cconfirmed, _ = find(pooled, C, publisher='confirmed')
    if craw and cconfirmed:
        out.append(Comparison('confirmed publish (memory store)', 'publishConfirmed vs client.publish', craw,
                              cconfirmed))
    if ctemplate and cconfirmed:
        out.append(Comparison('confirmed publish (memory store)', 'publishConfirmed vs AmpsTemplate.publish',
                              ctemplate, cconfirmed))
    E = 'EndToEndBenchmark.publishAndDeliver'
    sink, _ = find(pooled, E, server='sink')
    ts, _ = find(pooled, E, server='testServer')
    if sink and ts:
        out.append(Comparison('end to end', 'test server vs do-nothing sink (rate)', sink, ts, 0.50,
                              higher_is_better=True))
    tu, _ = find(pooled, E, server='testServerUnrecorded')
    if sink and tu:
        out.append(Comparison('end to end (diagnostic)', 'test server with recordFrames(0) vs sink (rate)', sink, tu,
                              higher_is_better=True))
    # The target is judged against the raw client (the rule: every figure against the raw AMPS client)
    # and, stricter, against an application with no AMPS client at all; the raw client's own cost is reported.
    for group, base, cand, target in (('start-up vs raw client', 'raw', 'with', 50),
                                      ('start-up', 'without', 'with', 50),
                                      ('start-up, raw client vs no client', 'without', 'raw', None)):
        for mode, label, cold_limit in (('cold', 'cold (first context of a JVM)', target),
                                        ('warm', 'warm (repeated)', None)):
            for metric, what, limit in ((None, 'wall-clock', cold_limit),
                                        ('threadCpuMs', 'CPU of the starting thread', None),
                                        ('processCpuMs', 'CPU of the whole JVM', None)):
                b, _ = find(pooled, f'StartupBenchmark.{mode}', metric, starter=base)
                c, _ = find(pooled, f'StartupBenchmark.{mode}', metric, starter=cand)
                if b and c:
                    out.append(Comparison(group, f'{label}, {what}', b, c, difference_target=limit))
    return out


ORDER = [
    ('FallbackDispatchBenchmark.dispatch', ('message', 'fallback'),
     [('failureAck', v) for v in ('raw', 'raw5', 'bean', 'annotated', 'mixed5')]
     + [('orphanPublish', v) for v in ('raw', 'bean', 'annotated')]),
    ('ListenerDispatchBenchmark.dispatch', ('listener',), [(v,) for v in ('raw', 'rawObject', 'string', 'object')]),
    ('ListenerHandOffBenchmark.dispatch', ('variant',),
     [(v,) for v in ('noopReceiveThread', 'noopHandOff', 'blockingReceiveThread', 'blockingPerKey8')]),
    ('PublishBenchmark.publish', ('server', 'publisher'),
     [(s, p) for s in ('testServer', 'sink') for p in ('raw', 'template')]),
    ('ConfirmedPublishBenchmark.publish', ('publisher',), [(v,) for v in ('raw', 'template', 'confirmed')]),
    ('EndToEndBenchmark.publishAndDeliver', ('server',), [('sink',), ('testServer',), ('testServerUnrecorded',)]),
    ('StartupBenchmark.cold', ('starter',), [('without',), ('raw',), ('with',)]),
    ('StartupBenchmark.warm', ('starter',), [('without',), ('raw',), ('with',)]),
]


def scores_table(pooled):
    lines = ['| benchmark | parameters | score ± error (99.9%) | median | samples | allocated B/op |',
             '|---|---|---|---|---|---|']
    for bench, keys, rows in ORDER:
        for values in rows:
            params = dict(zip(keys, values))
            stat, entry = find(pooled, bench, **params)
            if not stat:
                continue
            ptext = ', '.join(f'{k}={v}' for k, v in params.items())
            lines.append(f'| `{bench}` | {ptext} | {score(stat)} | {fmt(stat.median)} | {stat.n} ({stat.forks} forks) | '
                         f'{alloc(entry)} |')
            for metric in sorted(entry['secondary']):
                sec, _ = find(pooled, bench, metric, **params)
                lines.append(f'| `{bench}:{metric}` | {ptext} | {score(sec)} | {fmt(sec.median)} | {sec.n} | |')
    return '\n'.join(lines)


def ratios_table(comps):
    lines = ['| path | comparison | baseline (median) | candidate (median) | ratio of medians [99% interval] | '
             'difference | target | verdict | ratio of means ± error |',
             '|---|---|---|---|---|---|---|---|---|']
    for c in comps:
        unit = c.candidate.unit
        diff = (f'{c.difference:+.1f} {unit} [{c.difference_low:+.1f}, {c.difference_high:+.1f}]'
                if c.group.startswith('start-up') else '')
        lines.append(f'| {c.group} | {c.label} | {fmt(c.baseline.median)} {c.baseline.unit} | '
                     f'{fmt(c.candidate.median)} {unit} | {c.ratio_text()} | {diff} | {c.target_text()} | '
                     f'{c.verdict()} | {c.mean_ratio_text()} |')
    return '\n'.join(lines)


def history_table(history):
    runs = history if len(history) <= 8 else history[:1] + history[-7:]
    keys = []
    for run in runs:
        for k in run['ratios']:
            if k not in keys:
                keys.append(k)
    head = '| comparison | ' + ' | '.join(f"{r['date'][:16]} ({r['commit']}{'+' if r.get('dirty') else ''})"
                                         for r in runs) + ' |'
    lines = [head, '|---|' + '---|' * len(runs)]
    for k in keys:
        cells = []
        for r in runs:
            v = r['ratios'].get(k)
            if v is None:
                cells.append('')
            elif 'difference' in v:
                cells.append(f"{v['difference']:+.1f} ms" + (f" ({v['verdict'].split(' ')[0].lower()})"
                                                        if v.get('verdict', '-') != '-' else ''))
            else:
                cells.append(f"{v['ratio']:.3f}x" + (f" ({v['verdict'].split(' ')[0].lower()})"
                                                     if v.get('verdict', '-') != '-' else ''))
        lines.append(f'| {k} | ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jmh-dir', required=True)
    ap.add_argument('--results', required=True)
    ap.add_argument('--history', required=True)
    ap.add_argument('--java', default='java')
    ap.add_argument('--elapsed', type=int, required=True)
    ap.add_argument('--build-seconds', type=int, default=0)
    ap.add_argument('--rounds', type=int, default=1)
    ap.add_argument('--commit', help='the commit measured (default: HEAD now)')
    ap.add_argument('--dirty', choices=('yes', 'no'), help='whether the measured tree had changes outside benchmarks/')
    ap.add_argument('--date', help='the date of the run (default: now)')
    args = ap.parse_args()

    pooled = load(args.jmh_dir)
    if not pooled:
        sys.exit('no JMH results in ' + args.jmh_dir)
    comps = comparisons(pooled)
    info = machine(args.java)
    info['commit'] = args.commit or sh('git', 'rev-parse', '--short', 'HEAD')
    info['dirty'] = (args.dirty == 'yes') if args.dirty else bool(
        sh('git', 'status', '--porcelain', '--', '.', ':!benchmarks'))
    now = args.date or datetime.datetime.now().astimezone().isoformat(timespec='seconds')

    def read(name):
        path = os.path.join(args.jmh_dir, name)
        return open(path).read().strip() if os.path.exists(path) else 'n/a'

    history = []
    if os.path.exists(args.history):
        with open(args.history) as f:
            history = json.load(f)
    entry = {'date': now, 'commit': info['commit'], 'dirty': info['dirty'], 'elapsed_s': args.elapsed,
             'ratios': {}}
    for c in comps:
        value = {'ratio': round(c.ratio, 4), 'low': round(c.ratio_low, 4), 'high': round(c.ratio_high, 4),
                 'verdict': c.verdict().replace('**', '')}
        if c.group.startswith('start-up'):
            value['difference'] = round(c.difference, 2)
        entry['ratios'][c.key()] = value
    history.append(entry)
    with open(args.history, 'w') as f:
        json.dump(history, f, indent=1)
        f.write('\n')

    here = os.path.dirname(os.path.abspath(__file__))
    findings_path = os.path.join(here, 'FINDINGS.md')
    findings = open(findings_path).read().strip() if os.path.exists(findings_path) else ''
    method_path = os.path.join(here, 'METHOD.md')
    method = open(method_path).read().strip() if os.path.exists(method_path) else ''

    missed = [c for c in comps if 'MISSED' in c.verdict()]
    summary = ('Every target met.' if not missed else
               'Targets missed in this run: ' + '; '.join(
                   f'{c.group}, {c.label}: {c.verdict().replace("**", "").replace("MISSED", "missed")}'
                   for c in missed) + '.')
    out = f"""# Benchmark results

Generated by `bash benchmarks/run.sh` (do not edit by hand: the next run rewrites it; the prose comes from
`benchmarks/METHOD.md` and `benchmarks/FINDINGS.md`).

- Run: {now}, commit `{info['commit']}`{' (with uncommitted changes outside benchmarks/)' if info['dirty'] else ''},
  {args.elapsed} s in all ({args.build_seconds} s of it building), {args.rounds} round(s).
- Machine: {info['nproc']} CPUs (`nproc`), {info['cpu']}, {info['memory']} RAM, {info['os']}.
- JVM: {info['jvm']}.
- JMH 1.37, `-prof gc`. Load before the run: {read('machine-before.txt')}. After: {read('machine-after.txt')}.

{summary}

## Ratios against the raw AMPS client (this run)

Time ratios (dispatch, publish, start-up) are candidate / baseline, lower is better; the end-to-end
ratio is a rate, higher is better. The ratio is that of the medians of every measured iteration (all forks,
all rounds), which a slow spell of a shared machine moves less than the mean; the interval is a 99% bootstrap
percentile interval. A verdict is "met" or "MISSED" on the ratio itself, and says so when the interval
reaches the other side of the target. The last column is the ratio of JMH's means with the 99.9% error
propagated from both scores, for reference.

{ratios_table(comps)}

## Scores

Pooled over the rounds: mean of every measured iteration of every fork, 99.9% confidence half-width.
Allocation is `gc.alloc.rate.norm`: bytes allocated in the whole JVM per operation (for publish and end to
end this includes the in-process server's allocation).

{scores_table(pooled)}

## Ratios over the recorded runs

From `benchmarks/results-history.json` (the first recorded run and the latest ones, this one last); a fix
shows as a before/after.

{history_table(history)}

{method}

{findings}
"""
    with open(args.results, 'w') as f:
        f.write(re.sub(r'\n{3,}', '\n\n', out).rstrip() + '\n')


if __name__ == '__main__':
    main()
